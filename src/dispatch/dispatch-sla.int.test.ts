import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allModules } from '../modules.js';
import { openPlatform, type Platform } from '../platform/platform.js';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';
import { dispatchOf } from './dispatch.module.js';
import { addGrid, caseOpened, createUsers, PASSWORD, publishCase, TIANMUSHAN, YIDU_VILLAGE } from './testing/fixtures.js';

const MIN = 60_000;

describe.each(testEngines())('dispatch SLA and escalation on %s', (engine) => {
  let t: TestPlatform;
  let admin: string;
  let grid: string;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
    await createUsers(t.p);
    admin = await t.login('admin');
    grid = await addGrid(t.p, YIDU_VILLAGE);
  }, 60_000);
  afterAll(() => t.close());

  const detail = async (id: string) => (await t.as(admin, { url: `/api/dispatch/cases/${id}` })).json();

  /** A second platform on the same database, as after a restart: nothing in memory carries over. */
  async function restart(): Promise<Platform> {
    const modules = allModules();
    const p = await openPlatform(t.p.config, { log: { info: () => undefined, warn: () => undefined, error: () => undefined }, database: t.p.database, migrations: modules.flatMap((m) => (m.migrations ? [m.migrations] : [])) });
    for (const m of modules) await m.init?.(p);
    return p;
  }

  it('sets deadlines from the most specific SLA row, editable over the API', async () => {
    const list = (await t.as(admin, { url: '/api/dispatch/sla' })).json().items;
    expect(list.find((s: { category: string; severity: string }) => s.category === 'smoke-fire' && s.severity === 'critical')).toMatchObject({ acceptMinutes: 5, resolveMinutes: 120 });
    const dup = await t.as(admin, { method: 'POST', url: '/api/dispatch/sla', payload: { category: '*', severity: 'low', acceptMinutes: 1, resolveMinutes: 2 } });
    expect(dup.statusCode).toBe(409);
    const bad = await t.as(admin, { method: 'POST', url: '/api/dispatch/sla', payload: { category: 'sanitation', severity: 'urgent', acceptMinutes: 0, resolveMinutes: 2 } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['body.acceptMinutes', 'body.severity']);
    const created = await t.as(admin, { method: 'POST', url: '/api/dispatch/sla', payload: { category: 'sanitation', severity: '*', acceptMinutes: 30, resolveMinutes: 600 } });
    expect(created.statusCode).toBe(201);
    const c = await detail((await publishCase(t.p, caseOpened({ location: { gridCode: grid } }))).caseId);
    expect((Date.parse(c.acceptDueAt) - Date.parse(c.dispatchedAt)) / MIN).toBe(30);
    expect((Date.parse(c.resolveDueAt) - Date.parse(c.dispatchedAt)) / MIN).toBe(600);
    const upd = await t.as(admin, { method: 'PUT', url: `/api/dispatch/sla/${created.json().id}`, payload: { category: 'sanitation', severity: '*', acceptMinutes: 20, resolveMinutes: 600 } });
    expect(upd.json().acceptMinutes).toBe(20);
    const tms = await t.login('tms', PASSWORD);
    expect((await t.as(tms, { method: 'DELETE', url: `/api/dispatch/sla/${created.json().id}` })).statusCode).toBe(403);
    expect((await t.as(admin, { method: 'DELETE', url: `/api/dispatch/sla/${created.json().id}` })).statusCode).toBe(204);
    const low = await detail((await publishCase(t.p, caseOpened({ location: { gridCode: grid } }))).caseId);
    expect((Date.parse(low.acceptDueAt) - Date.parse(low.dispatchedAt)) / MIN).toBe(480);
  });

  it('escalates an unaccepted case up the ladder after a restart, recording and notifying each step', async () => {
    const m = await publishCase(t.p, caseOpened({ severity: 'critical', category: 'sanitation', location: { gridCode: grid } }));
    const before = await detail(m.caseId);
    expect(before).toMatchObject({ unit: { kind: 'grid' }, assignee: 'grid.yidu' });
    const t0 = Date.parse(before.dispatchedAt);
    expect(await dispatchOf(t.p).scanner.scan(new Date(t0 + 14 * MIN))).toBe(0);

    const p2 = await restart();
    try {
      const scanner = dispatchOf(p2).scanner;
      expect(await scanner.scan(new Date(t0 + 16 * MIN))).toBeGreaterThanOrEqual(1);
      let c = await detail(m.caseId);
      expect(c).toMatchObject({ status: 'dispatched', unit: { kind: 'village', code: YIDU_VILLAGE }, assignee: null, escalations: 1, overdue: false });
      const step = c.timeline.at(-1);
      expect(step).toMatchObject({ action: 'escalate', actor: 'system:sla', fromStatus: 'dispatched', toStatus: 'dispatched', detail: { reason: 'accept_overdue' } });
      expect(await scanner.scan(new Date(t0 + 16 * MIN))).toBe(0);
      await scanner.scan(new Date(t0 + 32 * MIN));
      c = await detail(m.caseId);
      expect(c.unit).toMatchObject({ kind: 'command_centre', code: `C${TIANMUSHAN}` });
      await scanner.scan(new Date(t0 + 48 * MIN));
      await scanner.scan(new Date(t0 + 64 * MIN));
      c = await detail(m.caseId);
      expect(c).toMatchObject({ unit: { kind: 'district_centre' }, escalations: 3 });
      expect(c.timeline.filter((x: { action: string }) => x.action === 'escalate')).toHaveLength(3);
      const notes = await p2.db.selectFrom('dispatch_notification').select(['kind', 'channel', 'unit_code', 'recipient']).where('case_id', '=', m.caseId).where('kind', '=', 'escalate').execute();
      expect(notes.filter((n) => n.channel === 'feed').map((n) => n.unit_code)).toEqual([YIDU_VILLAGE, `C${TIANMUSHAN}`, 'C330112']);
      expect(notes.filter((n) => n.channel === 'sms').map((n) => n.recipient)).toEqual(expect.arrayContaining(['grid.yidu', 'tms', 'leader']));
    } finally {
      await p2.close();
    }
  });

  it('puts the next level over a case accepted but not resolved in time, leaving the handler on it', async () => {
    const m = await publishCase(t.p, caseOpened({ severity: 'high', location: { gridCode: grid } }));
    const c0 = await detail(m.caseId);
    expect(c0.dispatchedAt).not.toBeNull();
    const grid1 = await t.login('grid.yidu', PASSWORD);
    expect((await t.as(grid1, { method: 'POST', url: `/api/dispatch/cases/${m.caseId}/transitions`, payload: { action: 'accept', expectedVersion: 1 } })).statusCode).toBe(200);
    expect(Date.parse(c0.resolveDueAt) - Date.parse(c0.dispatchedAt)).toBe(720 * MIN);
    await dispatchOf(t.p).scanner.scan();
    expect((await detail(m.caseId)).escalations).toBe(0);
    expect((await t.as(admin, { url: '/api/dispatch/cases?overdue=true' })).json().items.map((x: { caseId: string }) => x.caseId)).not.toContain(m.caseId);
    // Twelve hours pass: the resolve deadline (and with it the timer) is now behind us.
    const past = new Date(Date.now() - MIN);
    await t.p.db.updateTable('dispatch_case').set({ resolve_due_at: past, escalate_at: past }).where('case_id', '=', m.caseId).execute();
    expect(await dispatchOf(t.p).scanner.scan()).toBeGreaterThanOrEqual(1);
    const c = await detail(m.caseId);
    expect(c).toMatchObject({ status: 'accepted', unit: { kind: 'grid', code: grid }, assignee: 'grid.yidu', escalatedTo: { kind: 'village', code: YIDU_VILLAGE }, escalations: 1, overdue: true });
    expect(c.timeline.at(-1).detail.reason).toBe('resolve_overdue');
    expect((await t.as(admin, { url: '/api/dispatch/cases?overdue=true' })).json().items.map((x: { caseId: string }) => x.caseId)).toContain(m.caseId);
  });

  it('counts cases, on-time rates and median handling time by category, town, unit and period', async () => {
    const lc = dispatchOf(t.p).lifecycle;
    const base = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await publishCase(t.p, caseOpened({ category: 'noise', severity: 'medium', location: { gridCode: grid } }))).caseId);
    const sys = { principal: { kind: 'user' as const, id: 'x', name: 'admin', displayName: 'admin', role: 'admin', scope: { kind: 'district' as const, code: '330112' } } };
    // Case 0 on time (accepted at +10 min, closed at +60), case 1 late to accept (+3 h) and late to close (+3 days), case 2 left open.
    const walk = async (id: string, acceptAfter: number, doneAfter: number) => {
      let v = 1;
      for (const [action, after] of [['accept', acceptAfter], ['resolve', doneAfter], ['verify', doneAfter], ['close', doneAfter]] as const) {
        await lc.transition(sys, id, { action, expectedVersion: v++, note: 'ok', at: new Date(base + after * MIN) });
      }
    };
    await walk(ids[0], 10, 60);
    await walk(ids[1], 180, 3 * 1440);
    const stats = (await t.as(admin, { url: '/api/dispatch/stats?groupBy=category&category=noise' })).json();
    expect(stats.items).toHaveLength(1);
    expect(stats.items[0]).toMatchObject({ key: 'noise', cases: 3, open: 1, closed: 2, accepted: 2, acceptedOnTime: 1, onTimeAcceptanceRate: 0.5, closedOnTime: 1, onTimeClosureRate: 0.5 });
    expect(stats.items[0].medianHandlingMinutes).toBeGreaterThan(60);
    expect(stats.items[0].medianHandlingMinutes).toBeLessThan(3 * 1440 + 5);
    const byTown = (await t.as(admin, { url: `/api/dispatch/stats?groupBy=town&town=${TIANMUSHAN}` })).json();
    expect(byTown.items.map((r: { key: string }) => r.key)).toEqual([TIANMUSHAN]);
    const byDay = (await t.as(admin, { url: '/api/dispatch/stats?groupBy=day' })).json();
    expect(byDay.items[0].key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(byDay.totals.cases).toBe(byTown.totals.cases);
    const byMonth = (await t.as(admin, { url: '/api/dispatch/stats?groupBy=month&from=2000-01-01T00:00:00Z' })).json();
    expect(byMonth.items[0].key).toMatch(/^\d{4}-\d{2}$/);
    expect((await t.as(admin, { url: '/api/dispatch/stats?groupBy=unit' })).json().items.length).toBeGreaterThan(0);
    const jc = await t.login('jincheng', PASSWORD);
    expect((await t.as(jc, { url: '/api/dispatch/stats' })).json().totals.cases).toBe(0);
    const grid1 = await t.login('grid.yidu', PASSWORD);
    expect((await t.as(grid1, { url: '/api/dispatch/stats' })).statusCode).toBe(403);
  });
});
