import { sql } from 'kysely';
import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import { withTransaction, type Executor } from '../../platform/db/transaction.js';
import type { DatasetSpec } from '../contract.js';
import { insertRejects } from './stage.store.js';

/**
 * Rebuilds a staged row's cells from its standardised values and the originals kept beside them,
 * for a row rejected after staging (a duplicate key).
 */
type StoredRow = { data: Record<string, unknown>; sealed: string | null; original: Record<string, string> | null };

function rebuildRaw(spec: DatasetSpec, cipher: PersonalDataCipher, r: StoredRow) {
  const sealed = r.sealed ? (JSON.parse(cipher.decrypt(r.sealed)) as { v: Record<string, string>; o?: Record<string, string> }) : { v: {} };
  const raw: Record<string, string> = {};
  for (const f of spec.fields) {
    const v = sealed.o?.[f.name] ?? sealed.v[f.name] ?? r.original?.[f.name] ?? r.data[f.name];
    raw[f.column] = v == null ? '' : Array.isArray(v) ? v.join(',') : String(v);
  }
  return raw;
}

/** The quarantine entry of a row whose key repeats line `first` of its batch. */
export function duplicateReject(spec: DatasetSpec, cipher: PersonalDataCipher, row: StoredRow, line: number, first: number) {
  return {
    line,
    reason: 'duplicate_key',
    detail: `主键与第 ${first} 行重复 (key repeats line ${first}: ${spec.key.join(', ')})`,
    raw_sealed: cipher.encrypt(JSON.stringify(rebuildRaw(spec, cipher, row))),
  };
}

/**
 * Repeats read back at a time to be sealed as rejects (an object so a test can make pages small).
 * With the next page read while one is sealed, pages of 5,000 took the process from 370 to 430–460 MB
 * (the pages outlived the young generation); pages of 2,000 kept it at 400 MB, as fast.
 */
export const duplicatePaging = { rows: 2000 };

/**
 * Moves every staged row whose key already appeared on an earlier line of the batch to quarantine.
 * One statement moves the repeats out of staging into a temporary table; they come back to be
 * sealed a page at a time. A file can repeat millions of keys (the 2 GiB benchmark file repeats
 * about seven million), and read back as one result they took the process past 8 GB.
 */
export async function rejectDuplicateKeys(db: Executor, spec: DatasetSpec, cipher: PersonalDataCipher, datasetId: number, batchId: number): Promise<number> {
  return withTransaction(db, async (tx) => {
    await sql`DROP TABLE IF EXISTS ingest_duplicate`.execute(tx);
    await sql`CREATE TEMPORARY TABLE ingest_duplicate (line integer PRIMARY KEY, first integer NOT NULL, data jsonb NOT NULL, sealed text, original jsonb) ON COMMIT DROP`.execute(tx);
    const moved = await sql`WITH d AS (
        DELETE FROM ingest_stage s
        USING (SELECT key_hash, min(line) AS first FROM ingest_stage WHERE batch_id = ${batchId} GROUP BY key_hash HAVING count(*) > 1) d
        WHERE s.batch_id = ${batchId} AND s.key_hash = d.key_hash AND s.line <> d.first
        RETURNING s.line, d.first, s.data, s.sealed, s.original)
      INSERT INTO ingest_duplicate SELECT * FROM d`.execute(tx);
    const count = Number(moved.numAffectedRows ?? 0);
    const pageAfter = async (after: number) =>
      (await sql<StoredRow & { line: number; first: number }>`
        SELECT line, first, data, sealed, original FROM ingest_duplicate WHERE line > ${after} ORDER BY line LIMIT ${duplicatePaging.rows}`.execute(tx)).rows;
    // The next page is asked for, and the last one's rejects inserted, while this one is sealed:
    // the connection runs them in turn while Node works (alternating, each waited on the other).
    let inserting: Promise<void> = Promise.resolve();
    let page = count ? await pageAfter(0) : [];
    while (page.length) {
      const next = pageAfter(page[page.length - 1].line);
      next.catch(() => undefined); // awaited below
      const rejects = page.map((r) => duplicateReject(spec, cipher, r, r.line, r.first));
      await inserting;
      inserting = insertRejects(tx, datasetId, batchId, rejects);
      inserting.catch(() => undefined); // awaited on the next turn or below
      page = await next;
    }
    await inserting;
    return count;
  });
}

/** `flags` of the row aliased `s` with `flag` appended to `field`'s list. */
function withFlag(field: string, flag: string) {
  return sql`jsonb_set(coalesce(s.flags, '{}'::jsonb), ${`{${field}}`}::text[], coalesce(s.flags -> ${field}, '[]'::jsonb) || ${JSON.stringify([flag])}::jsonb)`;
}

type SetRule = { check: 'unique' | 'ref'; flag: string; field: string; broken: ReturnType<typeof sql> };

/**
 * Each set-based rule of the contract as the SQL condition a row aliased `s` breaks it by:
 * `unique`, another current row of the dataset holds the value; `ref`, no current row of the
 * referenced dataset does. A `ref` to a dataset that does not exist is reported in `missing`.
 */
