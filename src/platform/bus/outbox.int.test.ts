import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../db/transaction.js';
import { testEngines } from '../testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../testing/test-platform.js';
import { EventBus } from './event-bus.js';
import { Outbox } from './outbox.js';

describe.each(testEngines())('outbox on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
  });
  afterAll(() => t.close());

  it('keeps a message only when its transaction commits', async () => {
    const box = new Outbox(t.p.db);
    await withTransaction(t.p.db, (tx) => box.add(tx, 'test.kept', { a: 1 }));
    await expect(
      withTransaction(t.p.db, async (tx) => {
        await box.add(tx, 'test.lost', { a: 2 });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const topics = (await t.p.db.selectFrom('outbox').select('topic').execute()).map((r) => r.topic);
    expect(topics).toContain('test.kept');
    expect(topics).not.toContain('test.lost');
  });

  it('delivers to every subscriber at least once, retrying only the one that failed', async () => {
    const box = new Outbox(t.p.db);
    const a: unknown[] = [];
    const b: unknown[] = [];
    let failB = true;
    box.subscribe('order.*', 'a', async (p) => void a.push(p));
    box.subscribe('order.placed', 'b', async (p) => {
      if (failB) throw new Error('b is down');
      b.push(p);
    });
    const id = await withTransaction(t.p.db, (tx) => box.add(tx, 'order.placed', { n: 7 }));
    await box.drain();
    expect(a).toEqual([{ n: 7 }]);
    expect(b).toEqual([]);
    const row = await t.p.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 1, delivered_to: ['a'], last_error: 'b: b is down' });

    // After a restart (a new Outbox on the same table) with b healthy again, only b gets it.
    failB = false;
    const again = new Outbox(t.p.db);
    again.subscribe('order.*', 'a', async (p) => void a.push(p));
    again.subscribe('order.placed', 'b', async (p) => void b.push(p));
    await t.p.db.updateTable('outbox').set({ available_at: new Date() }).where('id', '=', id).execute();
    await again.drain();
    expect(a).toHaveLength(1);
    expect(b).toEqual([{ n: 7 }]);
    // Delivered to both: gone from the queue.
    expect(await t.p.db.selectFrom('outbox').select('id').where('id', '=', id).execute()).toEqual([]);
  });

  it('hands a batch subscriber what is due in one call, and on failure retries each message alone so only the bad one backs off', async () => {
    const box = new Outbox(t.p.db);
    const calls: number[][] = [];
    box.subscribeBatch(['batch.a', 'batch.b'], 'batcher', async (ms) => {
      calls.push(ms.map((m) => (m.payload as { n: number }).n));
      if (ms.some((m) => (m.payload as { n: number }).n === 3)) throw new Error('three is bad');
    });
    const ids = await withTransaction(t.p.db, async (tx) => {
      const out: number[] = [];
      for (let n = 1; n <= 4; n++) out.push(await box.add(tx, n % 2 ? 'batch.a' : 'batch.b', { n }));
      return out;
    });
    await box.drain();
    // One call with all four in id order, then one call per message after it failed.
    expect(calls).toEqual([[1, 2, 3, 4], [1], [2], [3], [4]]);
    // Only the failed message is left, backing off; the delivered ones are gone.
    const rows = await t.p.db.selectFrom('outbox').select(['id', 'attempts', 'last_error', 'delivered_to', 'available_at']).where('id', 'in', ids).orderBy('id').execute();
    expect(rows.map((r) => r.id)).toEqual([ids[2]]);
    expect(rows[0]).toMatchObject({ attempts: 1, last_error: 'batcher: three is bad', delivered_to: [] });
    expect(new Date(rows[0].available_at).getTime()).toBeGreaterThan(Date.now());
    expect(() => box.subscribeBatch(['batch.b'], 'batcher', async () => undefined)).toThrow(/duplicate/);
  });

  it('lets one failing bus subscriber not stop the others', async () => {
    const bus = new EventBus();
    const got: string[] = [];
    bus.subscribe('x.y', () => {
      throw new Error('boom');
    });
    bus.subscribe('x.*', (_p, topic) => void got.push(topic));
    bus.publish('x.y', {});
    await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual(['x.y']);
  });
});
