import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoGeometry } from '../demo/load/demo-geometry.loader.js';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';
import { CASE_GREW } from '../events/event-messages.js';
import { eventsOf } from '../events/events.module.js';
import { HUB_STATUS_TOPIC } from './lifecycle.service.js';
import { caseOpened, createUsers, departmentCode, firstGridOf, PASSWORD, pointIn, publishCase, TIANMUSHAN, YIDU_VILLAGE } from './testing/fixtures.js';

describe.each(testEngines())('dispatch lifecycle on %s', (engine) => {
  let t: TestPlatform;
  const cookies: Record<string, string> = {};
  let at: { lon: number; lat: number };
  beforeAll(async () => {
    t = await createTestPlatform(engine);
    await loadDemoGeometry(t.p, async () => undefined);
    await createUsers(t.p);
    cookies.admin = await t.login('admin');
    for (const u of ['tms', 'jincheng', 'grid.yidu', 'grid.jc', 'leader']) cookies[u] = await t.login(u, PASSWORD);
    at = await pointIn(t.p, await firstGridOf(t.p, YIDU_VILLAGE));
  }, 120_000);
  afterAll(() => t.close());

  const act = (who: string, id: string, body: Record<string, unknown>) => t.as(cookies[who], { method: 'POST', url: `/api/dispatch/cases/${id}/transitions`, payload: body });
  const version = async (id: string) => (await t.as(cookies.admin, { url: `/api/dispatch/cases/${id}` })).json().version as number;
  const step = async (who: string, id: string, action: string, extra: Record<string, unknown> = {}) => {
    const res = await act(who, id, { action, expectedVersion: await version(id), ...extra });
    expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
    return res.json();
  };
  const gridCase = async () => (await publishCase(t.p, caseOpened({ location: at }))).caseId;
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const photo = async (who: string, salt: string) =>
    (await t.as(cookies[who], { method: 'POST', url: '/api/events/attachments', payload: Buffer.concat([PNG, Buffer.from(salt)]), headers: { 'content-type': 'image/png' } })).json().sha256 as string;

  it('runs the closed loop: accept, start, resolve with photos, verify, close, each recorded with who and note', async () => {
    const id = await gridCase();
    const mine = (await t.as(cookies['grid.yidu'], { url: '/api/dispatch/my-cases' })).json();
    expect(mine.items.map((c: { caseId: string }) => c.caseId)).toContain(id);
    expect((await t.as(cookies['grid.yidu'], { url: `/api/dispatch/cases/${id}` })).json().allowedActions).toEqual(['accept', 'return']);
    await step('grid.yidu', id, 'accept');
    await step('grid.yidu', id, 'start', { note: '已到现场' });
    const photos = [await photo('grid.yidu', 'a'), await photo('grid.yidu', 'b')];
    await step('grid.yidu', id, 'resolve', { note: '已清理', attachments: photos });
    expect((await t.as(cookies['grid.yidu'], { url: '/api/dispatch/my-cases' })).json().items.map((c: { caseId: string }) => c.caseId)).not.toContain(id);
    await step('tms', id, 'verify', { note: '核查属实' });
    const closed = await step('tms', id, 'close');
    expect(closed).toMatchObject({ status: 'closed', version: 6, overdue: false });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.timeline.map((x: { action: string; actor: string; toStatus: string }) => `${x.action}:${x.actor}:${x.toStatus}`)).toEqual([
      'report:system:citizen:reported', 'dispatch:system:routing:dispatched', 'accept:grid.yidu:accepted', 'start:grid.yidu:in_progress',
      'resolve:grid.yidu:resolved', 'verify:tms:verified', 'close:tms:closed',
    ]);
    expect(closed.timeline[4]).toMatchObject({ note: '已清理', attachments: photos });

    // The hub is told of resolve and close through the outbox (its own case does not exist here: these wait and retry);
    // of the first dispatch in routing's own transaction.
    const hub = await t.p.db.selectFrom('outbox').select('payload').where('topic', '=', HUB_STATUS_TOPIC).execute();
    expect(hub.filter((h) => (h.payload as { caseId: string }).caseId === id)).toHaveLength(2);
  });

  it('closes the loop with the real hub: an event published there is dispatched, and the hub sees it closed', async () => {
    const hub = eventsOf(t.p).hub;
    const published = await hub.publish({ source: 'citizen', category: 'sanitation', title: '路边垃圾', location: at, subjects: [], evidence: { facts: {}, attachments: [] } }, undefined, { publishedBy: 'test' });
    // One relay pass: routing tells the hub in the transaction that dispatches.
    await t.p.outbox.drain();
    const id = published.caseId;
    const root = { kind: 'user' as const, id: 'x', name: 'admin', displayName: 'admin', role: 'admin', scope: { kind: 'district' as const, code: '330112' } };
    let open = await eventsOf(t.p).views.get(root, id);
    expect(open).toMatchObject({ status: 'open', statusNotes: '已派遣处置', agencyResponsible: expect.stringContaining('网格') });
    for (const [who, action, note] of [['grid.yidu', 'accept', null], ['grid.yidu', 'resolve', '已清运'], ['tms', 'verify', null], ['tms', 'close', '办结']] as const) {
      await step(who, id, action, note ? { note } : {});
    }
    await t.p.outbox.drain();
    open = await eventsOf(t.p).views.get(root, id);
    expect(open).toMatchObject({ status: 'closed', statusNotes: '办结' });
  });

  it('lets whoever sees the case read the photos its handling cited, and no one else; refuses an unknown photo', async () => {
    const published = await eventsOf(t.p).hub.publish({ source: 'citizen', category: 'sanitation', title: '河边垃圾', location: at, subjects: [], evidence: { facts: {}, attachments: [] } }, undefined, { publishedBy: 'test' });
    await t.p.outbox.drain();
    const id = published.caseId;
    await step('grid.yidu', id, 'accept');
    const unknown = await act('grid.yidu', id, { action: 'start', expectedVersion: await version(id), attachments: ['f'.repeat(64)] });
    expect(unknown.statusCode).toBe(400);
    const sha = await photo('grid.yidu', 'river');
    await step('grid.yidu', id, 'resolve', { note: '已打捞', attachments: [sha] });
    expect((await t.as(cookies.tms, { url: `/api/events/attachments/${sha}` })).statusCode).toBe(200);
    expect((await t.as(cookies.jincheng, { url: `/api/events/attachments/${sha}` })).statusCode).toBe(403);
    // The same bytes uploaded again by someone else are stored once, and readable by both uploaders.
    expect(await photo('grid.jc', 'river')).toBe(sha);
    expect((await t.as(cookies['grid.jc'], { url: `/api/events/attachments/${sha}` })).statusCode).toBe(200);
  });

  it('refuses what the state machine does not allow (409), a missing note (400), and roles without the permission (403)', async () => {
    const id = await gridCase();
    const close = await act('tms', id, { action: 'close', expectedVersion: 1 });
    expect(close.statusCode).toBe(409);
    expect(close.json().error.code).toBe('invalid_transition');
    await step('grid.yidu', id, 'accept');
    const noNote = await act('grid.yidu', id, { action: 'resolve', expectedVersion: 2, note: '  ' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.fields).toEqual({ note: 'required for resolve' });
    await step('grid.yidu', id, 'resolve', { note: 'done' });
    const verify = await act('grid.yidu', id, { action: 'verify', expectedVersion: 3 });
    expect(verify.statusCode).toBe(403);
    expect((await act('leader', id, { action: 'verify', expectedVersion: 3 })).statusCode).toBe(403);
    const reopened = await step('tms', id, 'reopen', { note: '群众反映未清理干净' });
    expect(reopened).toMatchObject({ status: 'dispatched', unit: { kind: 'grid' }, assignee: 'grid.yidu', resolvedAt: null });
    expect(reopened.timeline.at(-1)).toMatchObject({ action: 'reopen', fromStatus: 'resolved', toStatus: 'dispatched', note: '群众反映未清理干净' });
  });

  it('lets only one of two people acting at once win; the other gets 409 and nothing is done twice', async () => {
    const id = await gridCase();
    const [a, b] = await Promise.all([act('grid.yidu', id, { action: 'accept', expectedVersion: 1 }), act('tms', id, { action: 'accept', expectedVersion: 1 })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('version_conflict');
    const c = (await t.as(cookies.admin, { url: `/api/dispatch/cases/${id}` })).json();
    expect(c.timeline.filter((x: { action: string }) => x.action === 'accept')).toHaveLength(1);
    expect(c.version).toBe(2);
    // Five at once on the next step: still exactly one.
    const many = await Promise.all(Array.from({ length: 5 }, (_, i) => act(i % 2 ? 'tms' : 'grid.yidu', id, { action: 'start', expectedVersion: 2 })));
    expect(many.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(many.filter((r) => r.statusCode === 409)).toHaveLength(4);
  });

  it("gives a grid worker 403 on another unit's case, and audits the refusal", async () => {
    const id = await gridCase();
    const res = await act('grid.jc', id, { action: 'accept', expectedVersion: 1 });
    expect(res.statusCode).toBe(403);
    expect((await t.as(cookies['grid.jc'], { url: `/api/dispatch/cases/${id}` })).statusCode).toBe(403);
    expect((await act('jincheng', id, { action: 'accept', expectedVersion: 1 })).statusCode).toBe(403);
    const denied = await t.p.audit.find({ action: 'auth.denied' }, 1, 50);
    const forCase = denied.items.filter((r) => r.target === `dispatch_case:${id}`);
    expect(forCase.map((r) => r.actor)).toEqual(expect.arrayContaining(['grid.jc', 'jincheng']));
    expect(forCase[0].detail).toMatchObject({ method: 'POST', route: '/api/dispatch/cases/:id/transitions' });
    const list = (await t.as(cookies['grid.jc'], { url: '/api/dispatch/cases' })).json();
    expect(list.items.map((c: { caseId: string }) => c.caseId)).not.toContain(id);
    expect((await act('grid.yidu', id, { action: 'accept', expectedVersion: 1 })).statusCode).toBe(200);
  });

  it('returns a wrongly routed case to its sender, who re-routes it; escalates by hand', async () => {
    const env = await departmentCode(t.p, '生态环境局');
    const id = (await publishCase(t.p, caseOpened({ category: 'river-pollution', severity: 'medium', location: at }))).caseId;
    expect((await t.as(cookies.admin, { url: `/api/dispatch/cases/${id}` })).json()).toMatchObject({ unit: { code: env }, dispatcher: { code: `C${TIANMUSHAN}` } });
    expect((await act('tms', id, { action: 'return', expectedVersion: 1, note: 'x' })).statusCode).toBe(403);
    const returned = await step('admin', id, 'return', { note: '属于水利，非环境污染' });
    expect(returned).toMatchObject({ status: 'returned', unit: { kind: 'command_centre', code: `C${TIANMUSHAN}` } });
    expect((await act('tms', id, { action: 'dispatch', expectedVersion: returned.version, unit: { kind: 'department', code: env } })).json().error.fields).toEqual({ unit: 'same as the returning unit' });
    expect((await act('tms', id, { action: 'dispatch', expectedVersion: returned.version, unit: { kind: 'department', code: 'D330112999' } })).json().error.fields).toEqual({ unit: 'unknown unit' });
    expect((await act('tms', id, { action: 'dispatch', expectedVersion: returned.version, unit: { kind: 'grid', code: YIDU_VILLAGE } })).statusCode).toBe(400);
    const water = await departmentCode(t.p, '水利水电局');
    const rerouted = await step('tms', id, 'dispatch', { unit: { kind: 'department', code: water }, note: '改派水利' });
    expect(rerouted).toMatchObject({ status: 'dispatched', unit: { kind: 'department', code: water } });
    expect(rerouted.routeReasons.at(-1)).toMatch(/re-routed by hand/);
    const up = await step('tms', id, 'escalate', { note: '水利局未响应' });
    expect(up).toMatchObject({ status: 'dispatched', unit: { kind: 'district_centre' }, escalations: 1 });
    const top = await act('admin', id, { action: 'escalate', expectedVersion: up.version });
    expect(top.statusCode).toBe(409);
    expect(top.json().error.code).toBe('top_of_ladder');
  });

  it('counts a merged duplicate, keeps the worse severity, tells the handler, and ignores a repeated message', async () => {
    const id = await gridCase();
    const grew = async (count: number, severity: 'low' | 'high') => {
      await t.p.outbox.add(t.p.db, CASE_GREW, { caseId: id, eventId: `ev-${count}`, count, severity });
      await t.p.outbox.drain();
    };
    const feed = async () => (await t.p.db.selectFrom('dispatch_notification').select('kind').where('case_id', '=', id).where('kind', '=', 'grew').execute()).length;
    await grew(2, 'high');
    expect((await t.as(cookies.admin, { url: `/api/dispatch/cases/${id}` })).json()).toMatchObject({ eventCount: 2, severity: 'high' });
    expect(await feed()).toBe(1);
    await grew(2, 'high');
    expect(await feed()).toBe(1);
    await grew(3, 'low');
    expect((await t.as(cookies.admin, { url: `/api/dispatch/cases/${id}` })).json()).toMatchObject({ eventCount: 3, severity: 'high' });
    expect(await feed()).toBe(2);
  });

  it('lists cases with filters, scoped to the caller', async () => {
    const all = (await t.as(cookies.admin, { url: '/api/dispatch/cases?pageSize=100' })).json();
    expect(all.total).toBeGreaterThan(4);
    const closed = (await t.as(cookies.admin, { url: '/api/dispatch/cases?status=closed' })).json();
    expect(closed.items.every((c: { status: string }) => c.status === 'closed')).toBe(true);
    expect(closed.total).toBe(2);
    expect((await t.as(cookies.admin, { url: '/api/dispatch/cases?status=nope' })).statusCode).toBe(400);
    const town = (await t.as(cookies.jincheng, { url: '/api/dispatch/cases' })).json();
    expect(town.total).toBe(0);
    const tms = (await t.as(cookies.tms, { url: `/api/dispatch/cases?town=${TIANMUSHAN}&category=sanitation` })).json();
    expect(tms.total).toBe(7); // every sanitation case the tests above opened in 天目山镇
    expect((await t.as(cookies.admin, { url: '/api/dispatch/cases?overdue=true' })).json().total).toBe(0);
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/dispatch/cases', '/api/dispatch/cases/{id}/transitions', '/api/dispatch/rules', '/api/dispatch/sla', '/api/dispatch/stats', '/api/dispatch/stream']));
  });
});
