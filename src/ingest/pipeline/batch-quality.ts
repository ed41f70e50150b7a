import { sql, type RawBuilder } from 'kysely';
import { withTransaction, type Executor, type Tx } from '../../platform/db/transaction.js';
import type { DatasetSpec } from '../contract.js';
import { isSliced, joinRowByRow, joinWholeBatch, measureStage, stageSlices, type SliceOptions } from './stage-slices.js';

/**
 * Moves every staged row whose key already appeared on an earlier line of the batch to quarantine,
 * in its stored form (reject-raw.ts): a file can repeat millions of keys (the 2 GiB benchmark file
 * about seven million), and each read back to be rebuilt and sealed again cost the process 50-80 µs
 * and held pages of them in its memory. The repeats are found in one pass over the whole batch (each
 * staged row's TID with its key's first line); they move a slice of staging at a time
 * (stage-slices.ts), each by its TID, all in one transaction.
 */
export async function rejectDuplicateKeys(db: Executor, spec: DatasetSpec, datasetId: number, batchId: number, opts: SliceOptions = {}): Promise<number> {
  // The detail as duplicateDetail writes it on the direct path.
  const keys = spec.key.join(', ');
  const blocks = await measureStage(db, { rows: false });
  return withTransaction(db, async (tx) => {
    await joinWholeBatch(tx);
    if (!(await findRepeats(tx, batchId))) return 0;
    if (isSliced(blocks)) await joinRowByRow(tx);
    let moved = 0;
    for (const slice of stageSlices(blocks, sql`d.at`)) {
      const r = await moveRepeats(slice, datasetId, batchId, keys).execute(tx);
      moved += Number(r.numAffectedRows ?? 0);
      await opts.settle?.(tx);
    }
    return moved;
  });
}

/**
 * Fills the transaction's temporary `batch_repeats` with each staged row of the batch that repeats an
 * earlier line's key (its TID, and that key's first line), in one pass over the batch; false if none.
 */
export async function findRepeats(tx: Tx, batchId: number): Promise<boolean> {
  await sql`CREATE TEMP TABLE batch_repeats ON COMMIT DROP AS
    SELECT s.ctid AS at, d.first FROM ingest_stage s
    JOIN (SELECT key_hash, min(line) AS first FROM ingest_stage WHERE batch_id = ${batchId} GROUP BY key_hash HAVING count(*) > 1) d ON d.key_hash = s.key_hash
    WHERE s.batch_id = ${batchId} AND s.line <> d.first`.execute(tx);
  const found = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM batch_repeats) AS any`.execute(tx);
  if (!found.rows[0].any) return false;
  // Each slice finds its repeats by this index and each row by its TID: no pass over the batch again.
  await sql`CREATE INDEX ON batch_repeats (at)`.execute(tx);
  await sql`ANALYZE batch_repeats`.execute(tx);
  return true;
}

/** Moves the slice's repeats (batch_repeats) from staging to quarantine, each by its TID. */
export function moveRepeats(slice: RawBuilder<unknown>, datasetId: number, batchId: number, keys: string) {
  return sql`WITH d AS (
      DELETE FROM ingest_stage s
      USING batch_repeats d
      WHERE ${slice} AND s.ctid = d.at AND s.batch_id = ${batchId}
      RETURNING s.line, d.first, s.data, s.sealed, s.original)
    INSERT INTO ingest_reject (dataset_id, batch_id, line, reason, detail, row_data, row_sealed, row_original)
    SELECT ${datasetId}, ${batchId}, d.line, 'duplicate_key', '主键与第 ' || d.first || ' 行重复 (key repeats line ' || d.first || ': ' || ${keys}::text || ')', d.data, d.sealed, d.original
    FROM d`;
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
