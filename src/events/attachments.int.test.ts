import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';
import { JPEG, near, OTHER_TOWN, PDF, PNG, roadDamage, TOWN, VILLAGE } from './testing/fixtures.js';

describe.each(testEngines())('event attachments on %s', (engine) => {
  let t: TestPlatform;
  let camera: string;
  const upload = (body: Buffer | string, type: string, filename?: string, token = camera) =>
    t.app.inject({ method: 'POST', url: `/api/events/attachments${filename ? `?filename=${encodeURIComponent(filename)}` : ''}`, headers: { authorization: `Bearer ${token}`, 'content-type': type }, payload: body });
  beforeAll(async () => {
    t = await createTestPlatform(engine);
    camera = (await t.p.auth.createApiToken({ name: 'camera', role: 'data_steward', scope: { kind: 'district', code: '330112' }, createdBy: 'test' })).token;
    await t.p.users.create(null, { username: 'town', displayName: 'town', password: 'town-password-1', role: 'town_operator', scope: { kind: 'town', code: TOWN } });
  });
  afterAll(() => t.close());

  it('stores a photo under its sha256 in the data folder and serves it back with its type and nosniff', async () => {
    const res = await upload(JPEG, 'image/jpeg', 'scene.jpg');
    expect(res.statusCode).toBe(201);
    const sha = createHash('sha256').update(JPEG).digest('hex');
    expect(res.json()).toEqual({ sha256: sha, contentType: 'image/jpeg', bytes: JPEG.length });
    expect(existsSync(join(t.dataDir, 'events', 'attachments', sha.slice(0, 2), sha))).toBe(true);
    const ev = await t.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${camera}` }, payload: roadDamage({ evidence: { facts: { confidence: 0.93 }, attachments: [sha] } }) });
    expect(ev.statusCode).toBe(201);
    const got = await t.app.inject({ url: `/api/events/attachments/${sha}`, headers: { authorization: `Bearer ${camera}` } });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.rawPayload.equals(JPEG)).toBe(true);
    const pdf = (await upload(PDF, 'application/octet-stream', 'report.pdf')).json();
    expect(pdf.contentType).toBe('application/pdf');
    expect((await t.app.inject({ url: `/api/events/attachments/${pdf.sha256}`, headers: { authorization: `Bearer ${camera}` } })).headers['content-disposition']).toMatch(/^attachment/);
  });

  it('rejects a .jpg that is really HTML, an image under the wrong name, empty and oversized files', async () => {
    const html = await upload('<html><script>alert(1)</script></html>', 'image/jpeg', 'photo.jpg');
    expect(html.statusCode).toBe(415);
    expect(html.json().error).toMatchObject({ code: 'unsupported_media_type', fields: { file: expect.stringContaining('not a JPEG') } });
    expect((await upload(PNG, 'image/png', 'photo.exe')).statusCode).toBe(415);
    expect((await upload(Buffer.alloc(0), 'image/png')).statusCode).toBe(400);
    const big = Buffer.concat([JPEG, Buffer.alloc(t.p.config.attachmentLimitBytes)]);
    expect((await upload(big, 'image/jpeg', 'big.jpg')).statusCode).toBe(413);
    expect(await t.p.db.selectFrom('event_attachment').select('sha256').where('content_type', 'not in', ['image/jpeg', 'application/pdf']).execute()).toEqual([]);
  });

  it('needs event.publish to upload and lets a town user fetch only evidence of its own town', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/events/attachments', headers: { 'content-type': 'image/png' }, payload: PNG })).statusCode).toBe(401);
    const mine = (await upload(PNG, 'image/png')).json().sha256;
    const theirs = (await upload(Buffer.concat([PNG, Buffer.from('other')]), 'image/png')).json().sha256;
    const pub = (sha: string, regionCode: string, north: number) =>
      t.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${camera}` }, payload: roadDamage({ location: { ...near(north), regionCode }, evidence: { facts: {}, attachments: [sha] } }) });
    expect((await pub(mine, VILLAGE, 1_000)).statusCode).toBe(201);
    expect((await pub(theirs, OTHER_TOWN, 2_000)).statusCode).toBe(201);
    const town = await t.login('town', 'town-password-1');
    expect((await t.as(town, { url: `/api/events/attachments/${mine}` })).statusCode).toBe(200);
    expect((await t.as(town, { url: `/api/events/attachments/${theirs}` })).statusCode).toBe(403);
    expect((await t.as(town, { url: `/api/events/attachments/${'0'.repeat(64)}` })).statusCode).toBe(404);
  });
});
