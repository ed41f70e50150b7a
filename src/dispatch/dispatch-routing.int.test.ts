import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoGeometry } from '../demo/load/demo-geometry.loader.js';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';
import { CASE_GREW, CASE_OPENED } from '../events/event-messages.js';
import { dispatchOf } from './dispatch.module.js';
import { caseOpened, createUsers, departmentCode, DISTRICT, firstGridOf, pointIn, publishCase, TIANMUSHAN, YIDU_VILLAGE } from './testing/fixtures.js';

describe.each(testEngines())('dispatch routing on %s', (engine) => {
  let t: TestPlatform;
  let admin: string;
  let yiduGrid: string;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
    await loadDemoGeometry(t.p, async () => undefined);
    await createUsers(t.p);
    admin = await t.login('admin');
    yiduGrid = await firstGridOf(t.p, YIDU_VILLAGE);
  }, 120_000);
  afterAll(() => t.close());

  const detail = async (id: string) => (await t.as(admin, { url: `/api/dispatch/cases/${id}` })).json();

  it('routes a sanitation report by point in polygon to its grid and the grid worker, with the reasons', async () => {
    const m = await publishCase(t.p, caseOpened({ location: await pointIn(t.p, yiduGrid) }));
    const c = await detail(m.caseId);
    expect(c).toMatchObject({ status: 'dispatched', unit: { kind: 'grid', code: yiduGrid }, assignee: 'grid.yidu', location: { townCode: TIANMUSHAN, villageCode: YIDU_VILLAGE, gridCode: yiduGrid } });
    expect(c.routeReasons.join('\n')).toMatch(/point in polygon[\s\S]*rule #\d+ matched sanitation\/low[\s\S]*grid worker/);
    expect(c.timeline.map((x: { action: string }) => x.action)).toEqual(['report', 'dispatch']);
    expect(c.timeline[1].detail.reasons).toEqual(c.routeReasons);
  });

  it('sends a forest fire to the town command centre, and a critical one also to the district centre', async () => {
    const at = await pointIn(t.p, yiduGrid);
    const fire = await detail((await publishCase(t.p, caseOpened({ category: 'smoke-fire', severity: 'high', location: at }))).caseId);
    expect(fire.unit).toMatchObject({ kind: 'command_centre', code: `C${TIANMUSHAN}`, name: '天目山镇综合指挥室' });
    expect(fire.alsoNotify.map((u: { code: string }) => u.code)).toEqual([await departmentCode(t.p, '林业局')]);
    const big = await detail((await publishCase(t.p, caseOpened({ category: 'smoke-fire', severity: 'critical', location: at }))).caseId);
    expect(big.unit.code).toBe(`C${TIANMUSHAN}`);
    expect(big.alsoNotify.map((u: { code: string }) => u.code)).toContain(`C${DISTRICT}`);
  });

  it('sends river pollution to the environment department', async () => {
    const c = await detail((await publishCase(t.p, caseOpened({ category: 'river-pollution', severity: 'high', location: await pointIn(t.p, yiduGrid) }))).caseId);
    expect(c.unit).toMatchObject({ kind: 'department', code: await departmentCode(t.p, '生态环境局') });
    expect(c.alsoNotify.map((u: { code: string }) => u.code)).toEqual([`C${TIANMUSHAN}`]);
  });

  it('falls back up the ladder when the place is unknown, and to the district when no rule matches', async () => {
    const noPlace = await detail((await publishCase(t.p, caseOpened({ category: 'sanitation' }))).caseId);
    expect(noPlace.unit).toMatchObject({ kind: 'district_centre', code: `C${DISTRICT}` });
    expect(noPlace.routeReasons.join('\n')).toMatch(/no grid known[\s\S]*falling back/);
    const outside = await detail((await publishCase(t.p, caseOpened({ category: 'sanitation', location: { lon: 116.4, lat: 39.9 } }))).caseId);
    expect(outside.routeReasons[0]).toMatch(/outside every known boundary/);
    expect(outside.unit.kind).toBe('district_centre');
    const unknown = await detail((await publishCase(t.p, caseOpened({ category: 'no-such-category', severity: 'medium', location: await pointIn(t.p, yiduGrid) }))).caseId);
    expect(unknown.unit.code).toBe(`C${DISTRICT}`);
    expect(unknown.routeReasons.at(-1)).toMatch(/district fallback/);
  });

  it('uses the reported region code when there is no point', async () => {
    const c = await detail((await publishCase(t.p, caseOpened({ category: 'sanitation', location: { gridCode: yiduGrid } }))).caseId);
    expect(c.unit).toMatchObject({ kind: 'grid', code: yiduGrid });
    expect(c.routeReasons[0]).toMatch(/reported region code/);
  });

  it('takes a duplicate delivery of the same message only once', async () => {
    const m = caseOpened({ category: 'noise' });
    await dispatchOf(t.p).intake.caseOpened(m);
    await dispatchOf(t.p).intake.caseOpened(m);
    expect((await detail(m.caseId)).timeline).toHaveLength(2);
  });

  it('routes a batch of new cases and their duplicates in one delivery, counting each case once per report', async () => {
    const a = caseOpened({ category: 'sanitation', location: { gridCode: yiduGrid } });
    const b = caseOpened({ category: 'noise', severity: 'medium', location: await pointIn(t.p, yiduGrid) });
    const msg = (topic: string, payload: unknown) => ({ payload, meta: { topic } });
    await dispatchOf(t.p).intake.take([
      msg(CASE_OPENED, a),
      msg(CASE_OPENED, b),
      msg(CASE_GREW, { caseId: a.caseId, eventId: 'e2', count: 2, severity: 'low' }),
      msg(CASE_GREW, { caseId: a.caseId, eventId: 'e3', count: 3, severity: 'high' }),
      // A late, older count is ignored: counts only go up.
      msg(CASE_GREW, { caseId: b.caseId, eventId: 'e4', count: 1, severity: 'critical' }),
      msg(CASE_OPENED, a),
    ]);
    const [ca, cb] = [await detail(a.caseId), await detail(b.caseId)];
    expect(ca).toMatchObject({ eventCount: 3, severity: 'high', unit: { kind: 'grid', code: yiduGrid } });
    expect(cb).toMatchObject({ eventCount: 1, severity: 'medium' });
    expect(ca.timeline.map((x: { action: string }) => x.action)).toEqual(['report', 'dispatch']);
    const feed = await t.p.db.selectFrom('dispatch_notification').select(['kind', 'text']).where('case_id', '=', a.caseId).where('channel', '=', 'feed').orderBy('id').execute();
    expect(feed.map((f) => f.kind)).toEqual(['dispatch', 'grew']);
    expect(feed[1].text).toMatch(/累计 3 次，等级升为严重/);
  });

  it('applies rule edits at once: create, reorder, update, delete, with field errors for bad rules', async () => {
    const bad = await t.as(admin, { method: 'POST', url: '/api/dispatch/rules', payload: { name: 'x', match: { categories: ['a b'] }, target: { kind: 'department', code: 'D330112999' } } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toContain('body.match.categories.0');
    const ghost = await t.as(admin, { method: 'POST', url: '/api/dispatch/rules', payload: { name: 'x', match: {}, target: { kind: 'department', code: 'D330112999' } } });
    expect(ghost.statusCode).toBe(400);

    const water = await departmentCode(t.p, '水利水电局');
    const created = await t.as(admin, { method: 'POST', url: '/api/dispatch/rules', payload: { name: '天目山镇河道 → 水利', match: { categories: ['river-pollution'], regions: [TIANMUSHAN] }, target: { kind: 'department', code: water }, position: 1 } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const at = await pointIn(t.p, yiduGrid);
    expect((await detail((await publishCase(t.p, caseOpened({ category: 'river-pollution', location: at }))).caseId)).unit.code).toBe(water);

    const list = (await t.as(admin, { url: '/api/dispatch/rules' })).json().items as Array<{ id: number }>;
    expect(list[0].id).toBe(id);
    const order = [...list.slice(1).map((r) => r.id), id];
    expect((await t.as(admin, { method: 'POST', url: '/api/dispatch/rules/order', payload: { ids: order } })).json().items.at(-1).id).toBe(id);
    expect((await t.as(admin, { method: 'POST', url: '/api/dispatch/rules/order', payload: { ids: order.slice(1) } })).statusCode).toBe(400);
    expect((await detail((await publishCase(t.p, caseOpened({ category: 'river-pollution', location: at }))).caseId)).unit.code).toBe(await departmentCode(t.p, '生态环境局'));

    const upd = await t.as(admin, { method: 'PUT', url: `/api/dispatch/rules/${id}`, payload: { name: '全部噪声 → 水利', match: { categories: ['noise'] }, target: { kind: 'department', code: water } } });
    expect(upd.statusCode).toBe(200);
    await t.as(admin, { method: 'POST', url: '/api/dispatch/rules/order', payload: { ids: [id, ...order.slice(0, -1)] } });
    const preview = (await t.as(admin, { method: 'POST', url: '/api/dispatch/rules/preview', payload: { category: 'noise', severity: 'low', districtCode: DISTRICT, location: at } })).json();
    expect(preview).toMatchObject({ unit: { code: water }, ruleId: id });
    expect((await t.as(admin, { method: 'DELETE', url: `/api/dispatch/rules/${id}` })).statusCode).toBe(204);
    expect((await t.as(admin, { method: 'DELETE', url: `/api/dispatch/rules/${id}` })).statusCode).toBe(404);
    const tms = await t.login('tms', 'dispatch-password-1');
    expect((await t.as(tms, { method: 'POST', url: '/api/dispatch/rules', payload: { name: 'x', match: {}, target: { kind: 'grid' } } })).statusCode).toBe(403);
  });

  it('sees a boundary change without a restart', async () => {
    const index = dispatchOf(t.p).regions;
    const far = { lon: 121.5, lat: 31.2 };
    expect((await index.locate(far.lon, far.lat)).town).toBeNull();
    const square = { type: 'Polygon', coordinates: [[[121.4, 31.1], [121.6, 31.1], [121.6, 31.3], [121.4, 31.3], [121.4, 31.1]]] };
    const before = await t.p.db.selectFrom('region').select(['geometry']).where('code', '=', TIANMUSHAN).executeTakeFirstOrThrow();
    await t.p.db.updateTable('region').set({ geometry: JSON.stringify(square) }).where('code', '=', TIANMUSHAN).execute();
    index.invalidate();
    expect((await index.locate(far.lon, far.lat)).town?.code).toBe(TIANMUSHAN);
    await t.p.db.updateTable('region').set({ geometry: JSON.stringify(before.geometry) }).where('code', '=', TIANMUSHAN).execute();
    index.invalidate();
    expect((await index.locate(far.lon, far.lat)).town).toBeNull();
  });
});
