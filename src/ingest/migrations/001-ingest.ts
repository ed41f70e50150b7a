import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dataset')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('department_code', 'text', (c) => c.notNull().references('org_unit.code'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('snapshot','incremental')`))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('L1','L2','L3','L4')`))
    .addColumn('spec', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('ingest_batch')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('dataset_id', 'integer', (c) => c.notNull().references('dataset.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('file_sha256', 'text')
    .addColumn('file_bytes', 'bigint')
    .addColumn('format', 'text')
    .addColumn('encoding', 'text')
    .addColumn('dataset_version', 'integer', (c) => c.notNull())
    .addColumn('read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected_by_reason', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('flags_by_kind', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('field_stats', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('quality_score', 'double precision')
    .addColumn('error', 'text')
    .addColumn('job_id', 'uuid')
    .addColumn('created_by', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('published_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('ingest_batch_dataset_idx').on('ingest_batch').columns(['dataset_id', 'id']).execute();

  // Regional data carries district_code (the Citus distribution column).
  await db.schema
    .createTable('ingest_row')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('dataset_id', 'integer', (c) => c.notNull().references('dataset.id'))
    .addColumn('district_code', 'text', (c) => c.notNull())
    // Hashes compare byte-wise (COLLATE "C"): a locale collation makes every index step a strcoll.
    .addColumn('key_hash', sql`text COLLATE "C"`, (c) => c.notNull())
    .addColumn('content_hash', sql`text COLLATE "C"`, (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('masked', 'jsonb', (c) => c.notNull())
    .addColumn('sealed', 'text')
    .addColumn('original', 'jsonb')
    .addColumn('flags', 'jsonb')
    .addColumn('batch_id', 'bigint', (c) => c.notNull().references('ingest_batch.id'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_to', 'timestamptz')
    .addColumn('deleted_by_batch', 'bigint')
    .execute();
  await sql`CREATE UNIQUE INDEX ingest_row_current_idx ON ingest_row (dataset_id, key_hash) WHERE valid_to IS NULL`.execute(db);
  await db.schema.createIndex('ingest_row_key_idx').on('ingest_row').columns(['dataset_id', 'key_hash', 'valid_from']).execute();

  // Unlogged: staging is rebuilt from the file on a retry, so it needs no WAL.
  await sql`CREATE UNLOGGED TABLE ingest_stage (
    batch_id bigint NOT NULL, line integer NOT NULL, key_hash text COLLATE "C" NOT NULL, content_hash text COLLATE "C" NOT NULL,
    data jsonb NOT NULL, masked jsonb NOT NULL, sealed text, original jsonb, flags jsonb, problem boolean NOT NULL DEFAULT false)`.execute(db);
  // Only the batch: the set-based steps over a batch (duplicates, publish) hash-join on key_hash.
  await sql`CREATE INDEX ingest_stage_batch_idx ON ingest_stage (batch_id)`.execute(db);

  await db.schema
    .createTable('ingest_reject')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('dataset_id', 'integer', (c) => c.notNull().references('dataset.id'))
    .addColumn('batch_id', 'bigint', (c) => c.notNull().references('ingest_batch.id'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('raw_sealed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('resolved_batch_id', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('ingest_reject_batch_idx').on('ingest_reject').columns(['batch_id', 'line']).execute();
  await db.schema.createIndex('ingest_reject_open_idx').on('ingest_reject').columns(['dataset_id', 'status']).execute();

  // Access to a dataset beyond its owner: requested, then approved or refused (申请-审批).
  await db.schema
    .createTable('dataset_grant')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('dataset_id', 'integer', (c) => c.notNull().references('dataset.id'))
    .addColumn('grantee_kind', 'text', (c) => c.notNull().check(sql`grantee_kind in ('department','role')`))
    .addColumn('grantee', 'text', (c) => c.notNull())
    .addColumn('fields', 'jsonb')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('requested','approved','refused','revoked')`))
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema.createIndex('dataset_grant_lookup_idx').on('dataset_grant').columns(['dataset_id', 'grantee_kind', 'grantee', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['dataset_grant', 'ingest_reject', 'ingest_stage', 'ingest_row', 'ingest_batch', 'dataset']) await db.schema.dropTable(t).ifExists().execute();
}
