import { sql, type Kysely } from 'kysely';

/*
 * Two indexes of identity_record that others already cover. (dataset, row_id) is the leading part
 * of the (dataset, row_id, party) unique constraint, which serves every lookup by row (retiring
 * records, a marriage's other party, supervision's joins of a registration's two parties); kept beside it,
 * it was 48 MB at a million records and 0.8 s of every first load's index builds. The records
 * without a file are found through identity_record_unassigned_idx (004); identity_record_unlinked_idx
 * (002) served the same queries.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS identity_record_row_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS identity_record_unlinked_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS identity_record_row_idx ON identity_record (dataset, row_id) WHERE active`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS identity_record_unlinked_idx ON identity_record (id) WHERE active AND entity_id IS NULL`.execute(db);
}
