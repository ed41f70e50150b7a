import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';
import { near, OTHER_TOWN, roadDamage, TOWN, VILLAGE } from './testing/fixtures.js';

describe.each(testEngines())('events over HTTP on %s', (engine) => {
  let t: TestPlatform;
  let admin: string;
  let camera: string;
  const post = (token: string, payload: unknown) => t.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${token}` }, payload: payload as object });
  beforeAll(async () => {
    t = await createTestPlatform(engine);
    admin = await t.login('admin');
    camera = (await t.p.auth.createApiToken({ name: 'video-analytics', role: 'data_steward', scope: { kind: 'district', code: '330112' }, createdBy: 'test' })).token;
    await t.p.users.create(null, { username: 'town', displayName: 'town', password: 'town-password-1', role: 'town_operator', scope: { kind: 'town', code: TOWN } });
    await t.p.users.create(null, { username: 'ana', displayName: 'ana', password: 'ana-password-1', role: 'analyst', scope: { kind: 'district', code: '330112' } });
  });
  afterAll(() => t.close());

  it('takes an event from a machine client with an API key and answers 201 with its case', async () => {
    const res = await post(camera, roadDamage({ subjects: [{ kind: 'camera', id: '33011200001320000007' }] }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ merged: false, count: 1, severity: 'medium', caseId: expect.any(String), eventId: expect.any(String) });
    const again = await post(camera, roadDamage());
    expect(again.json()).toMatchObject({ caseId: res.json().caseId, merged: true, count: 2 });
    const c = await t.as(admin, { url: `/api/events/cases/${res.json().caseId}` });
    expect(c.json()).toMatchObject({ status: 'open', count: 2, category: 'road-damage', events: [{ publishedBy: 'token:video-analytics' }, {}] });
  });

  it('refuses callers without a key (401) and without event.publish (403, audited)', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/events', payload: roadDamage() })).statusCode).toBe(401);
    expect((await post('tmk_forged', roadDamage())).statusCode).toBe(401);
    const ana = await t.login('ana', 'ana-password-1');
    expect((await t.as(ana, { method: 'POST', url: '/api/events', payload: roadDamage() })).statusCode).toBe(403);
    const denied = await t.p.audit.find({ action: 'auth.denied' }, 1, 20);
    expect(denied.items.map((r) => r.detail.permission)).toContain('event.publish');
  });

  it('answers wrong types, bad coordinates, unknown categories and injection attempts with 400 naming the field', async () => {
    const fields = async (payload: unknown) => {
      const r = await post(camera, payload);
      expect(r.statusCode).toBe(400);
      return Object.keys(r.json().error.fields ?? {});
    };
    expect(await fields(roadDamage({ location: { lat: 200, lon: 119 } }))).toContain('body.location.lat');
    expect(await fields(roadDamage({ location: { lat: 'north' as never, lon: 119 } }))).toContain('body.location.lat');
    expect(await fields({ ...roadDamage(), title: 42 })).toContain('body.title');
    expect(await fields(roadDamage({ category: "road-damage' OR 1=1 --" }))).toEqual(['category']);
    expect(await fields(roadDamage({ source: "x'); DROP TABLE event; --" }))).toContain('body.source');
    expect(await fields(roadDamage({ location: { regionCode: "330112' OR '1'='1" } }))).toContain('body.location.regionCode');
    expect(await fields({ ...roadDamage(), subjects: [{ kind: 'alien', id: '1' }] })).toContain('body.subjects.0.kind');
    expect(await fields(roadDamage({ description: 'pothole\u0000here' }))).toEqual(['description']);
    expect((await t.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${camera}`, 'content-type': 'application/json' }, payload: '{"title":' })).statusCode).toBe(400);
    expect(await t.p.db.selectFrom('event').select('id').where('source', 'like', '%DROP%').execute()).toEqual([]);
  });

  it('keeps script in a description as text and returns it unchanged as JSON', async () => {
    const script = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const res = await post(camera, roadDamage({ description: script, location: { ...near(90_000), regionCode: VILLAGE } }));
    const c = await t.as(admin, { url: `/api/events/cases/${res.json().caseId}` });
    expect(c.headers['content-type']).toMatch(/^application\/json/);
    expect(c.json().description).toBe(script);
  });

  it('shows a town user only the cases of their town', async () => {
    const mine = (await post(camera, roadDamage({ location: { ...near(100_000), regionCode: VILLAGE } }))).json();
    const theirs = (await post(camera, roadDamage({ location: { ...near(110_000), regionCode: OTHER_TOWN } }))).json();
    const town = await t.login('town', 'town-password-1');
    const list = (await t.as(town, { url: '/api/events/cases?pageSize=500' })).json();
    expect(list.items.map((c: { id: string }) => c.id)).toContain(mine.caseId);
    expect(list.items.every((c: { location: { regionCode: string } }) => c.location.regionCode.startsWith(TOWN))).toBe(true);
    expect((await t.as(town, { url: `/api/events/cases/${theirs.caseId}` })).statusCode).toBe(403);
    expect((await t.as(town, { url: `/api/events/${theirs.eventId}` })).statusCode).toBe(403);
    expect((await t.as(admin, { url: `/api/events/cases?region=${OTHER_TOWN}` })).json().items.map((c: { id: string }) => c.id)).toContain(theirs.caseId);
  });

  it('lets a town user publish only inside the town', async () => {
    const town = await t.login('town', 'town-password-1');
    expect((await t.as(town, { method: 'POST', url: '/api/events', payload: roadDamage({ location: { ...near(120_000), regionCode: VILLAGE } }) })).statusCode).toBe(201);
    expect((await t.as(town, { method: 'POST', url: '/api/events', payload: roadDamage({ location: { ...near(120_000), regionCode: OTHER_TOWN } }) })).statusCode).toBe(403);
    expect((await t.as(town, { method: 'POST', url: '/api/events', payload: roadDamage({ location: near(120_000) }) })).statusCode).toBe(403);
  });

  it('serves the taxonomy with Chinese and English labels, and lets only admins change it', async () => {
    const list = (await t.as(admin, { url: '/api/events/categories' })).json().items;
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'smoke-fire', labelZh: '森林火情', labelEn: 'Smoke or fire', dedupRadiusM: 1000 })]));
    const body = { labelZh: '井盖缺失', labelEn: 'Missing manhole cover', groupZh: '城市管理', groupEn: 'City management', defaultSeverity: 'high', dedupRadiusM: 30, dedupWindowMinutes: 1440 };
    expect((await t.as(admin, { method: 'POST', url: '/api/events/categories', payload: { ...body, code: 'manhole' } })).statusCode).toBe(201);
    expect((await t.as(admin, { method: 'POST', url: '/api/events/categories', payload: { ...body, code: 'manhole' } })).statusCode).toBe(409);
    expect((await t.as(admin, { method: 'POST', url: '/api/events/categories', payload: { ...body, code: 'Bad Code!' } })).statusCode).toBe(400);
    expect((await post(camera, roadDamage({ category: 'manhole', location: { ...near(130_000), regionCode: VILLAGE } }))).json().severity).toBe('high');
    expect((await t.as(admin, { method: 'PUT', url: '/api/events/categories/manhole', payload: { ...body, defaultSeverity: 'critical' } })).json().defaultSeverity).toBe('critical');
    const town = await t.login('town', 'town-password-1');
    expect((await t.as(town, { method: 'PUT', url: '/api/events/categories/manhole', payload: body })).statusCode).toBe(403);
    expect((await t.as(admin, { method: 'DELETE', url: '/api/events/categories/manhole' })).statusCode).toBe(204);
    expect((await post(camera, roadDamage({ category: 'manhole' }))).json().error.fields).toEqual({ category: 'unknown category' });
    expect((await t.as(admin, { url: '/api/events/categories?all=true' })).json().items.find((c: { code: string }) => c.code === 'manhole').active).toBe(false);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = await t.app.inject({ url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toEqual(expect.arrayContaining(['/api/events', '/api/events/cases', '/api/events/categories', '/api/events/attachments']));
  });
});
