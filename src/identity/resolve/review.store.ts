import type { Executor } from '../../platform/db/transaction.js';

export interface UncertainPair {
  a: number;
  b: number;
  probability: number;
  explanation: unknown;
}

/** Queues pairs for review; a pair already queued or decided is left as it is. */
export async function queueUncertain(db: Executor, pairs: UncertainPair[]): Promise<number> {
  let queued = 0;
  for (let i = 0; i < pairs.length; i += 500) {
    const values = pairs.slice(i, i + 500).map((p) => ({
      record_a: Math.min(p.a, p.b),
      record_b: Math.max(p.a, p.b),
      probability: p.probability,
      explanation: JSON.stringify(p.explanation ?? null),
    }));
    const r = await db.insertInto('identity_review').values(values).onConflict((oc) => oc.columns(['record_a', 'record_b']).doNothing()).executeTakeFirst();
    queued += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return queued;
}
