import { sql } from 'kysely';
import type { Executor } from '../db/transaction.js';

// One fixed advisory-lock key serialises appends so ids stay gap-free and each record links to the last.
const AUDIT_LOCK_KEY = 7_243_001;

export async function lockChain(tx: Executor): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(tx);
}

export async function lastRecord(tx: Executor) {
  return tx.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
}

function filtered(db: Executor, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.actor) q = q.where('actor', '=', f.actor);
  // Actions are dotted (auth.login, personal.reveal); a prefix selects a family.
  if (f.action) q = q.where((eb) => eb.or([eb('action', '=', f.action!), eb('action', 'like', `${escapeLike(f.action!)}.%`)]));
  if (f.target) q = q.where('target', 'like', `%${escapeLike(f.target)}%`);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  return q;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function findAudit(db: Executor, f: AuditFilter, offset: number, limit: number) {
  const [items, total] = await Promise.all([
    filtered(db, f).selectAll().orderBy('id', 'desc').offset(offset).limit(limit).execute(),
    filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function readChainPage(db: Executor, afterId: number, limit: number) {
  return db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
