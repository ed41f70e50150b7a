import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // One file per person or enterprise. Ids are stable text ("P000123") so they can be quoted.
  await sql`CREATE SEQUENCE identity_entity_seq`.execute(db);
  await sql`CREATE TABLE identity_entity (
    id text PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('person','enterprise')),
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','merged','retired')),
    merged_into text REFERENCES identity_entity(id),
    name text,
    id_hash text,
    id_masked text,
    birth_date date,
    village_code text,
    town_code text,
    golden jsonb NOT NULL DEFAULT '{}'::jsonb,
    record_count integer NOT NULL DEFAULT 0,
    district_code text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`CREATE INDEX identity_entity_id_hash_idx ON identity_entity (id_hash) WHERE status = 'active'`.execute(db);
  await sql`CREATE INDEX identity_entity_name_idx ON identity_entity (kind, name) WHERE status = 'active'`.execute(db);

  // A mention of a person or enterprise in one source row (a row can mention several: both
  // parties of a marriage, a member and the household applicant).
  await sql`CREATE TABLE identity_record (
    id bigserial PRIMARY KEY,
    kind text NOT NULL,
    dataset text NOT NULL,
    row_id bigint NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL,
    party text NOT NULL DEFAULT '',
    role text NOT NULL,
    active boolean NOT NULL DEFAULT true,
    entity_id text REFERENCES identity_entity(id),
    name text,
    id_hash text,
    id_token text,
    id_masked text,
    id_valid boolean,
    birth_date date,
    sex text,
    phone_hash text,
    phone_token text,
    phone_masked text,
    address text,
    village_code text,
    household_no text,
    context jsonb NOT NULL DEFAULT '{}'::jsonb,
    district_code text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (dataset, row_id, party)
  )`.execute(db);
  await sql`CREATE INDEX identity_record_entity_idx ON identity_record (entity_id) WHERE active`.execute(db);
  await sql`CREATE INDEX identity_record_id_hash_idx ON identity_record (id_hash) WHERE active`.execute(db);
  await sql`CREATE INDEX identity_record_birth_idx ON identity_record (kind, birth_date) WHERE active`.execute(db);
  await sql`CREATE INDEX identity_record_credit_code_idx ON identity_record ((context->>'credit_code')) WHERE active`.execute(db);
  await sql`CREATE INDEX identity_record_employer_idx ON identity_record ((context->>'employer_credit_code')) WHERE active AND role = 'insured'`.execute(db);
  await sql`CREATE INDEX identity_record_phone_idx ON identity_record (phone_hash) WHERE active AND phone_hash IS NOT NULL`.execute(db);
  await sql`CREATE INDEX identity_record_household_idx ON identity_record (household_no) WHERE active AND household_no IS NOT NULL`.execute(db);

  // Merges and splits, with the reason, so a file's history can be explained.
  await sql`CREATE TABLE identity_change (
    id bigserial PRIMARY KEY,
    run_id bigint,
    kind text NOT NULL CHECK (kind IN ('created','merged','split','retired','moved')),
    entity_id text NOT NULL,
    other_entity_id text,
    record_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
    reason text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`CREATE INDEX identity_change_entity_idx ON identity_change (entity_id)`.execute(db);

  // Uncertain pairs for a person to decide; a decision binds every later run.
  await sql`CREATE TABLE identity_review (
    id bigserial PRIMARY KEY,
    record_a bigint NOT NULL REFERENCES identity_record(id),
    record_b bigint NOT NULL REFERENCES identity_record(id),
    probability double precision NOT NULL,
    explanation jsonb NOT NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','same','different')),
    decided_by text,
    decided_at timestamptz,
    note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (record_a < record_b),
    UNIQUE (record_a, record_b)
  )`.execute(db);
  await sql`CREATE INDEX identity_review_open_idx ON identity_review (status, probability DESC)`.execute(db);

  // One resolution run: full or incremental, its counts and the model it used.
  await sql`CREATE TABLE identity_run (
    id bigserial PRIMARY KEY,
    kind text NOT NULL,
    mode text NOT NULL CHECK (mode IN ('full','incremental')),
    status text NOT NULL DEFAULT 'running',
    stats jsonb NOT NULL DEFAULT '{}'::jsonb,
    model jsonb,
    watermarks jsonb NOT NULL DEFAULT '{}'::jsonb,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    error text
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['identity_run', 'identity_review', 'identity_change', 'identity_record', 'identity_entity']) await sql`DROP TABLE IF EXISTS ${sql.table(t)}`.execute(db);
  await sql`DROP SEQUENCE IF EXISTS identity_entity_seq`.execute(db);
}
