import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';
import { eventsOf } from './events.module.js';
import { near, TOWN, VILLAGE } from './testing/fixtures.js';

const REQUEST_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];
const form = (o: Record<string, string | number>) => new URLSearchParams(Object.entries(o).map(([k, v]) => [k, String(v)])).toString();

describe.each(testEngines())('Open311 GeoReport v2 on %s', (engine) => {
  let t: TestPlatform;
  let key: string;
  let townKey: string;
  const submit = (fields: Record<string, string | number>, ext = 'json') =>
    t.app.inject({ method: 'POST', url: `/open311/v2/requests.${ext}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(fields) });
  const pothole = (extra: Record<string, string | number> = {}) => ({ service_code: 'road-damage', ...near(0), long: near(0).lon, address_string: '青山路 12 号', description: '路面坑洞', ...extra });
  beforeAll(async () => {
    t = await createTestPlatform(engine);
    key = (await t.p.auth.createApiToken({ name: 'citizen-app', role: 'grid_worker', scope: { kind: 'district', code: '330112' }, createdBy: 'test' })).token;
    townKey = (await t.p.auth.createApiToken({ name: 'town-app', role: 'town_operator', scope: { kind: 'town', code: TOWN }, createdBy: 'test' })).token;
  });
  afterAll(() => t.close());

  it('lists services and a service definition from the taxonomy', async () => {
    const services = (await t.app.inject({ url: '/open311/v2/services.json' })).json();
    expect(services).toEqual(expect.arrayContaining([{ service_code: 'smoke-fire', service_name: '森林火情', description: '森林火情 (Smoke or fire)', metadata: false, type: 'realtime', keywords: '森林火情,Smoke or fire', group: '应急安全' }]));
    expect((await t.app.inject({ url: '/open311/v2/services.json?locale=en' })).json()[0].service_name).toMatch(/^[A-Z]/);
    expect((await t.app.inject({ url: '/open311/v2/services/road-damage.json' })).json()).toEqual({ service_code: 'road-damage', attributes: [] });
    const xml = await t.app.inject({ url: '/open311/v2/services.xml' });
    expect(xml.headers['content-type']).toMatch(/^text\/xml/);
    expect(xml.body).toContain('<service><service_code>smoke-fire</service_code><service_name>森林火情</service_name>');
    const missing = await t.app.inject({ url: '/open311/v2/services/nope.json' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: expect.stringContaining('nope') }]);
  });

  it('takes a form-encoded request with an api_key, merges a duplicate, and reads it back without personal data', async () => {
    const res = await submit({ ...pothole({ email: 'li@example.cn', first_name: '小红', last_name: '李', phone: '13900001111', media_url: 'https://img.example.cn/p.jpg' }), api_key: key });
    expect(res.statusCode).toBe(201);
    const [created] = res.json();
    expect(created).toMatchObject({ service_request_id: expect.any(String), token: expect.any(String), service_notice: null });
    const dup = (await submit({ ...pothole(), api_key: key })).json()[0];
    expect(dup.service_request_id).toBe(created.service_request_id);

    const one = await t.app.inject({ url: `/open311/v2/requests/${created.service_request_id}.json?api_key=${key}` });
    expect(one.statusCode).toBe(200);
    const [req] = one.json();
    expect(Object.keys(req).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect(req).toMatchObject({ status: 'open', service_code: 'road-damage', service_name: '道路破损', description: '路面坑洞', address: '青山路 12 号', lat: near(0).lat, long: near(0).lon, media_url: 'https://img.example.cn/p.jpg' });
    expect(req.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    for (const secret of ['li@example.cn', '13900001111', '小红']) expect(one.body).not.toContain(secret);

    const token = await t.app.inject({ url: `/open311/v2/tokens/${created.token}.json?api_key=${key}` });
    expect(token.json()).toEqual([{ service_request_id: created.service_request_id, token: created.token }]);
  });

  it('shows the status, notes and agency that dispatch reports', async () => {
    const [created] = (await submit({ ...pothole(near(5_000)), long: near(5_000).lon, api_key: key })).json();
    await eventsOf(t.p).hub.setCaseStatus(created.service_request_id, { status: 'closed', statusNotes: '已修复', agencyResponsible: '临安区交通运输局', at: new Date('2026-11-29T02:00:00Z') });
    const [req] = (await t.app.inject({ url: `/open311/v2/requests/${created.service_request_id}.json?api_key=${key}` })).json();
    expect(req).toMatchObject({ status: 'closed', status_notes: '已修复', agency_responsible: '临安区交通运输局', updated_datetime: '2026-11-29T10:00:00+08:00' });
    const closed = (await t.app.inject({ url: `/open311/v2/requests.json?status=closed&api_key=${key}` })).json();
    expect(closed.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([created.service_request_id]);
    const xml = await t.app.inject({ url: `/open311/v2/requests/${created.service_request_id}.xml?api_key=${key}` });
    expect(xml.body).toContain('<status>closed</status><status_notes>已修复</status_notes>');
  });

  it('filters requests by id list, service code and dates', async () => {
    const a = (await submit({ ...pothole(near(10_000)), long: near(10_000).lon, api_key: key })).json()[0].service_request_id;
    const b = (await submit({ service_code: 'noise', ...near(20_000), long: near(20_000).lon, description: '夜间施工', api_key: key })).json()[0].service_request_id;
    const byIds = (await t.app.inject({ url: `/open311/v2/requests.json?service_request_id=${a},${b}&api_key=${key}` })).json();
    expect(byIds.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([a, b].sort());
    const noise = (await t.app.inject({ url: `/open311/v2/requests.json?service_code=noise&api_key=${key}` })).json();
    expect(noise.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([b]);
    const old = (await t.app.inject({ url: `/open311/v2/requests.json?end_date=2020-01-01T00:00:00Z&api_key=${key}` })).json();
    expect(old).toEqual([]);
    const bad = await t.app.inject({ url: `/open311/v2/requests.json?start_date=yesterday&api_key=${key}` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()[0]).toMatchObject({ code: 400, description: expect.stringContaining('start_date') });
  });

  it('answers bad input in the GeoReport error format', async () => {
    const err = async (fields: Record<string, string | number>, status: number, ext = 'json') => {
      const r = await submit(fields, ext);
      expect(r.statusCode).toBe(status);
      return ext === 'json' ? r.json() : r.body;
    };
    expect(await err({ ...pothole(), lat: '31.5; DROP TABLE event', api_key: key }, 400)).toEqual([{ code: 400, description: expect.stringContaining('lat') }]);
    expect(await err({ ...pothole(), lat: 95, api_key: key }, 400)).toEqual([{ code: 400, description: expect.stringContaining('lat') }]);
    expect(await err({ ...pothole(), service_code: 'nope', api_key: key }, 400)).toEqual([{ code: 400, description: expect.stringContaining('service_code') }]);
    expect(await err({ service_code: 'noise', description: 'x', api_key: key }, 400)).toEqual([{ code: 400, description: expect.stringContaining('location') }]);
    expect(await err(pothole(), 401)).toEqual([{ code: 401, description: 'api_key is required' }]);
    expect(await err({ ...pothole(), api_key: 'tmk_forged' }, 403, 'xml')).toBe('<?xml version="1.0" encoding="utf-8"?><errors><error><code>403</code><description>api_key is invalid, expired or revoked</description></error></errors>');
    const reader = (await t.p.auth.createApiToken({ name: 'reader', role: 'analyst', scope: { kind: 'district', code: '330112' }, createdBy: 'test' })).token;
    expect(await err({ ...pothole(), api_key: reader }, 403)).toEqual([{ code: 403, description: 'api_key lacks permission event.publish' }]);
    const denied = await t.p.audit.find({ action: 'auth.denied' }, 1, 20);
    expect(denied.items.map((r) => r.detail.reason ?? r.detail.permission)).toEqual(expect.arrayContaining(['bad_api_key', 'event.publish']));
    expect((await t.app.inject({ url: '/open311/v2/requests.json' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/open311/v2/requests/not-a-case.json?api_key=${key}` })).statusCode).toBe(404);
  });

  it('keeps a town key to its own town', async () => {
    const inTown = (await t.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${key}` }, payload: { source: 'x', category: 'noise', title: '噪声', location: { ...near(40_000), regionCode: VILLAGE } } })).json();
    const listed = (await t.app.inject({ url: `/open311/v2/requests.json?api_key=${townKey}` })).json();
    expect(listed.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([inTown.caseId]);
    const other = (await t.app.inject({ url: `/open311/v2/requests.json?api_key=${key}` })).json().find((r: { service_request_id: string }) => r.service_request_id !== inTown.caseId);
    expect((await t.app.inject({ url: `/open311/v2/requests/${other.service_request_id}.json?api_key=${townKey}` })).statusCode).toBe(404);
  });
});
