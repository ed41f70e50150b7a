import { sql, type Kysely } from 'kysely';

/*
 * Modules read a dataset's current rows page by page in id order (DatasetReader.current). With
 * only the (dataset, key) index, each page was planned as a scan of all the dataset's current rows
 * and a sort spilled to disk, so reading a dataset cost its size once per page: 392 ms a page
 * against 25 ms with this index (identity's first load at scale 0.1). Ids only grow, so a publish
 * appends to it.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS ingest_row_current_id_idx ON ingest_row (dataset_id, id) WHERE valid_to IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS ingest_row_current_id_idx`.execute(db);
}
