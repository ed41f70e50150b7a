import { sql } from 'kysely';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { copyRows } from '../../platform/db/copy.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { PersonRecordInput } from './extract-record.js';
import { recordLines, STAGE_COLUMNS, type LinkageRow } from './record.store.js';

/**
 * The first resolution of a district: no person record has been stored yet. Its records wait in
 * identity_record_load until they have their files, and are then written once (see first-load.ts).
 */
export async function isFirstLoad(db: Executor): Promise<boolean> {
  return !(await db.selectFrom('identity_record').select('id').where('kind', '=', 'person').limit(1).executeTakeFirst());
}

/**
 * Clears what an earlier first load cut off half-way left behind: its waiting records, and the
 * person files it had made before its records were stored (with no person record stored, no person
 * file can have any, so they are all such leftovers).
 */
export async function clearFirstLoad(db: Executor): Promise<void> {
  await sql`DELETE FROM identity_record_load`.execute(db);
  await sql`DELETE FROM identity_assign_stage`.execute(db);
  await sql`DELETE FROM identity_change c USING identity_entity e WHERE e.id = c.entity_id AND e.kind = 'person'`.execute(db);
  await sql`UPDATE identity_entity SET merged_into = NULL WHERE kind = 'person' AND merged_into IS NOT NULL`.execute(db);
  await sql`DELETE FROM identity_entity WHERE kind = 'person'`.execute(db);
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

export type LoadedRow = LinkageRow & { row_id: number; line: number; party: string; id_masked: string | null; phone_masked: string | null };
