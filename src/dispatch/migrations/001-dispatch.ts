import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  const unitKind = (col: string) => sql`${sql.ref(col)} in ('district_centre','command_centre','department','village','grid')`;
  await db.schema
    .createTable('dispatch_case')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('low','medium','high','critical')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('lon', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('address', 'text')
    .addColumn('town_code', 'text')
    .addColumn('village_code', 'text')
    .addColumn('grid_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('reported','dispatched','accepted','in_progress','resolved','verified','closed','returned')`))
    .addColumn('unit_kind', 'text', (c) => c.notNull().check(unitKind('unit_kind')))
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('unit_region', 'text')
    .addColumn('assignee', 'text')
    .addColumn('dispatcher_kind', 'text', (c) => c.notNull().check(unitKind('dispatcher_kind')))
    .addColumn('dispatcher_code', 'text', (c) => c.notNull())
    .addColumn('escalated_kind', 'text')
    .addColumn('escalated_code', 'text')
    .addColumn('escalations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('also_notify', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('route_reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('subjects', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('dispatched_at', 'timestamptz')
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('accept_due_at', 'timestamptz')
    .addColumn('resolve_due_at', 'timestamptz')
    .addColumn('escalate_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE INDEX dispatch_case_timer_idx ON dispatch_case (escalate_at) WHERE escalate_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX dispatch_case_unit_idx ON dispatch_case (unit_kind, unit_code, status)`.execute(db);
  await sql`CREATE INDEX dispatch_case_town_idx ON dispatch_case (district_code, town_code, opened_at)`.execute(db);

  await db.schema
    .createTable('dispatch_transition')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('dispatch_case.case_id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('note', 'text')
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('unit_kind', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await sql`CREATE INDEX dispatch_transition_case_idx ON dispatch_transition (case_id, id)`.execute(db);

  await db.schema
    .createTable('dispatch_rule')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('match', 'jsonb', (c) => c.notNull())
    .addColumn('target', 'jsonb', (c) => c.notNull())
    .addColumn('also_notify', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('dispatch_sla')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('*','low','medium','high','critical')`))
    .addColumn('accept_minutes', 'integer', (c) => c.notNull().check(sql`accept_minutes > 0`))
    .addColumn('resolve_minutes', 'integer', (c) => c.notNull().check(sql`resolve_minutes > 0`))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('dispatch_sla_key', ['category', 'severity'])
    .execute();

  await db.schema
    .createTable('dispatch_notification')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('dispatch_case.case_id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('feed','sms')`))
    .addColumn('unit_kind', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('scope', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute();
  await sql`CREATE INDEX dispatch_notification_case_idx ON dispatch_notification (case_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['dispatch_notification', 'dispatch_sla', 'dispatch_rule', 'dispatch_transition', 'dispatch_case']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
