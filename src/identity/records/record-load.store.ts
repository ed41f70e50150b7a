import { sql } from 'kysely';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { copyRows } from '../../platform/db/copy.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { PersonRecordInput } from './extract-record.js';
import { recordLines, STAGE_COLUMNS, type LinkageRow } from './record.store.js';

/**
 * Records of an incremental run wait in identity_record_load until they have their files, and are
 * then written once (a first load holds its records in memory instead: HeldRecords): a record inserted
 * without its file and updated after linking was written twice, and the update of its entity_id
 * changes every index of identity_record (3.5 s of an incremental run of 10,000 at scale 0.2).
 */
export async function isFirstLoad(db: Executor): Promise<boolean> {
  return !(await db.selectFrom('identity_record').select('id').where('kind', '=', 'person').limit(1).executeTakeFirst());
}

/**
 * Clears, before a first load, what could stand in the way: waiting records, and person files
 * without records (with no person record stored, no person file can have any). A first load now
 * stores files and records in one transaction and waits nowhere, so these come only from a district
 * loaded by an earlier version, which parked records in the waiting table and committed files first.
 */
export async function clearFirstLoad(db: Executor): Promise<void> {
  await sql`DELETE FROM identity_record_load`.execute(db);
  await sql`DELETE FROM identity_assign_stage`.execute(db);
  await sql`DELETE FROM identity_change c USING identity_entity e WHERE e.id = c.entity_id AND e.kind = 'person'`.execute(db);
  await sql`UPDATE identity_entity SET merged_into = NULL WHERE kind = 'person' AND merged_into IS NOT NULL`.execute(db);
  await sql`DELETE FROM identity_entity WHERE kind = 'person'`.execute(db);
}

/**
 * Empties the waiting tables before an incremental run: what a run that stopped before storing its
 * records left there is read again from the same watermark. TRUNCATE, not DELETE: a first load
 * leaves a district's worth of dead rows there, which every later scan of the table would read.
 */
export async function clearWaiting(db: Executor): Promise<void> {
  await sql`TRUNCATE identity_record_load, identity_assign_stage`.execute(db);
}

/**
 * Drops the waiting records that identity_record already holds: a run that stopped after storing
 * its records but before moving the watermark leaves them there, and the next run reads the same
 * rows again. They keep the file they were given; linked again under a new id they would be stored
 * nowhere, yet named in the review queue and the history.
 */
export async function dropStored(db: Executor, runId: number): Promise<void> {
  await sql`DELETE FROM identity_record_load l USING identity_record r
    WHERE l.run_id = ${runId} AND r.dataset = l.dataset AND r.row_id = l.row_id AND r.party = l.party`.execute(db);
}

/** Person records to the waiting table by COPY: no index and no WAL to keep while they wait. */
export async function copyToLoad(handle: DatabaseHandle, runId: number, districtCode: string, records: PersonRecordInput[]): Promise<number> {
  await copyRows(handle, 'identity_record_load', [...STAGE_COLUMNS], recordLines(records, 'person', districtCode, runId));
  return records.length;
}

/** What linkage and the golden record need of the waiting records: the linkage fields plus provenance and masks. */
export async function loadedRows(db: Executor, runId: number): Promise<LoadedRow[]> {
  const r = await sql<LoadedRow>`SELECT id, NULL::text AS entity_id, name, id_hash, id_token, id_valid, birth_date, sex, phone_hash, address, village_code, household_no,
      dataset, batch_id, row_id, line, party, id_masked, phone_masked
    FROM identity_record_load WHERE run_id = ${runId} ORDER BY id`.execute(db);
  return r.rows;
}

export const RECORD_COLUMNS = [
  'id', 'kind', 'dataset', 'row_id', 'batch_id', 'line', 'party', 'role', 'active', 'name', 'id_hash', 'id_token', 'id_masked', 'id_valid', 'birth_date', 'sex',
  'phone_hash', 'phone_token', 'phone_masked', 'address', 'village_code', 'household_no', 'context', 'district_code', 'created_at',
];

/**
 * Moves the waiting records of an incremental run into identity_record with their files (pairs of
 * record id and entity id), through the indexes as they are: a batch is small beside the table.
 * One already stored for the same source row (a run that stopped after storing) is left as it is.
 */
export async function storeWaiting(handle: DatabaseHandle, runId: number, pairs: Array<[number, string]>): Promise<void> {
  let lines = '';
  for (const [r, e] of pairs) lines += `${runId}\t${r}\t${e}\n`;
  await copyRows(handle, 'identity_assign_stage', ['run_id', 'record_id', 'entity_id'], lines);
  await sql`INSERT INTO identity_record (${sql.raw(RECORD_COLUMNS.join(', '))}, entity_id)
    SELECT ${sql.raw(RECORD_COLUMNS.map((c) => `l.${c}`).join(', '))}, s.entity_id
    FROM identity_record_load l LEFT JOIN identity_assign_stage s ON s.run_id = l.run_id AND s.record_id = l.id
    WHERE l.run_id = ${runId} ORDER BY l.id
    ON CONFLICT (dataset, row_id, party) DO NOTHING`.execute(handle.db);
  await sql`TRUNCATE identity_record_load, identity_assign_stage`.execute(handle.db);
}

export type LoadedRow = LinkageRow & { row_id: number; line: number; party: string; id_masked: string | null; phone_masked: string | null };
