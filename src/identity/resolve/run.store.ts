import type { Executor } from '../../platform/db/transaction.js';

/**
 * The newest succeeded person run that saved a linkage model, with the model as JSON text: what an
 * incremental run reuses and what the console's pair explanation weighs with. One row only: each
 * model is megabytes of jsonb, and fetching every run's to keep the first cost 0.4 s a run.
 */
export async function latestModelRun(db: Executor): Promise<{ id: number; model: string } | null> {
  const r = await db
    .selectFrom('identity_run')
    .select(['id', 'model'])
    .where('kind', '=', 'person')
    .where('status', '=', 'succeeded')
    .where('model', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && typeof r.model === 'string' && r.model ? { id: Number(r.id), model: r.model } : null;
}