async function setRules(db: Executor, spec: DatasetSpec, datasetId: number): Promise<{ rules: SetRule[]; missing: string[] }> {
  const rules: SetRule[] = [];
  const missing: string[] = [];
  for (const rule of spec.rules) {
    const flag = `rule:${rule.name}`;
    if (rule.check === 'unique') {
      rules.push({ check: 'unique', flag, field: rule.field, broken: sql`EXISTS (SELECT 1 FROM ingest_row r WHERE r.dataset_id = ${datasetId} AND r.valid_to IS NULL
        AND r.data ->> ${rule.field} = s.data ->> ${rule.field} AND r.key_hash <> s.key_hash)` });
    } else if (rule.check === 'ref') {
      const [dsName, refField] = splitRef(String(rule.value ?? ''));
      const ref = await db.selectFrom('dataset').select('id').where('name', '=', dsName).executeTakeFirst();
      if (!ref) missing.push(flag);
      else rules.push({ check: 'ref', flag, field: rule.field, broken: sql`NOT EXISTS (SELECT 1 FROM ingest_row r WHERE r.dataset_id = ${ref.id} AND r.valid_to IS NULL AND r.data ->> ${refField} = s.data ->> ${rule.field})` });
    }
  }
  return { rules, missing };
}

/**
 * The set-based rules over a staged batch: `unique` (no other current row of the dataset, and no
 * other row of the batch, holds the value) and `ref` (the value exists among another dataset's
 * current rows: the person is known to the registry). Returns flags added per rule.
 */
export async function applySetRules(db: Executor, spec: DatasetSpec, datasetId: number, batchId: number): Promise<Record<string, number>> {
  if (!spec.rules.some((r) => r.check === 'unique' || r.check === 'ref')) return {};
  return withTransaction(db, async (tx) => {
    // The rules compare JSON fields, which no index covers, so a hash join is always the right plan;
    // with statistics from before the referenced dataset was loaded (PGlite has no autovacuum) the
    // planner chose nested loops instead and one 11,000-row batch took 30 s against 0.2 s.
    await sql`SET LOCAL enable_nestloop = off`.execute(tx);
    const { rules, missing } = await setRules(tx, spec, datasetId);
    const out: Record<string, number> = Object.fromEntries(missing.map((f) => [`${f}:missing_reference_dataset`, 0]));
    for (const { check, flag, field, broken } of rules) {
      // A staged row's fellow rows are still in staging, not yet current.
      const inBatch = check === 'unique'
        ? sql`OR EXISTS (SELECT 1 FROM ingest_stage o WHERE o.batch_id = ${batchId} AND o.data ->> ${field} = s.data ->> ${field} AND o.line <> s.line)`
        : sql``;
      const r = await sql`UPDATE ingest_stage s SET problem = true, flags = ${withFlag(field, flag)}
        WHERE s.batch_id = ${batchId} AND s.data ->> ${field} IS NOT NULL AND (${broken} ${inBatch})`.execute(tx);
      out[flag] = Number(r.numAffectedRows ?? 0);
    }
    return out;
  });
}

/**
 * The set-based rules for a batch written directly (direct-publish.ts), inside its transaction,
 * once its rows are in: rows the batch wrote are flagged in place; its unchanged rows (their ids in
 * the temporary table `ingest_unchanged`) are checked through their current versions and only
 * counted, as a staged publish leaves them as they are. `hit` gets the key hash of every row a rule
 * picks. Returns flags added per rule. One difference from staging: a value is compared with the
 * batch's new versions, not with the versions they replace.
 */
export async function applySetRulesWritten(tx: Executor, spec: DatasetSpec, datasetId: number, batchId: number, hit: (keyHash: string) => void): Promise<Record<string, number>> {
  const { rules, missing } = await setRules(tx, spec, datasetId);
  const out: Record<string, number> = Object.fromEntries(missing.map((f) => [`${f}:missing_reference_dataset`, 0]));
  await sql`SET LOCAL enable_nestloop = off`.execute(tx); // as in applySetRules
  for (const { flag, field, broken } of rules) {
    const written = await sql<{ key_hash: string }>`UPDATE ingest_row s SET flags = ${withFlag(field, flag)}
      WHERE s.dataset_id = ${datasetId} AND s.batch_id = ${batchId} AND s.valid_to IS NULL AND s.data ->> ${field} IS NOT NULL AND ${broken}
      RETURNING s.key_hash`.execute(tx);
    const kept = await sql<{ key_hash: string }>`SELECT s.key_hash FROM ingest_row s JOIN ingest_unchanged u ON u.id = s.id
      WHERE s.data ->> ${field} IS NOT NULL AND ${broken}`.execute(tx);
    for (const r of written.rows) hit(r.key_hash);
    for (const r of kept.rows) hit(r.key_hash);
    out[flag] = written.rows.length + kept.rows.length;
  }
  await sql`SET LOCAL enable_nestloop = on`.execute(tx);
  return out;
}

function splitRef(v: string): [string, string] {
  const i = v.lastIndexOf('.');
  return [v.slice(0, i), v.slice(i + 1)];
}
