import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { demoDatasetSpecs } from '../../demo/datasets/index.js';
import { generateDemo, type DemoManifest } from '../../demo/generator/index.js';
import { identityOf } from '../../identity/identity.module.js';
import { CLI_PRINCIPAL, ingestFileNow } from '../../ingest/ingest.cli.js';
import { ingestOf } from '../../ingest/ingest.module.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { Platform } from '../../platform/platform.js';
import { putSetting } from '../../platform/settings.js';

export interface TruthCase {
  model: string;
  subjectKind: 'person' | 'enterprise';
  subjectId: string;
  kind: 'case' | 'lookalike';
  key: string;
  note: string;
}

/** Generates a demo district, ingests every file through the pipeline and resolves it, as `npm start` does. */
export async function loadDemoDistrict(p: Platform, dir: string, scale: number, seed: number): Promise<DemoManifest> {
  const manifest = await generateDemo({ scale, seed, out: dir });
  for (const spec of demoDatasetSpecs()) {
    const file = manifest.files.find((f) => f.dataset === spec.name);
    if (!file) continue;
    await ingestOf(p).catalog.register(spec, CLI_PRINCIPAL);
    await ingestFileNow(p, spec.name, join(dir, file.file), { quiet: true });
  }
  await identityOf(p).resolve.run('full');
  await putSetting(p.db, 'supervision.asOf', manifest.generatedAt.slice(0, 10));
  return manifest;
}

export function readTruth(dir: string): TruthCase[] {
  const rows = parse(readFileSync(join(dir, 'truth/supervision-cases.csv')), { columns: true }) as Array<Record<string, string>>;
  return rows.map((r) => ({ model: r.model, subjectKind: r.subject_kind as TruthCase['subjectKind'], subjectId: r.subject_id, kind: r.kind as TruthCase['kind'], key: r.key, note: r.note }));
}

/**
 * Maps person and enterprise files to the generator's truth ids through the lines their records
 * came from (truth/source-records.csv), so warnings can be scored against the planted cases.
 */
export async function truthIdsOfFiles(db: Executor, dir: string): Promise<Map<string, Set<string>>> {
  const SECOND = new Set(['wife', 'defendant', 'spouse']);
  const byLine = new Map<string, { person: string; person2: string; enterprise: string }>();
  for (const r of parse(readFileSync(join(dir, 'truth/source-records.csv')), { columns: true }) as Array<Record<string, string>>) {
    byLine.set(`${r.dataset}:${r.line}`, { person: r.person_id, person2: r.person2_id, enterprise: r.enterprise_id });
  }
  const rows = await sql<{ entity_id: string; dataset: string; line: number; party: string; kind: string }>`
    SELECT entity_id, dataset, line, party, kind FROM identity_record WHERE active AND entity_id IS NOT NULL`.execute(db);
  const out = new Map<string, Set<string>>();
  for (const r of rows.rows) {
    const t = byLine.get(`${r.dataset}:${r.line - 1}`);
    if (!t) continue;
    const id = r.kind === 'enterprise' ? t.enterprise : SECOND.has(r.party) ? t.person2 : t.person;
    if (!id) continue;
    if (!out.has(r.entity_id)) out.set(r.entity_id, new Set());
    out.get(r.entity_id)!.add(id);
  }
  return out;
}

export interface ModelScore {
  model: string;
  cases: number;
  lookalikes: number;
  warned: number;
  found: number;
  lookalikesWarned: number;
  precision: number;
  recall: number;
}

/** Precision and recall per model on (model, subject) pairs against the truth. */
export function scoreWarnings(truth: TruthCase[], warnings: Array<{ model: string; subjectId: string }>, files: Map<string, Set<string>>, models: string[]): ModelScore[] {
  return models.map((model) => {
    const cases = new Set(truth.filter((t) => t.model === model && t.kind === 'case').map((t) => t.subjectId));
    const looks = new Set(truth.filter((t) => t.model === model && t.kind === 'lookalike').map((t) => t.subjectId));
    const warned = new Set<string>();
    for (const w of warnings.filter((x) => x.model === model)) for (const id of files.get(w.subjectId) ?? [`unmapped:${w.subjectId}`]) warned.add(id);
    const found = [...cases].filter((c) => warned.has(c)).length;
    const correct = [...warned].filter((w) => cases.has(w)).length;
    return {
      model, cases: cases.size, lookalikes: looks.size, warned: warned.size, found,
      lookalikesWarned: [...looks].filter((l) => warned.has(l)).length,
      precision: warned.size ? correct / warned.size : 1,
      recall: cases.size ? found / cases.size : 1,
    };
  });
}
