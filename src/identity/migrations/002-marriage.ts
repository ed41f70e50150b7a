import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // Conflicts the marriage library found, queued for a person to settle. The fingerprint keeps a
  // re-run from queueing the same conflict twice and from reopening one already settled.
  await sql`CREATE TABLE marriage_conflict (
    id bigserial PRIMARY KEY,
    entity_id text NOT NULL,
    kind text NOT NULL,
    detail text NOT NULL,
    sources jsonb NOT NULL,
    fingerprint text NOT NULL UNIQUE,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','confirmed','dismissed','gone')),
    town_code text,
    district_code text NOT NULL,
    decided_by text,
    decided_at timestamptz,
    note text,
    found_at timestamptz NOT NULL DEFAULT now(),
    last_seen_run bigint
  )`.execute(db);
  await sql`CREATE INDEX marriage_conflict_open_idx ON marriage_conflict (status, kind)`.execute(db);
  await sql`CREATE INDEX marriage_conflict_entity_idx ON marriage_conflict (entity_id)`.execute(db);
  await sql`CREATE INDEX identity_record_row_idx ON identity_record (dataset, row_id) WHERE active`.execute(db);
  // Records arrive by COPY here first, then move with ON CONFLICT DO NOTHING, so a re-run after a
  // crash may read the same rows again. Keyed by the run, so two runs never clear each other's rows.
  await sql`CREATE TABLE identity_record_stage (
    run_id bigint NOT NULL, kind text NOT NULL, dataset text NOT NULL, row_id bigint NOT NULL, batch_id bigint NOT NULL, line integer NOT NULL,
    party text NOT NULL, role text NOT NULL, name text, id_hash text, id_token text, id_masked text, id_valid boolean, birth_date date, sex text,
    phone_hash text, phone_token text, phone_masked text, address text, village_code text, household_no text, context jsonb NOT NULL, district_code text NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX identity_record_stage_run_idx ON identity_record_stage (run_id)`.execute(db);
  // An incremental run starts from the records without a file: few, among millions.
  await sql`CREATE INDEX identity_record_unlinked_idx ON identity_record (id) WHERE active AND entity_id IS NULL`.execute(db);
  await sql`CREATE INDEX identity_record_name_birth_idx ON identity_record (name, birth_date) WHERE active`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS identity_record_stage`.execute(db);
  await sql`DROP INDEX IF EXISTS identity_record_name_birth_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS identity_record_unlinked_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS identity_record_row_idx`.execute(db);
  await sql`DROP TABLE IF EXISTS marriage_conflict`.execute(db);
}
