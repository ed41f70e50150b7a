import { sql, type Kysely } from 'kysely';

/*
 * Incremental consumers (identity's resolution of a new batch) read what changed since their
 * watermark: rows retired since a batch (DatasetReader.retiredSince) and current rows of later
 * batches (DatasetReader.current with sinceBatch). Without these both scanned: the retired rows
 * read all of ingest_row (0.9 s at scale 0.2), the new rows every current row of the dataset
 * (0.9 s for 10,000 of 110,000 health records); with them 4 ms and 60 ms. The retired index only
 * holds retired rows; batch ids only grow, so a publish appends to the other.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS ingest_row_retired_idx ON ingest_row (dataset_id, valid_to) WHERE valid_to IS NOT NULL`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS ingest_row_current_batch_idx ON ingest_row (dataset_id, batch_id) WHERE valid_to IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS ingest_row_current_batch_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS ingest_row_retired_idx`.execute(db);
}
