import type { Insertable } from 'kysely';
import type { Executor } from '../db/transaction.js';
import type { ApiTokenTable } from '../tables.js';

export async function insertApiToken(db: Executor, row: Insertable<ApiTokenTable>) {
  return db.insertInto('api_token').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findLiveToken(db: Executor, tokenHash: string, now: Date) {
  return db
    .selectFrom('api_token')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
}

export async function listApiTokens(db: Executor) {
  return db.selectFrom('api_token').selectAll().orderBy('created_at', 'desc').execute();
}

export async function revokeApiToken(db: Executor, id: string, now: Date) {
  return db
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name'])
    .executeTakeFirst();
}

export async function markTokenUsed(db: Executor, id: string, now: Date) {
  await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', id).execute();
}
