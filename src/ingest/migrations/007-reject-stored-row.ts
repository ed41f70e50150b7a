import { sql, type Kysely } from 'kysely';

/*
 * A row rejected for repeating a key has already been standardised and sealed: it is quarantined as
 * that stored form (standardised values, sealed token, originals) and its cells are rebuilt only
 * when the quarantine is exported. Rebuilding and sealing them again at ingest cost about 50-80 µs a
 * repeat on the reading thread: a third of a 2 GiB file's ingest on a server and half of it on
 * PGlite, where the pages of repeats also took the process over its 500 MB bound.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE ingest_reject ALTER COLUMN raw_sealed DROP NOT NULL,
    ADD COLUMN row_data jsonb, ADD COLUMN row_sealed text, ADD COLUMN row_original jsonb,
    ADD CONSTRAINT ingest_reject_raw_or_row CHECK (raw_sealed IS NOT NULL OR row_data IS NOT NULL)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM ingest_reject WHERE raw_sealed IS NULL`.execute(db);
  await sql`ALTER TABLE ingest_reject DROP CONSTRAINT ingest_reject_raw_or_row, DROP COLUMN row_data, DROP COLUMN row_sealed, DROP COLUMN row_original,
    ALTER COLUMN raw_sealed SET NOT NULL`.execute(db);
}
