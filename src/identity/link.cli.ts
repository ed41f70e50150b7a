/** `tianmu link`: deduplicate one CSV file or link two, without the platform or its database. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Invalid } from '../platform/errors.js';
import type { Platform } from '../platform/platform.js';
import { explainIds, linkTable, matchProbability, modelFromJson, modelToJson, parseLinkConfig, readCsvTable, writeCsv, type LinkResult } from './linkage/index.js';

interface LinkOptions {
  config: string;
  out: string;
  pairs?: string;
  saveModel?: string;
  model?: string;
  explain?: string;
  summary?: string;
  quiet?: boolean;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch (e) {
    throw new Invalid(`cannot read the ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { [what]: 'unreadable' }, 'file_not_found');
  }
}

function readJson(file: string, what: string): unknown {
  const text = readText(file, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Invalid(`the ${what} ${file} is not valid JSON: ${(e as Error).message}`, { [what]: 'not JSON' }, 'invalid_link_config');
  }
}

export function linkCli(program: Command, _open: () => Promise<Platform>): void {
  program
    .command('link')
    .description('Deduplicate one CSV file, or link two, into entities (Fellegi–Sunter; see docs/linkage.md)')
    .argument('<file>', 'CSV file to deduplicate')
    .argument('[file2]', 'second CSV file: only pairs across the two files are scored')
    .requiredOption('--config <file>', 'link config JSON: id column, fields, optional blocking')
    .requiredOption('--out <file>', 'clusters CSV: record_id,cluster_id (plus source when linking two files)')
    .option('--pairs <file>', 'also write every scored pair with its match probability and weight')
    .option('--save-model <file>', 'write the trained model (m, u, prior, term frequencies) as JSON')
    .option('--model <file>', 'score with a saved model instead of estimating one')
    .option('--summary <file>', 'write the run summary (rules, oversized blocks, counts, seconds per stage) as JSON')
    .option('--explain <ids>', 'print each field’s contribution for two record ids, "idA,idB"')
    .option('--quiet', 'no progress on stderr')
    .action(async (file: string, file2: string | undefined, o: LinkOptions) => {
      const config = parseLinkConfig(readJson(o.config, 'config'));
      const model = o.model ? modelFromJson(readText(o.model, 'model')) : undefined;
      const say = (s: string) => o.quiet || process.stderr.write(`${s}\n`);
      const files = file2 ? [file, file2] : [file];
      say(`Reading ${files.join(' and ')}…`);
      const table = await readCsvTable(files.map((f) => resolve(f)), config);
      say(`${table.size} records`);
      const result = linkTable(table, config, { model, onStage: (stage, s) => say(`  ${stage} ${s.toFixed(2)} s`) });
      // Rules chosen from the data are printed even with --quiet: the run cannot be understood or repeated without them.
      report(result, result.summary.blockingChosen ? (s: string) => process.stderr.write(`${s}\n`) : say);
      await writeClusters(result, o.out, file2 !== undefined);
      if (o.pairs) await writePairs(result, o.pairs);
      if (o.saveModel) writeFileSync(resolve(o.saveModel), modelToJson(result.model));
      if (o.summary) writeFileSync(resolve(o.summary), `${JSON.stringify(result.summary, null, 2)}\n`);
      if (o.explain) explain(result, o.explain);
      const s = result.summary;
      console.log(`Linked ${s.records} records into ${s.clusters} entities: ${s.candidatePairs} pairs compared, ${s.links} links, ${s.componentsSplit} chains split, in ${s.seconds.total} s; wrote ${resolve(o.out)}`);
    });
}

function report(r: LinkResult, say: (s: string) => void): void {
  const s = r.summary;
  const how = s.blockingChosen ? 'chosen from the data' : s.modelReused ? 'from the model' : 'from the config';
  say(`Blocking rules (${how}):`);
  for (const b of s.blocking) say(`  ${b.rule.join(' + ')}: ${b.pairs} pairs`);
  if (s.oversizedBlocks.length) {
    say(`Skipped ${s.oversizedBlocks.length} block(s) larger than ${r.prepared.config.maxBlockSize} records (their records are still paired by the other rules):`);
    for (const b of s.oversizedBlocks.slice(0, 10)) say(`  ${b.rule.join(' + ')} = ${b.value}: ${b.size} records`);
  }
  if (s.recordsWithoutValues) say(`${s.recordsWithoutValues} record(s) have no value in any compared field; each is its own entity`);
}

async function writeClusters(r: LinkResult, out: string, link: boolean): Promise<void> {
  const { ids, source } = r.prepared.table;
  const { clusterOf } = r.clustering;
  function* rows() {
    for (let i = 0; i < ids.length; i++) yield link ? [ids[i], clusterOf[i] + 1, source[i] + 1] : [ids[i], clusterOf[i] + 1];
  }
  await writeCsv(resolve(out), link ? ['record_id', 'cluster_id', 'source'] : ['record_id', 'cluster_id'], rows());
}

async function writePairs(r: LinkResult, out: string): Promise<void> {
  const { ids } = r.prepared.table;
  const { a, b, count } = r.pairs;
  const w = r.pairWeights;
  function* rows() {
    for (let i = 0; i < count; i++) yield [ids[a[i]], ids[b[i]], Number(matchProbability(w[i]).toPrecision(6)), Number(w[i].toFixed(3))];
  }
  await writeCsv(resolve(out), ['record_id_a', 'record_id_b', 'match_probability', 'match_weight'], rows());
}

function explain(r: LinkResult, spec: string): void {
  const [x, y] = spec.split(',').map((s) => s.trim());
  if (!x || !y) throw new Invalid('--explain takes two record ids separated by a comma, "idA,idB"', { explain: 'two ids' }, 'invalid_option');
  // When linking two files, the first id is looked up in the first file and the second in the second.
  const e = explainIds(r, x, y, r.prepared.table.sources === 2 ? { a: 0, b: 1 } : undefined);
  console.log(`${e.a} ↔ ${e.b}: weight ${e.weight.toFixed(2)}, probability ${e.probability.toPrecision(4)}`);
  console.log(`  prior ${e.prior.toFixed(2)}`);
  for (const f of e.fields) console.log(`  ${f.column} (${f.level}${f.termFrequencyAdjusted ? ', tf' : ''}): ${f.weight >= 0 ? '+' : ''}${f.weight.toFixed(2)}  [${f.valueA} | ${f.valueB}]`);
}
