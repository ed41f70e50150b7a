import { Command, CommanderError } from 'commander';
import { ConfigError } from '../platform/config.js';
import { DomainError } from '../platform/errors.js';
import { allModules } from '../modules.js';
import { openFromEnv } from './context.js';
import { serveCommand } from './serve.js';

const program = new Command('tianmu')
  .description('Tianmu 天目 — open platform for a district data bureau')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

serveCommand(program);
for (const m of allModules()) m.cli?.(program, () => openFromEnv());

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  if (err instanceof DomainError) {
    console.error(`错误 (${err.code}): ${err.message}`);
    if (err.fields) for (const [k, v] of Object.entries(err.fields)) console.error(`  ${k}: ${v}`);
    process.exit(1);
  }
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
}
