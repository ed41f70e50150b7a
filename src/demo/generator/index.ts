/**
 * The demo district generator: a synthetic district shaped like Lin'an, written the way its
 * departments hand files over, plus the ground truth to score ingest and entity resolution.
 * Deterministic: the same seed and scale give byte-identical output.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CsvSink } from './csv-sink.js';
import { buildPopulation } from './population.js';
import { rngFor } from './rng.js';
import { TRUTH_FILES, writeTruth } from './truth-files.js';
import { enterpriseId, marriageId, partyId } from './truth-ids.js';
import type { DemoFile, DemoManifest, DemoOptions, WriterContext } from './types.js';
import { DEPARTMENT_WRITERS } from './writers/index.js';

export type { DemoFile, DemoManifest, DemoOptions, DepartmentFileWriter, SourceRow, WriterContext } from './types.js';
export { DIRT, type DirtLabel } from './dirt.js';
export { DEPARTMENT_WRITERS } from './writers/index.js';
export type { Population } from './population.js';
export { enterpriseId, marriageId, otherPersonId, partyId, personId } from './truth-ids.js';

export const DEFAULT_SCALE = 0.05;
const MAX_SCALE = 10;

/** Generates the district into `opts.out` and writes `manifest.json` last. */
export async function generateDemo(opts: DemoOptions): Promise<DemoManifest> {
  validate(opts);
  const { scale, seed, out } = opts;
  const report = (phase: string, done: number, total: number) => opts.onProgress?.({ phase, done, total });
  // A manifest from an earlier run must not vouch for files this run is about to overwrite.
  await rm(join(out, 'manifest.json'), { force: true });
  await mkdir(join(out, 'departments'), { recursive: true });
  await mkdir(join(out, 'truth'), { recursive: true });
  const generatedAt = generatedAtFor(seed);

  const pop = buildPopulation(seed, scale, report);

  const sources = new CsvSink(join(out, 'truth/source-records.csv'), ['dataset', 'line', 'person_id', 'enterprise_id', 'dirt', 'person2_id', 'marriage_id'], {
    encoding: 'utf8',
    eol: '\n',
  });
  const ctx: WriterContext = {
    out,
    seed,
    generatedAt,
    rng: (label) => rngFor(seed, `writer:${label}`),
    source: (dataset, line, row) =>
      sources.row([
        dataset,
        line,
        row.person !== undefined ? partyId(row.person) : '',
        row.enterprise !== undefined ? enterpriseId(row.enterprise) : '',
        row.dirt?.join(';') ?? '',
        row.person2 !== undefined ? partyId(row.person2) : '',
        row.marriage !== undefined ? marriageId(row.marriage) : '',
      ]),
    progress: report,
  };
  const files: DemoFile[] = [];
  try {
    for (const writer of DEPARTMENT_WRITERS) files.push(await writer.write(pop, ctx));
  } finally {
    sources.close();
  }

  report('truth', 0, 1);
  writeTruth(pop, out, generatedAt);
  report('truth', 1, 1);

  const manifest: DemoManifest = {
    version: 1,
    seed,
    scale,
    generatedAt: generatedAt.toISOString(),
    district: '330112',
    counts: countsOf(pop, files),
    files,
    truth: TRUTH_FILES,
  };
  await writeFile(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

function countsOf(pop: ReturnType<typeof buildPopulation>, files: DemoFile[]): Record<string, number> {
  const { people, households } = pop;
  let deceased = 0;
  let dibaoHouseholds = 0;
  for (let i = 0; i < people.count; i++) if (people.death[i] !== 0) deceased++;
  for (let h = 0; h < households.count; h++) if (households.dibaoSince[h]) dibaoHouseholds++;
  const counts: Record<string, number> = {
    residents: people.count - deceased,
    deceased,
    households: households.count,
    enterprises: pop.enterprises.length,
    shareholdings: pop.shareholdings.length,
    dibao_households: dibaoHouseholds,
    marriages: pop.marriages.table.count,
    other_persons: pop.marriages.others.count,
  };
  for (const f of files) counts[f.dataset] = f.rows;
  return counts;
}

/** A fixed moment derived from the seed: mid-2025, offset by up to a day. */
function generatedAtFor(seed: number): Date {
  const offsetSeconds = rngFor(seed, 'generatedAt').int(86_400);
  return new Date(Date.UTC(2025, 5, 30, 16, 0, 0) + offsetSeconds * 1000);
}

function validate(opts: DemoOptions): void {
  if (typeof opts !== 'object' || opts === null) throw new Error('generateDemo: options are required');
  if (typeof opts.scale !== 'number' || !Number.isFinite(opts.scale) || opts.scale <= 0 || opts.scale > MAX_SCALE) {
    throw new Error(`generateDemo: scale must be a number greater than 0 and at most ${MAX_SCALE}, got ${String(opts.scale)}`);
  }
  if (!Number.isSafeInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) {
    throw new Error(`generateDemo: seed must be an integer from 0 to 4294967295, got ${String(opts.seed)}`);
  }
  if (typeof opts.out !== 'string' || opts.out.trim() === '') throw new Error('generateDemo: out must be a folder path');
}
