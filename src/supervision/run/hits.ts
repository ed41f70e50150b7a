import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalJson } from '../../platform/audit/audit-chain.js';
import { withTransaction, type Executor } from '../../platform/db/transaction.js';
import { compileModel, PLAN_SETTINGS, type DatasetInfo } from '../compile/model-sql.js';
import type { ModelSpec } from '../model/model-spec.js';
import type { WarningFact, WarningFacts } from '../tables.js';

/** One warning-to-be: a model's hit on one subject, folded over rows with the same dedup key. */
export interface Hit {
  subjectKind: 'person' | 'enterprise';
  subjectId: string;
  dedupKey: string;
  place: string | null;
  facts: WarningFacts;
  factsHash: string;
  /** Result rows folded into this hit (the same subject and dedup key). */
  rows: number;
}

export interface HitSet {
  hits: Hit[];
  /** Result rows, before folding. */
  rows: number;
  /** Rows whose enterprise subject has no enterprise file. */
  unresolved: number;
  queryMs: number;
}

/** Runs one compiled model and shapes its rows into hits with facts and provenance. */
export async function findHits(db: Executor, model: ModelSpec, datasets: ReadonlyMap<string, DatasetInfo>, asOf: string, params?: Record<string, number | string>): Promise<HitSet> {
  const { query, aliases } = compileModel({ model, datasets, asOf, params });
  const t0 = performance.now();
  const rows = await withTransaction(db, async (tx) => {
    for (const setting of PLAN_SETTINGS) await sql.raw(setting).execute(tx);
    return (await query.execute(tx)).rows;
  });
  const queryMs = performance.now() - t0;
  const subjects = model.subject.kind === 'enterprise' ? await enterpriseFiles(db, rows.map((r) => r.subject).filter((s): s is string => !!s)) : null;
  const usedParams = { ...model.params, ...(params ?? {}) };
  const labels = Object.fromEntries(model.evidence.map((e) => [e.name, e.label]));
  const datasetOf = new Map(model.sources.map((s) => [s.as, s.dataset]));
  const byKey = new Map<string, Hit>();
  let unresolved = 0;
  for (const r of rows) {
    const subjectId = subjects ? subjects.get(String(r.subject)) : r.subject;
    if (!subjectId) {
      unresolved++;
      continue;
    }
    const keyParts = model.dedupKey.map((_, i) => r[`k_${i}`] ?? '');
    const dedupKey = createHash('sha256').update(canonicalJson([subjectId, ...keyParts])).digest('hex').slice(0, 40);
    const found = byKey.get(dedupKey);
    if (found) {
      found.rows++;
      continue;
    }
    const values = Object.fromEntries(model.evidence.map((e) => [e.name, r[`e_${e.name}`] ?? null]));
    const sources: WarningFact[] = aliases.map((a) => ({ alias: a, dataset: datasetOf.get(a)!, row: Number(r[`${a}_row`]), batch: Number(r[`${a}_batch`]), line: Number(r[`${a}_line`]) }));
    const facts: WarningFacts = { values, labels, sources, params: usedParams, asOf };
    if (model.group) {
      const collected = (r.collected as Array<{ row: number; batch: number; line: number; fields: Record<string, unknown> }>) ?? [];
      const dataset = datasetOf.get(model.group.collect)!;
      for (const c of collected) sources.push({ alias: model.group.collect, dataset, row: Number(c.row), batch: Number(c.batch), line: Number(c.line), fields: c.fields });
      facts.aggregate = { count: Number(r.agg_count), sum: r.agg_sum == null ? null : Number(r.agg_sum) };
    }
    byKey.set(dedupKey, { subjectKind: model.subject.kind, subjectId, dedupKey, place: r.place ?? null, facts, factsHash: factsHash(facts), rows: 1 });
  }
  return { hits: [...byKey.values()], rows: rows.length, unresolved, queryMs };
}

/**
 * What "the facts changed" means: the evidence values and the collected rows' values, not row
 * ids (a re-ingested file gives an unchanged row a new version) nor the as-of date.
 */
export function factsHash(f: WarningFacts): string {
  const collected = f.sources.filter((s) => s.fields).map((s) => s.fields);
  return createHash('sha256').update(canonicalJson({ v: f.values, a: f.aggregate ?? null, c: collected })).digest('hex').slice(0, 32);
}

async function enterpriseFiles(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await sql<{ id: string; id_hash: string }>`
    SELECT id, id_hash FROM identity_entity
     WHERE kind = 'enterprise' AND status = 'active' AND id_hash = ANY(${sql.val([...new Set(codes)])}::text[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.id_hash, r.id]));
}

