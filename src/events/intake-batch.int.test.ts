import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';
import { CASE_GREW, CASE_OPENED } from './event-messages.js';
import { eventsOf } from './events.module.js';
import type { PublishResult } from './hub.service.js';
import { near, roadDamage, VILLAGE } from './testing/fixtures.js';

const at = (north: number) => ({ location: { ...near(north), regionCode: VILLAGE } });
const ok = (r: PromiseSettledResult<PublishResult>) => (r.status === 'fulfilled' ? r.value : Promise.reject(r.reason));

/** Batches of events stored in one transaction each: the same cases as one at a time, and each event its own answer. */
describe.each(testEngines())('event intake in batches on %s', (engine) => {
  let t: TestPlatform;
  const hub = () => eventsOf(t.p).hub;
  const caseRow = (id: string) => t.p.db.selectFrom('event_case').select(['count', 'severity', 'dedup_key']).where('id', '=', id).executeTakeFirstOrThrow();
  const outboxOf = async (caseId: string) =>
    (await t.p.db.selectFrom('outbox').select(['topic', 'payload']).orderBy('id').execute()).filter((m) => (m.payload as { caseId: string }).caseId === caseId);
  beforeAll(async () => {
    t = await createTestPlatform(engine);
  });
  afterAll(() => t.close());

  it('makes one case of two events with the same dedup key in one batch, the second merged', async () => {
    const [a, b] = await Promise.all((await hub().publishMany([roadDamage({ ...at(100_000), dedupKey: 'batch-key-1' }), roadDamage({ ...at(101_000), dedupKey: 'batch-key-1', severity: 'high' })])).map(ok));
    expect(a).toMatchObject({ merged: false, count: 1, severity: 'medium' });
    expect(b).toMatchObject({ caseId: a.caseId, merged: true, count: 2, severity: 'high' });
    expect(await caseRow(a.caseId)).toEqual({ count: 2, severity: 'high', dedup_key: 'batch-key-1' });
    expect((await outboxOf(a.caseId)).map((m) => [m.topic, (m.payload as { eventId: string }).eventId])).toEqual([[CASE_OPENED, a.eventId], [CASE_GREW, b.eventId]]);
    const c = await eventsOf(t.p).views.get({ kind: 'user', id: 'x', name: 'admin', displayName: '', role: 'admin', scope: { kind: 'district', code: '330112' } }, a.caseId);
    expect(c.events.map((e) => e.id)).toEqual([a.eventId, b.eventId]);
  });

  it('stores a batch mixing new events and duplicates of open cases as one at a time would', async () => {
    const keyed = await hub().publish(roadDamage({ ...at(110_000), dedupKey: 'batch-key-2' }));
    const placed = await hub().publish(roadDamage(at(112_000)));
    const out = await Promise.all(
      (await hub().publishMany([
        roadDamage({ ...at(114_000) }), // new
        roadDamage({ ...at(110_500), dedupKey: 'batch-key-2' }), // joins by key
        roadDamage({ ...at(112_020), severity: 'critical' }), // joins by place
        roadDamage({ ...at(114_030) }), // joins the new case of this batch by place
        roadDamage({ ...at(116_000), dedupKey: 'batch-key-2' }), // by key again
      ])).map(ok),
    );
    expect(out.map((r) => [r.caseId, r.merged, r.count])).toEqual([
      [out[0].caseId, false, 1],
      [keyed.caseId, true, 2],
      [placed.caseId, true, 2],
      [out[0].caseId, true, 2],
      [keyed.caseId, true, 3],
    ]);
    expect(await caseRow(keyed.caseId)).toMatchObject({ count: 3 });
    expect(await caseRow(placed.caseId)).toMatchObject({ count: 2, severity: 'critical' });
    expect(await caseRow(out[0].caseId)).toMatchObject({ count: 2 });
    expect((await outboxOf(keyed.caseId)).map((m) => m.payload)).toEqual([
      expect.objectContaining({ eventId: keyed.eventId }),
      { caseId: keyed.caseId, eventId: out[1].eventId, count: 2, severity: 'medium' },
      { caseId: keyed.caseId, eventId: out[4].eventId, count: 3, severity: 'medium' },
    ]);
  });

  it('answers each event of a batch on its own: a bad one fails alone and the others are stored', async () => {
    await sql`CREATE FUNCTION test_refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.title = 'refused' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`.execute(t.p.db);
    await sql`CREATE TRIGGER test_refuse BEFORE INSERT ON event FOR EACH ROW EXECUTE FUNCTION test_refuse_event()`.execute(t.p.db);
    try {
      const out = await hub().publishMany([
        roadDamage({ ...at(120_000), dedupKey: 'batch-key-3' }),
        roadDamage({ ...at(121_000), title: 'refused' }), // fails in the database
        roadDamage({ ...at(122_000), category: 'no-such' }), // fails validation
        roadDamage({ ...at(123_000), dedupKey: 'batch-key-3' }),
      ]);
      expect(out.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect((out[1] as PromiseRejectedResult).reason.message).toContain('refused by the test');
      expect((out[2] as PromiseRejectedResult).reason).toMatchObject({ status: 400, fields: { category: 'unknown category' } });
      const [first, last] = [out[0], out[3]].map((r) => (r as PromiseFulfilledResult<PublishResult>).value);
      expect(last).toMatchObject({ caseId: first.caseId, merged: true, count: 2 });
      expect(await t.p.db.selectFrom('event').select('id').where('title', '=', 'refused').execute()).toEqual([]);
      // Concurrent publishers that share a batch get the same treatment.
      const racing = await Promise.allSettled([roadDamage(at(124_000)), roadDamage({ ...at(125_000), title: 'refused' }), roadDamage(at(126_000))].map((e) => hub().publish(e)));
      expect(racing.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    } finally {
      await sql`DROP TRIGGER test_refuse ON event`.execute(t.p.db);
      await sql`DROP FUNCTION test_refuse_event()`.execute(t.p.db);
    }
  });

  it('stores text as sent though the batch travels as SQL text: quotes, backslashes, $1, JSON-looking strings', async () => {
    const odd = `it's \\ "quoted" $1 $$ E'x' {"a":1} \u00e9 路面 \n end`;
    const out = await Promise.all(
      (await hub().publishMany([
        roadDamage({ ...at(140_000), title: odd, description: odd, dedupKey: odd, subjects: [{ kind: 'device', id: odd, label: odd }], evidence: { facts: { [odd]: odd, n: [1, '2'] }, attachments: [] } }),
        roadDamage({ ...at(141_000), dedupKey: odd, location: { ...near(141_000), regionCode: VILLAGE, address: odd } }),
      ])).map(ok),
    );
    expect(out[1]).toMatchObject({ caseId: out[0].caseId, merged: true, count: 2 });
    const e = await t.p.db.selectFrom('event').select(['title', 'description', 'dedup_key', 'subjects', 'facts']).where('id', '=', out[0].eventId).executeTakeFirstOrThrow();
    expect(e).toEqual({ title: odd, description: odd, dedup_key: odd, subjects: [{ kind: 'device', id: odd, label: odd }], facts: { [odd]: odd, n: [1, '2'] } });
    expect(await t.p.db.selectFrom('event').select('address').where('id', '=', out[1].eventId).executeTakeFirstOrThrow()).toEqual({ address: odd });
    expect(await caseRow(out[0].caseId)).toMatchObject({ count: 2, dedup_key: odd });
  });

  it('keeps counts exact when concurrent batches grow the same cases', { timeout: 30_000 }, async () => {
    const keys = Array.from({ length: 6 }, (_, i) => `race-${i}`);
    const publishes = Array.from({ length: 60 }, (_, i) => roadDamage({ ...at(130_000 + (i % 7) * 1_000), dedupKey: keys[i % keys.length] }));
    const results = await Promise.all([...publishes.slice(0, 30).map((e) => hub().publish(e)), hub().publishMany(publishes.slice(30)).then((rs) => Promise.all(rs.map(ok)))]);
    const flat = results.flat();
    for (const key of keys) {
      const mine = flat.filter((_, i) => publishes[i].dedupKey === key);
      expect(new Set(mine.map((r) => r.caseId)).size).toBe(1);
      expect(mine.map((r) => r.count).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect((await caseRow(mine[0].caseId)).count).toBe(10);
    }
  });
});
