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
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS identity_record_row_idx`.execute(db);
  await sql`DROP TABLE IF EXISTS marriage_conflict`.execute(db);
}
