import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/transaction.js';
import type { AppUserTable } from '../tables.js';
import { escapeLike } from '../audit/audit.store.js';

export async function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Executor, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Executor, row: Insertable<AppUserTable>) {
  return db.insertInto('app_user').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(db: Executor, id: string, patch: Updateable<AppUserTable>) {
  return db
    .updateTable('app_user')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export interface UserListFilter {
  q?: string;
  /** Region prefix the caller may see; null for all. */
  regionPrefix?: string | null;
}

export async function listUsers(db: Executor, f: UserListFilter, offset: number, limit: number) {
  let q = db.selectFrom('app_user');
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('username', 'ilike', like), eb('display_name', 'ilike', like)]));
  }
  if (f.regionPrefix) q = q.where('scope_code', 'like', `${escapeLike(f.regionPrefix)}%`);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('created_at').orderBy('username').offset(offset).limit(limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function countUsers(db: Executor): Promise<number> {
  const r = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
