import { sql, type Kysely } from 'kysely';
import { DEFAULT_TAXONOMY } from '../default-taxonomy.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('event_category')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'`))
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('group_zh', 'text', (c) => c.notNull())
    .addColumn('group_en', 'text', (c) => c.notNull())
    .addColumn('default_severity', 'text', (c) => c.notNull().check(sql`default_severity in ('low','medium','high','critical')`))
    .addColumn('dedup_radius_m', 'integer', (c) => c.notNull().check(sql`dedup_radius_m between 0 and 50000`))
    .addColumn('dedup_window_minutes', 'integer', (c) => c.notNull().check(sql`dedup_window_minutes between 0 and 525600`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db
    .insertInto('event_category')
    .values(DEFAULT_TAXONOMY.map((c, i) => ({ code: c.code, label_zh: c.zh, label_en: c.en, group_zh: c.groupZh, group_en: c.groupEn, default_severity: c.severity, dedup_radius_m: c.radiusM, dedup_window_minutes: c.windowMinutes, sort: i })))
    .execute();

  // Regional data carries district_code (the Citus distribution column).
  await db.schema
    .createTable('event_case')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().references('event_category.code'))
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','closed')`))
    .addColumn('status_notes', 'text')
    .addColumn('agency_responsible', 'text')
    .addColumn('dedup_key', 'text')
    .addColumn('lon', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('region_code', 'text')
    .addColumn('grid_code', 'text')
    .addColumn('address', 'text')
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('media_url', 'text')
    .addColumn('published_by', 'text')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_event_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .execute();
  // Merging looks only at open cases: by dedup key, or by category near a point.
  await sql`CREATE INDEX event_case_open_key_idx ON event_case (dedup_key) WHERE status = 'open' AND dedup_key IS NOT NULL`.execute(db);
  await sql`CREATE INDEX event_case_open_near_idx ON event_case (category, lat, lon) WHERE status = 'open' AND lat IS NOT NULL`.execute(db);
  await db.schema.createIndex('event_case_opened_idx').on('event_case').columns(['opened_at']).execute();
  await db.schema.createIndex('event_case_region_idx').on('event_case').columns(['region_code', 'opened_at']).execute();

  await db.schema
    .createTable('event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('event_case.id'))
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('lon', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('region_code', 'text')
    .addColumn('grid_code', 'text')
    .addColumn('address', 'text')
    .addColumn('subjects', 'jsonb', (c) => c.notNull())
    .addColumn('facts', 'jsonb', (c) => c.notNull())
    .addColumn('attachments', 'jsonb', (c) => c.notNull())
    .addColumn('media_url', 'text')
    .addColumn('dedup_key', 'text')
    .addColumn('reporter_sealed', 'text')
    .addColumn('published_by', 'text')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('event_case_id_idx').on('event').columns(['case_id', 'received_at']).execute();
  await db.schema.createIndex('event_received_idx').on('event').columns(['received_at']).execute();

  await db.schema
    .createTable('event_attachment')
    .addColumn('sha256', 'text', (c) => c.primaryKey().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
