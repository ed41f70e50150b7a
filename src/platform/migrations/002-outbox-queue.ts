import { sql, type Kysely } from 'kysely';

/**
 * The outbox becomes a queue: the relay deletes a message once every subscriber has it, instead
 * of stamping `delivered_at` and keeping the row forever (a full second copy of every message
 * written, and a table that only grew). Messages already delivered go now.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM outbox WHERE delivered_at IS NOT NULL`.execute(db);
  await sql`DROP INDEX IF EXISTS outbox_pending_idx`.execute(db);
  await sql`ALTER TABLE outbox DROP COLUMN delivered_at`.execute(db);
  await sql`CREATE INDEX outbox_due_idx ON outbox (available_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS outbox_due_idx`.execute(db);
  await sql`ALTER TABLE outbox ADD COLUMN delivered_at timestamptz`.execute(db);
  await sql`CREATE INDEX outbox_pending_idx ON outbox (available_at) WHERE delivered_at IS NULL`.execute(db);
}
