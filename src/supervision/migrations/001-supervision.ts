import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // A model's published versions are kept whole so that every warning can cite the exact logic
  // that raised it; the editor's unpublished draft lives beside the current version.
  await sql`CREATE TABLE supervision_model (
    id text PRIMARY KEY,
    domain text NOT NULL,
    current_version integer NOT NULL,
    draft jsonb,
    enabled boolean NOT NULL DEFAULT true,
    builtin boolean NOT NULL DEFAULT false,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`CREATE TABLE supervision_model_version (
    model_id text NOT NULL REFERENCES supervision_model(id),
    version integer NOT NULL,
    spec jsonb NOT NULL,
    published_by text NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, version)
  )`.execute(db);

  await sql`CREATE TABLE supervision_run (
    id serial PRIMARY KEY,
    status text NOT NULL DEFAULT 'running' CHECK (status IN ('running','succeeded','failed')),
    as_of date NOT NULL,
    model_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
    stats jsonb NOT NULL DEFAULT '{}'::jsonb,
    triggered_by text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    error text
  )`.execute(db);

  await sql`CREATE SEQUENCE supervision_warning_code_seq`.execute(db);
  await sql`CREATE TABLE supervision_warning (
    id bigserial PRIMARY KEY,
    code text NOT NULL UNIQUE,
    model_id text NOT NULL REFERENCES supervision_model(id),
    model_version integer NOT NULL,
    domain text NOT NULL,
    dedup_key text NOT NULL,
    subject_kind text NOT NULL CHECK (subject_kind IN ('person','enterprise')),
    subject_id text NOT NULL,
    subject_name text,
    subject_official boolean NOT NULL DEFAULT false,
    town_code text,
    place_code text,
    severity text NOT NULL CHECK (severity IN ('red','orange','yellow')),
    facts jsonb NOT NULL,
    facts_hash text NOT NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','dispatched','confirmed','false_positive','cleared')),
    event_id text,
    case_id text,
    first_run integer NOT NULL,
    last_run integer NOT NULL,
    raised_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    dispatched_at timestamptz,
    action text CHECK (action IN ('accountability','correction','none')),
    recovered_yuan numeric(14,2),
    rule_improvement text,
    verified_by text,
    verified_at timestamptz,
    verify_note text,
    district_code text NOT NULL,
    UNIQUE (model_id, dedup_key)
  )`.execute(db);
  await sql`CREATE INDEX supervision_warning_status_idx ON supervision_warning (status, domain)`.execute(db);
  await sql`CREATE INDEX supervision_warning_subject_idx ON supervision_warning (subject_id)`.execute(db);
  await sql`CREATE INDEX supervision_warning_case_idx ON supervision_warning (case_id) WHERE case_id IS NOT NULL`.execute(db);

  await sql`CREATE TABLE supervision_warning_log (
    id bigserial PRIMARY KEY,
    warning_id bigint NOT NULL REFERENCES supervision_warning(id),
    kind text NOT NULL,
    actor text NOT NULL,
    run_id integer,
    detail jsonb NOT NULL DEFAULT '{}'::jsonb,
    at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`CREATE INDEX supervision_warning_log_warning_idx ON supervision_warning_log (warning_id, id)`.execute(db);

  // Relatives as the files show them: the same household in the registry, or a marriage
  // registration between two persons that no later divorce (registered or judged) ended.
  // A view, not a table: it is always as current as the person files, and the planner pushes a
  // model's entity ids into it instead of materialising every pair.
  await sql`CREATE VIEW supervision_kin AS
    SELECT h1.entity_id AS a, h2.entity_id AS b, 'household'::text AS relation
      FROM identity_record h1
      JOIN identity_record h2 ON h2.household_no = h1.household_no AND h2.active AND h2.dataset = 'gongan.household_registry' AND h2.entity_id <> h1.entity_id
     WHERE h1.dataset = 'gongan.household_registry' AND h1.active AND h1.household_no IS NOT NULL AND h1.entity_id IS NOT NULL
    UNION ALL
    SELECT h1.entity_id, h2.entity_id, 'spouse'
      FROM identity_record h1
      JOIN identity_record h2 ON h2.household_no = h1.household_no AND h2.active AND h2.dataset = 'gongan.household_registry' AND h2.entity_id <> h1.entity_id
     WHERE h1.dataset = 'gongan.household_registry' AND h1.active AND h1.household_no IS NOT NULL
       AND ((h1.context->>'relation_to_head' = '户主' AND h2.context->>'relation_to_head' = '配偶') OR (h1.context->>'relation_to_head' = '配偶' AND h2.context->>'relation_to_head' = '户主'))
    UNION ALL
    SELECT m1.entity_id, m2.entity_id, 'spouse'
      FROM identity_record m1
      JOIN identity_record m2 ON m2.dataset = m1.dataset AND m2.row_id = m1.row_id AND m2.party <> m1.party AND m2.active AND m2.entity_id IS NOT NULL
     WHERE m1.dataset = 'minzheng.marriage_registrations' AND m1.active AND m1.entity_id IS NOT NULL AND m1.context->>'event_type' = '结婚登记'
       AND NOT EXISTS (
         SELECT 1 FROM identity_record d1
           JOIN identity_record d2 ON d2.dataset = d1.dataset AND d2.row_id = d1.row_id AND d2.party <> d1.party AND d2.active AND d2.entity_id = m2.entity_id
          WHERE d1.entity_id = m1.entity_id AND d1.active
            AND ((d1.dataset = 'minzheng.marriage_registrations' AND d1.context->>'event_type' IN ('离婚登记','撤销婚姻登记') AND d1.context->>'registered_on' >= m1.context->>'registered_on')
              OR (d1.dataset = 'fayuan.divorce_judgments' AND d1.context->>'decided_on' >= m1.context->>'registered_on')))`.execute(db);
}
