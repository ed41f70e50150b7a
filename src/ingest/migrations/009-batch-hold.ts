import { sql, type Kysely } from 'kysely';

/*
 * Why a batch is held (pipeline/deletion-guard.ts): below the quality threshold, or a snapshot
 * that would delete too much of the dataset, with how many rows it would close. Kept after the
 * batch is published or discarded, as the record of why a reviewer decided; null if never held.
 * Batches still held when this runs were all held for quality; earlier reviewed ones stay null.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE ingest_batch ADD COLUMN hold jsonb`.execute(db);
  await sql`UPDATE ingest_batch SET hold = '{"cause":"quality"}' WHERE status = 'held'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE ingest_batch DROP COLUMN hold`.execute(db);
}
