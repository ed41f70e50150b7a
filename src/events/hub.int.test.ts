import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../platform/db/transaction.js';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';
import { CASE_GREW, CASE_OPENED } from './event-messages.js';
import { eventsOf } from './events.module.js';
import { HubService } from './hub.service.js';
import { TaxonomyService } from './taxonomy.service.js';
import { near, OTHER_TOWN, roadDamage, VILLAGE } from './testing/fixtures.js';

describe.each(testEngines())('event hub service on %s', (engine) => {
  let t: TestPlatform;
  const hub = () => eventsOf(t.p).hub;
  const outboxOf = async (caseId: string) =>
    (await t.p.db.selectFrom('outbox').select(['topic', 'payload']).orderBy('id').execute()).filter((m) => (m.payload as { caseId: string }).caseId === caseId);
  beforeAll(async () => {
    t = await createTestPlatform(engine);
  });
  afterAll(() => t.close());

  it('opens a case and announces it in the outbox with the CaseOpened payload', async () => {
    const r = await hub().publish(roadDamage({ subjects: [{ kind: 'camera', id: '33011200001320000001', label: '青山路口' }], occurredAt: '2026-11-29T08:00:00+08:00' }));
    expect(r).toMatchObject({ merged: false, count: 1, severity: 'medium' });
    const [msg, ...rest] = await outboxOf(r.caseId);
    expect(rest).toEqual([]);
    expect(msg).toEqual({
      topic: CASE_OPENED,
      payload: {
        caseId: r.caseId, eventId: r.eventId, districtCode: '330112', category: 'road-damage', severity: 'medium', title: '路面坑洞', source: 'test.camera',
        location: { lon: near(0).lon, lat: near(0).lat, regionCode: VILLAGE, gridCode: null, address: '青山路 12 号' },
        occurredAt: '2026-11-29T00:00:00.000Z', openedAt: expect.any(String), subjects: [{ kind: 'camera', id: '33011200001320000001', label: '青山路口' }],
      },
    });
  });

  it('merges a report nearby in the window, growing count and severity, and says so in the outbox', async () => {
    const first = await hub().publish(roadDamage({ location: { ...near(10_000), regionCode: VILLAGE } }));
    const second = await hub().publish(roadDamage({ severity: 'high', location: { ...near(10_030, 20), regionCode: VILLAGE }, evidence: { facts: { depthCm: 40 }, attachments: [] } }));
    expect(second).toMatchObject({ caseId: first.caseId, merged: true, count: 2, severity: 'high' });
    const msgs = await outboxOf(first.caseId);
    expect(msgs.map((m) => m.topic)).toEqual([CASE_OPENED, CASE_GREW]);
    expect(msgs[1].payload).toEqual({ caseId: first.caseId, eventId: second.eventId, count: 2, severity: 'high' });
    const c = await eventsOf(t.p).views.get({ kind: 'user', id: 'x', name: 'admin', displayName: '', role: 'admin', scope: { kind: 'district', code: '330112' } }, first.caseId);
    expect(c.count).toBe(2);
    expect(c.events.map((e) => e.evidence.facts)).toEqual([{}, { depthCm: 40 }]);
  });

  it('keeps reports apart beyond the radius, outside the window, or of another category', async () => {
    const base = await hub().publish(roadDamage({ location: { ...near(20_000), regionCode: VILLAGE } }));
    const far = await hub().publish(roadDamage({ location: { ...near(20_060), regionCode: VILLAGE } })); // road-damage merges within 50 m
    const late = await hub().publish(roadDamage({ location: { ...near(20_000), regionCode: VILLAGE }, occurredAt: new Date(Date.now() - 4 * 86_400_000) }));
    const other = await hub().publish(roadDamage({ category: 'sanitation', location: { ...near(20_000), regionCode: VILLAGE } }));
    expect(new Set([base.caseId, far.caseId, late.caseId, other.caseId]).size).toBe(4);
  });

  it('merges by dedup key wherever the report is, and takes the key of a case merged by place', async () => {
    const a = await hub().publish({ source: 'sensing', category: 'device-alarm', title: '水位超限', dedupKey: 'dev-42:water-high' });
    const b = await hub().publish({ source: 'sensing', category: 'device-alarm', title: '水位超限', dedupKey: 'dev-42:water-high', location: { ...near(30_000), regionCode: VILLAGE } });
    expect(b).toMatchObject({ caseId: a.caseId, merged: true, count: 2 });
  });

  it('opens a new case for a report after the case was closed, and Open311 fields follow setCaseStatus', async () => {
    const a = await hub().publish(roadDamage({ location: { ...near(40_000), regionCode: VILLAGE }, dedupKey: 'pothole-40' }));
    const at = new Date('2026-11-29T03:00:00Z');
    await hub().setCaseStatus(a.caseId, { status: 'closed', statusNotes: '已修复', agencyResponsible: '交通运输局', at });
    const row = await t.p.db.selectFrom('event_case').selectAll().where('id', '=', a.caseId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'closed', status_notes: '已修复', agency_responsible: '交通运输局', updated_at: at, closed_at: at });
    const b = await hub().publish(roadDamage({ location: { ...near(40_000), regionCode: VILLAGE }, dedupKey: 'pothole-40' }));
    expect(b.merged).toBe(false);
    expect(b.caseId).not.toBe(a.caseId);
    await expect(hub().setCaseStatus('00000000-0000-4000-8000-000000000000', { status: 'open', statusNotes: null, agencyResponsible: null, at })).rejects.toMatchObject({ status: 404 });
  });

  it('makes one case of many identical events published at once', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => hub().publish(roadDamage({ location: { ...near(50_000), regionCode: VILLAGE } }))));
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(results.filter((r) => !r.merged)).toHaveLength(1);
    expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const keyed = await Promise.all(Array.from({ length: 8 }, (_, i) => hub().publish({ source: 's', category: 'device-alarm', title: 't', dedupKey: 'same-key', location: { ...near(60_000 + i * 5_000), regionCode: VILLAGE } })));
    expect(new Set(keyed.map((r) => r.caseId)).size).toBe(1);
  });

  it("publishes inside the caller's transaction: rolled back together, nothing left behind", async () => {
    const before = await t.p.db.selectFrom('event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await expect(
      withTransaction(t.p.db, async (tx) => {
        await hub().publish(roadDamage({ location: { ...near(70_000), regionCode: VILLAGE } }), undefined, { tx, publishedBy: 'supervision' });
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    const after = await t.p.db.selectFrom('event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const kept = await withTransaction(t.p.db, (tx) => hub().publish(roadDamage({ location: { ...near(70_000), regionCode: VILLAGE } }), undefined, { tx, publishedBy: 'supervision' }));
    expect((await t.p.db.selectFrom('event').select('published_by').where('id', '=', kept.eventId).executeTakeFirstOrThrow()).published_by).toBe('supervision');
  });

  it('looks categories and regions up through the caller\'s transaction (PGlite has one connection)', { timeout: 15_000 }, async () => {
    const cold = new HubService(t.p, new TaxonomyService(t.p.db, t.p.audit));
    const r = await withTransaction(t.p.db, async (tx) => {
      const a = await cold.publish(roadDamage({ category: 'sanitation', location: { ...near(75_000), regionCode: OTHER_TOWN } }), undefined, { tx });
      const b = await cold.publish({ source: 'indicators', category: 'indicator-breach', title: '空气质量指数越限' }, undefined, { tx });
      return [a, b];
    });
    expect(r.map((x) => x.merged)).toEqual([false, false]);
    const b = await t.p.db.selectFrom('event_case').select(['district_code', 'region_code']).where('id', '=', r[1].caseId).executeTakeFirstOrThrow();
    expect(b).toEqual({ district_code: '330112', region_code: null });
  });

  it('names the field of each bad input and writes nothing', async () => {
    const bad = async (input: object) => hub().publish(input as never).then(() => null, (e: { status: number; fields?: object }) => ({ status: e.status, fields: e.fields }));
    expect(await bad(roadDamage({ category: 'no-such' }))).toEqual({ status: 400, fields: { category: 'unknown category' } });
    expect(await bad(roadDamage({ location: { lat: 91, lon: 119 } }))).toMatchObject({ status: 400, fields: { 'location.lat': expect.any(String) } });
    expect(await bad(roadDamage({ location: { lat: '30.1' as never, lon: 119 } }))).toMatchObject({ status: 400, fields: { 'location.lat': expect.any(String) } });
    expect(await bad(roadDamage({ location: { lat: 30.1 } }))).toMatchObject({ status: 400, fields: { 'location.lat': 'lon and lat come together' } });
    expect(await bad(roadDamage({ location: { regionCode: '330112999999' } }))).toEqual({ status: 400, fields: { 'location.regionCode': 'unknown region' } });
    expect(await bad(roadDamage({ location: { regionCode: OTHER_TOWN, gridCode: '330112116217001' } }))).toEqual({ status: 400, fields: { 'location.gridCode': 'not inside location.regionCode' } });
    expect(await bad(roadDamage({ evidence: { facts: {}, attachments: ['a'.repeat(64)] } }))).toEqual({ status: 400, fields: { 'evidence.attachments.0': 'not uploaded' } });
    expect(await bad(roadDamage({ evidence: { facts: { blob: 'x'.repeat(40_000) }, attachments: [] } }))).toMatchObject({ status: 400, fields: { 'evidence.facts': expect.any(String) } });
    expect(await bad({ ...roadDamage(), extra: 1 })).toMatchObject({ status: 400 });
    expect(await bad(roadDamage({ occurredAt: new Date(Date.now() + 86_400_000) }))).toMatchObject({ status: 400, fields: { occurredAt: 'in the future' } });
  });

  it('stores the reporter only encrypted', async () => {
    const r = await hub().publish(roadDamage({ location: { ...near(80_000), regionCode: VILLAGE }, reporter: { name: '王小明', phone: '13812345678', email: 'wang@example.cn' } }));
    const row = await t.p.db.selectFrom('event').select('reporter_sealed').where('id', '=', r.eventId).executeTakeFirstOrThrow();
    expect(row.reporter_sealed).toMatch(/^v2\./);
    const text = JSON.stringify(await sql`SELECT * FROM event WHERE id = ${r.eventId}`.execute(t.p.db));
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('王小明');
    expect(JSON.parse(t.p.cipher.decrypt(row.reporter_sealed!))).toMatchObject({ name: '王小明', phone: '13812345678' });
  });
});
