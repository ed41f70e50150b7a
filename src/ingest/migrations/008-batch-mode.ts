import { sql, type Kysely } from 'kysely';

/*
 * How a batch publishes: a resubmitted quarantine file merges (incremental) whatever the dataset's
 * mode. A held batch is published later by someone else, and without this it was published in the
 * dataset's mode: a held resubmission of a snapshot dataset closed every row it did not hold as
 * deleted. Null for batches from before, which ran in their dataset's mode.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE ingest_batch ADD COLUMN mode text CHECK (mode IN ('snapshot', 'incremental'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE ingest_batch DROP COLUMN mode`.execute(db);
}
