import type { Command } from 'commander';
import type { Platform } from '../platform/platform.js';
import { usingPlatform as using } from '../cli/using.js';
import { identityOf } from './identity.module.js';

export function identityCli(program: Command, open: () => Promise<Platform>): void {
  const identity = program.command('identity').description('One file per person and enterprise (一人一档)');
  identity
    .command('resolve')
    .description('Link person records into files: incremental by default, --full to re-link everything')
    .option('--full', 're-link every record (may merge or split files)')
    .option('--json', 'print the summary as one JSON object')
    .action((opts: { full?: boolean; json?: boolean }) =>
      using(open, async (p) => {
        const s = await identityOf(p).resolve.run(opts.full ? 'full' : 'incremental', opts.json ? undefined : (m) => process.stderr.write(`${m}\n`));
        console.log(opts.json ? JSON.stringify(s) : s);
      }),
    );
}
