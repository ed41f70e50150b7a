import type { Command } from 'commander';
import { usingPlatform as using } from '../cli/using.js';
import type { Platform } from '../platform/platform.js';
import { supervisionOf } from './supervision.module.js';

export function supervisionCli(program: Command, open: () => Promise<Platform>): void {
  const supervision = program.command('supervision').description('Data-driven supervision (护廉天目): warning models and warnings');
  supervision
    .command('run')
    .description('Run the warning models over current data and print the warnings raised, updated and unchanged')
    .option('--model <id...>', 'run only these models (default: every enabled model)')
    .option('--as-of <date>', 'reference date YYYY-MM-DD (default: the supervision.asOf setting, else today)')
    .option('--no-dispatch', 'raise warnings without sending any to dispatch')
    .option('--json', 'print the summary as one JSON object')
    .action((opts: { model?: string[]; asOf?: string; dispatch: boolean; json?: boolean }) =>
      using(open, async (p) => {
        if (opts.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new Error(`--as-of must be YYYY-MM-DD, got ${opts.asOf}`);
        const r = await supervisionOf(p).runs.run({
          modelIds: opts.model, asOf: opts.asOf, actor: 'cli', dispatch: opts.dispatch,
          onProgress: opts.json ? undefined : (done, total, model) => model && process.stderr.write(`[${done + 1}/${total}] ${model}\n`),
        });
        if (opts.json) return console.log(JSON.stringify(r));
        for (const m of r.models) {
          const line = m.skipped ? `skipped: ${m.skipped}` : `raised ${m.raised}, re-raised ${m.reraised}, updated ${m.updated}, unchanged ${m.unchanged}, cleared ${m.cleared}, dispatched ${m.dispatched} (${m.ms} ms)`;
          console.log(`${m.model.padEnd(44)} ${line}`);
        }
        const t = r.totals;
        console.log(`run ${r.run} as of ${r.asOf}: ${t.hits} hits; raised ${t.raised}, re-raised ${t.reraised}, updated ${t.updated}, unchanged ${t.unchanged}, cleared ${t.cleared}, dispatched ${t.dispatched} in ${r.seconds} s`);
      }),
    );
  supervision
    .command('models')
    .description('List the warning models')
    .action(() =>
      using(open, async (p) => {
        for (const m of await supervisionOf(p).models.list()) console.log(`${m.id.padEnd(44)} v${m.version} ${m.enabled ? 'enabled ' : 'disabled'} ${m.name}`);
      }),
    );
}
