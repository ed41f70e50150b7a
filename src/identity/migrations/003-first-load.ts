import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // The first resolution of a district writes each record once, with its file: records wait here
  // (unlogged, no indexes) while they are linked, then move to identity_record in one statement.
  // Writing them to identity_record first and setting entity_id afterwards rewrote every row and
  // every index entry a second time. Ids come from identity_record's own sequence, so they stay.
  await sql`CREATE UNLOGGED TABLE identity_record_load (run_id bigint NOT NULL, LIKE identity_record INCLUDING DEFAULTS)`.execute(db);
  // Record → file assignments of one run, by COPY, for a single UPDATE or INSERT … SELECT join.
  await sql`CREATE UNLOGGED TABLE identity_assign_stage (run_id bigint NOT NULL, record_id bigint NOT NULL, entity_id text NOT NULL)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS identity_assign_stage`.execute(db);
  await sql`DROP TABLE IF EXISTS identity_record_load`.execute(db);
}
