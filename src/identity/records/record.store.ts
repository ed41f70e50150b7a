import { sql } from 'kysely';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { copyField, copyRows, copySafe, Utf8Lines } from '../../platform/db/copy.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { EntityKind } from '../tables.js';
import type { PersonRecordInput } from './extract-record.js';
import { keyedLookup } from './keyed-lookup.js';

const CHUNK = 500;
const COPY_FROM = 2000;
export const STAGE_COLUMNS = [
  'run_id', 'kind', 'dataset', 'row_id', 'batch_id', 'line', 'party', 'role', 'name', 'id_hash', 'id_token', 'id_masked', 'id_valid', 'birth_date', 'sex',
  'phone_hash', 'phone_token', 'phone_masked', 'address', 'village_code', 'household_no', 'context', 'district_code',
] as const;

/**
 * Many records at once go by COPY. Straight into identity_record when `fresh` (the dataset has no
 * records yet, so none can collide: the first load of a district); otherwise through the staging
 * table and on into identity_record skipping those already there, because a re-run after a crash
 * may read the same rows again.
 */
export async function copyRecords(handle: DatabaseHandle, runId: number, kind: EntityKind, districtCode: string, records: PersonRecordInput[], fresh = false): Promise<number> {
  if (records.length < COPY_FROM) return insertRecords(handle.db, kind, districtCode, records);
  const lines = (withRun: boolean) => recordLines(records, kind, districtCode, withRun ? runId : null);
  if (fresh) {
    await copyRows(handle, 'identity_record', STAGE_COLUMNS.slice(1), lines(false));
    return records.length;
  }
  await copyRows(handle, 'identity_record_stage', [...STAGE_COLUMNS], lines(true));
  const cols = sql.raw(STAGE_COLUMNS.slice(1).join(', '));
  const moved = await sql`INSERT INTO identity_record (${cols}) SELECT ${cols} FROM identity_record_stage WHERE run_id = ${runId}
    ON CONFLICT (dataset, row_id, party) DO NOTHING`.execute(handle.db);
  await handle.db.deleteFrom('identity_record_stage').where('run_id', '=', runId).execute();
  return Number(moved.numAffectedRows ?? 0);
}

/** Records as lines of COPY text in STAGE_COLUMNS order (run_id first when given), UTF-8. */
export function recordLines(records: PersonRecordInput[], kind: EntityKind, districtCode: string, runId: number | null): Uint8Array {
  const f = copyField;
  const g = copySafe;
  const out = new Utf8Lines();
  for (const r of records) {
    out.append(`${runId == null ? '' : `${runId}\t`}${kind}\t${r.dataset}\t${r.rowId}\t${r.batchId}\t${r.line}\t${r.party}\t${r.role}\t${f(r.name)}\t${g(r.idHash)}\t${g(r.idToken)}\t${g(r.idMasked)}\t${g(r.idValid)}\t${g(r.birthDate)}\t${f(r.sex)}\t`
      + `${g(r.phoneHash)}\t${g(r.phoneToken)}\t${g(r.phoneMasked)}\t${f(r.address)}\t${f(r.villageCode)}\t${f(r.householdNo)}\t${f(JSON.stringify(r.context))}\t${districtCode}\n`);
  }
  return out.take();
}

/** Whether a dataset has no records yet (so a bulk load of it cannot collide with any). */
export async function hasNoRecords(db: Executor, dataset: string): Promise<boolean> {
  return !(await db.selectFrom('identity_record').select('id').where('dataset', '=', dataset).limit(1).executeTakeFirst());
}

