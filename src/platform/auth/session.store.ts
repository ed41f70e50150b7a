import type { Executor } from '../db/transaction.js';

export async function insertSession(
  db: Executor,
  s: { token_hash: string; user_id: string; expires_at: Date; ip: string | null; user_agent: string | null },
) {
  await db.insertInto('user_session').values(s).execute();
}

/** The live session with its user, or undefined when unknown, expired or the user is locked. */
export async function findLiveSession(db: Executor, tokenHash: string, now: Date) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.token_hash', 's.expires_at', 's.last_seen_at', 'u.id', 'u.username', 'u.display_name', 'u.role', 'u.scope_kind', 'u.scope_code'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .where('u.locked', '=', false)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, tokenHash: string, now: Date) {
  await db.updateTable('user_session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Executor, tokenHash: string) {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

export async function deleteUserSessions(db: Executor, userId: string) {
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Executor, now: Date) {
  await db.deleteFrom('user_session').where('expires_at', '<=', now).execute();
}
