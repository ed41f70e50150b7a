import { createWriteStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { progressBar } from '../cli/progress.js';
import type { Principal } from '../platform/auth/principal.js';
import type { Platform } from '../platform/platform.js';
import { Invalid } from '../platform/errors.js';
import { toSafeCsv } from './export/csv-safe.js';
import { ingestOf } from './ingest.module.js';
import type { BatchSummary } from './pipeline/batch-runner.js';
import type { BatchHold } from './pipeline/deletion-guard.js';
import { usingPlatform } from '../cli/using.js';

/** Whoever runs the CLI on the server already holds the data folder and its keys: full trust. */
export const CLI_PRINCIPAL: Principal = { kind: 'user', id: 'cli', name: 'cli', displayName: 'command line', role: 'admin', scope: { kind: 'district', code: '330112' } };

const using = usingPlatform;

/** Runs one file through the pipeline in this process, with a progress bar on stderr. */
export async function ingestFileNow(p: Platform, dataset: string, file: string, o: { format?: 'csv' | 'xlsx' | 'ndjson'; encoding?: 'utf8' | 'gbk' | 'gb18030'; resubmit?: boolean; quiet?: boolean }): Promise<BatchSummary> {
  await p.jobs.start(100);
  const { batch, job } = await ingestOf(p).ingest.start(dataset, { path: resolve(file), format: o.format, encoding: o.encoding, resubmit: o.resubmit }, CLI_PRINCIPAL, 'cli');
  const bar = o.quiet ? null : progressBar(`Batch ${batch}`);
  const end = await p.jobs.waitFor(job, (j) => bar?.update(j.done, j.total, ''));
  bar?.stop();
  if (end.status !== 'succeeded') throw new Invalid(`批次 ${batch} 失败 (batch failed): ${end.error}`, { file: end.error ?? 'failed' }, 'batch_failed');
  return end.result as BatchSummary;
}

export function ingestCli(program: Command, open: () => Promise<Platform>): void {
  const dataset = program.command('dataset').description('The dataset catalog');
  dataset
    .command('create')
    .description('Register (or update) a dataset from a JSON contract (see docs/ingest.md)')
    .requiredOption('--spec <file>', 'contract JSON')
    .action((o: { spec: string }) =>
      using(open, async (p) => {
        let spec: unknown;
        try {
          spec = JSON.parse(readFileSync(resolve(o.spec), 'utf8'));
        } catch (e) {
          throw new Invalid(`无法读取契约文件 (cannot read the contract): ${(e as Error).message}`, { spec: 'not valid JSON' });
        }
        const r = await ingestOf(p).catalog.register(spec, CLI_PRINCIPAL);
        console.log(`${r.created ? 'Created' : r.changed ? 'Updated' : 'Unchanged'} ${r.dataset.name} (version ${r.dataset.version})`);
      }),
    );
  dataset.command('list').action(() => using(open, async (p) => console.table(await ingestOf(p).catalog.list(null))));

  const ingest = program
    .command('ingest')
    .description('Ingest a file into a dataset as one batch')
    .argument('[dataset]')
    .argument('[file]')
    .addOption(new Option('--format <format>').choices(['csv', 'xlsx', 'ndjson']))
    .addOption(new Option('--encoding <encoding>', 'detected when not given').choices(['utf8', 'gbk', 'gb18030']))
    .option('--resubmit', 'a corrected quarantine file: merge, close the rejects it fixes')
    .option('--json', 'print the batch summary as one JSON object')
    .action((ds: string | undefined, file: string | undefined, o: { format?: 'csv'; encoding?: 'utf8'; resubmit?: boolean; json?: boolean }) => {
      if (!ds || !file) {
        ingest.help({ error: true });
      }
      return using(open, async (p) => {
        const summary = await ingestFileNow(p, ds!, file!, { ...o, quiet: !!o.json });
        if (o.json) console.log(JSON.stringify(summary));
        else {
          console.log(`Batch ${summary.batch} ${summary.status}: read ${summary.read}, accepted ${summary.accepted}, rejected ${summary.rejected}, flagged ${summary.flagged}; new ${summary.inserted}, changed ${summary.changed}, unchanged ${summary.unchanged}, deleted ${summary.deleted}; quality ${(summary.qualityScore * 100).toFixed(2)}% in ${summary.seconds} s`);
          for (const [k, v] of Object.entries(summary.rejectedByReason)) console.log(`  rejected ${k}: ${v}`);
          if (summary.hold) console.log(`  ${holdText(summary.hold, summary)} (tianmu ingest publish|discard ${summary.batch})`);
          if (summary.superseded.length) console.log(`  superseded, so discarded: held batch ${summary.superseded.map((b) => `#${b}`).join(', ')}`);
        }
      });
    });
  ingest.command('publish <batch>').description('Publish a batch held for review').action((b: string) => using(open, async (p) => console.log(await ingestOf(p).ingest.publishHeld(Number(b), CLI_PRINCIPAL))));
  ingest.command('discard <batch>').description('Discard a batch held for review').action((b: string) => using(open, async (p) => ingestOf(p).ingest.discardHeld(Number(b), CLI_PRINCIPAL)));

  const source = program.command('source').description('Scheduled pulls from department PostgreSQL databases');
  source
    .command('add')
    .requiredOption('--name <name>')
    .requiredOption('--dataset <dataset>')
    .requiredOption('--url <postgres-url>')
    .requiredOption('--query <select>')
    .option('--every <minutes>', 'schedule', '1440')
    .action((o: { name: string; dataset: string; url: string; query: string; every: string }) =>
      using(open, async (p) => {
        const r = await ingestOf(p).sources.create({ name: o.name, dataset: o.dataset, url: o.url, query: o.query, everyMinutes: Number(o.every) }, CLI_PRINCIPAL);
        console.log(`Source ${o.name} (${r.id}) pulls into ${o.dataset} every ${o.every} minutes while the server runs`);
      }),
    );
  source.command('list').action(() => using(open, async (p) => console.table(await ingestOf(p).sources.list(CLI_PRINCIPAL))));
  for (const [cmd, enabled] of [['pause', false], ['resume', true]] as const) {
    source
      .command(`${cmd} <id>`)
      .description(enabled ? 'Resume the schedule' : 'Pause the schedule (a pull by hand still runs)')
      .action((id: string) => using(open, async (p) => ingestOf(p).sources.setEnabled(Number(id), enabled, CLI_PRINCIPAL)));
  }
  source
    .command('run <id>')
    .description('Pull now, in this process')
    .action((id: string) =>
      using(open, async (p) => {
        await p.jobs.start(100);
        const job = await ingestOf(p).sources.runNow(Number(id), CLI_PRINCIPAL);
        const end = await p.jobs.waitFor(job.id);
        if (end.status !== 'succeeded') throw new Invalid(`拉取失败 (pull failed): ${end.error}`, { source: end.error ?? 'failed' });
        console.log(JSON.stringify(end.result));
      }),
    );

  program
    .command('quarantine')
    .description('Download a dataset’s open rejected rows with their reasons (CSV)')
    .argument('<dataset>')
    .requiredOption('--out <file>')
    .option('--batch <id>')
    .action((ds: string, o: { out: string; batch?: string }) =>
      using(open, async (p) => {
        const rows = ingestOf(p).views.exportRejects(ds, CLI_PRINCIPAL, o.batch ? Number(o.batch) : undefined, null);
        await toSafeCsv(rows, createWriteStream(resolve(o.out)));
        console.log(`Wrote ${resolve(o.out)}`);
      }),
    );
}

/** Why a batch was held, for the terminal. */
function holdText(h: BatchHold, s: BatchSummary): string {
  const would = h.deleting === undefined ? '' : `; publishing would delete ${h.deleting} of ${h.current} current rows`;
  return h.cause === 'quality'
    ? `held for review: quality ${(s.qualityScore * 100).toFixed(2)}% is below the threshold ${(s.threshold * 100).toFixed(0)}%${would}`
    : `held for review: the snapshot would delete ${h.deleting} of ${h.current} current rows, more than ${Math.round(h.maxShare * 100)}%`;
}