/** Inserts records; one already stored for the same (dataset, row, party) is left as it is. */
export async function insertRecords(db: Executor, kind: EntityKind, districtCode: string, records: PersonRecordInput[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < records.length; i += CHUNK) {
    const values = records.slice(i, i + CHUNK).map((r) => ({
      kind,
      dataset: r.dataset,
      row_id: r.rowId,
      batch_id: r.batchId,
      line: r.line,
      party: r.party,
      role: r.role,
      name: r.name,
      id_hash: r.idHash,
      id_token: r.idToken,
      id_masked: r.idMasked,
      id_valid: r.idValid,
      birth_date: r.birthDate,
      sex: r.sex,
      phone_hash: r.phoneHash,
      phone_token: r.phoneToken,
      phone_masked: r.phoneMasked,
      address: r.address,
      village_code: r.villageCode,
      household_no: r.householdNo,
      context: JSON.stringify(r.context),
      district_code: districtCode,
    }));
    const res = await db.insertInto('identity_record').values(values).onConflict((oc) => oc.columns(['dataset', 'row_id', 'party']).doNothing()).executeTakeFirst();
    inserted += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** Marks the records of source rows that are no longer current; returns the entities they belonged to. */
export async function retireRecords(db: Executor, dataset: string, rowIds: number[]): Promise<string[]> {
  const touched = new Set<string>();
  for (let i = 0; i < rowIds.length; i += CHUNK) {
    const rows = await db
      .updateTable('identity_record')
      .set({ active: false })
      .where('dataset', '=', dataset)
      .where('row_id', 'in', rowIds.slice(i, i + CHUNK))
      .where('active', '=', true)
      .returning('entity_id')
      .execute();
    for (const r of rows) if (r.entity_id) touched.add(r.entity_id);
  }
  return [...touched];
}

/** The fields linkage compares, for active records of a kind (optionally only some). */
export function linkageRows(db: Executor, kind: EntityKind, opts: { ids?: number[]; unassignedOnly?: boolean } = {}) {
  let q = db
    .selectFrom('identity_record')
    .select(['id', 'entity_id', 'name', 'id_hash', 'id_token', 'id_valid', 'birth_date', 'sex', 'phone_hash', 'address', 'village_code', 'household_no', 'dataset', 'batch_id'])
    .where('kind', '=', kind)
    .where('active', '=', true);
  if (opts.ids) q = q.where('id', 'in', opts.ids.length ? opts.ids : [-1]);
  if (opts.unassignedOnly) q = q.where('entity_id', 'is', null);
  return q.orderBy('id').execute();
}

export type LinkageRow = Awaited<ReturnType<typeof linkageRows>>[number];

/**
 * Linked records that share a blocking key with any of `fresh`: all an incremental run needs to
 * compare new records with, instead of the whole population.
 */
export async function candidateRows(db: Executor, fresh: LinkageRow[]): Promise<LinkageRow[]> {
  if (fresh.length === 0) return [];
  const distinct = (xs: Array<[string, string]>) => [...new Map(xs.map((x) => [x.join('|'), x])).values()];
  const ids = [...new Set(fresh.flatMap((r) => (r.id_hash ? [r.id_hash] : [])))];
  const phones = [...new Set(fresh.flatMap((r) => (r.phone_hash ? [r.phone_hash] : [])))];
  const nb = distinct(fresh.flatMap((r) => (r.name && r.birth_date ? [[r.name, r.birth_date] as [string, string]] : [])));
  const bv = distinct(fresh.flatMap((r) => (r.birth_date && r.village_code ? [[r.birth_date, r.village_code] as [string, string]] : [])));
  // One indexed probe per blocking key, joined to the keys (an = ANY over thousands of hashes was
  // planned as a scan of the table), unioned on ids only so the dedup sorts ids, not whole rows.
  const linked = sql`r.kind = 'person' AND r.active AND r.entity_id IS NOT NULL`;
  const rows = await keyedLookup(db, fresh.length, (tx) => sql<LinkageRow>`
    SELECT id, entity_id, name, id_hash, id_token, id_valid, birth_date, sex, phone_hash, address, village_code, household_no, dataset, batch_id
    FROM identity_record WHERE id IN (
      SELECT r.id FROM unnest(${sql.val(ids)}::text[]) AS k(h) JOIN identity_record r ON r.id_hash = k.h WHERE ${linked}
      UNION
      SELECT r.id FROM unnest(${sql.val(phones)}::text[]) AS k(h) JOIN identity_record r ON r.phone_hash = k.h WHERE ${linked}
      UNION
      SELECT r.id FROM unnest(${sql.val(nb.map((x) => x[0]))}::text[], ${sql.val(nb.map((x) => x[1]))}::date[]) AS k(n, b)
        JOIN identity_record r ON r.name = k.n AND r.birth_date = k.b WHERE ${linked}
      UNION
      SELECT r.id FROM unnest(${sql.val(bv.map((x) => x[0]))}::date[], ${sql.val(bv.map((x) => x[1]))}::text[]) AS k(b, v)
        JOIN identity_record r ON r.birth_date = k.b AND r.village_code = k.v WHERE ${linked})
    ORDER BY id`.execute(tx));
  return rows.rows;
}
