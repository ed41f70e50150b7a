import type { Executor } from './db/transaction.js';

/** Small key/value facts about this installation (what was seeded, when the demo was loaded). */
export async function getSetting<T = unknown>(db: Executor, key: string): Promise<T | undefined> {
  const r = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value as T | undefined;
}

export async function putSetting(db: Executor, key: string, value: unknown): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }))
    .execute();
}
