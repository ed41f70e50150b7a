import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../testing/test-platform.js';

describe.each(testEngines())('roles and scopes on %s', (engine) => {
  let t: TestPlatform;
  let town: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
    await t.p.users.create(null, { username: 'tms', displayName: '天目山镇', password: 'town-password-1', role: 'town_operator', scope: { kind: 'town', code: '330112116' }, phone: '13812345678' });
    town = await t.login('tms', 'town-password-1');
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('shows a town user its own town and what is under it', async () => {
    const top = await t.as(town, { url: '/api/regions' });
    expect(top.json().items.map((r: { code: string }) => r.code)).toEqual(['330112116']);
    const villages = await t.as(town, { url: '/api/regions?parent=330112116' });
    expect(villages.statusCode).toBe(200);
    expect(villages.json().items.length).toBe(23);
  });

  it("refuses another town's data with 403 and audits the refusal", async () => {
    const res = await t.as(town, { url: '/api/regions/330112104' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('out_of_scope');
    const audit = await t.p.audit.find({ actor: 'tms', action: 'auth.denied' }, 1, 10);
    expect(audit.items[0]).toMatchObject({ target: 'region:330112104', outcome: 'denied' });
  });

  it('denies by default what a role does not hold', async () => {
    for (const url of ['/api/users', '/api/audit', '/api/jobs', '/api/apikeys']) {
      const res = await t.as(town, { url });
      expect(res.statusCode, url).toBe(403);
    }
    const create = await t.as(town, { method: 'POST', url: '/api/users', payload: { username: 'x', displayName: 'x', password: 'xxxxxxxxxxxx', role: 'admin', scope: { kind: 'district', code: '330112' } } });
    expect(create.statusCode).toBe(403);
  });

  it('answers 401 to anonymous calls on every protected route', async () => {
    for (const url of ['/api/regions', '/api/regions/summary', '/api/users', '/api/audit', '/api/jobs', '/api/orgs', '/api/auth/me']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('lists users with masked phones and reveals one only with a purpose, audited', async () => {
    const list = await t.as(admin, { url: '/api/users?q=tms' });
    const user = list.json().items[0];
    expect(user.phoneMasked).toBe('138****5678');
    expect(list.body).not.toContain('13812345678');
    const stored = await t.p.db.selectFrom('app_user').select(['phone_enc', 'phone_hash']).where('username', '=', 'tms').executeTakeFirstOrThrow();
    expect(stored.phone_enc).not.toContain('13812345678');
    expect(stored.phone_hash).toBe(t.p.cipher.hash('phone', '13812345678'));
    const noPurpose = await t.as(admin, { method: 'POST', url: `/api/users/${user.id}/reveal`, payload: { field: 'phone', purpose: '' } });
    expect(noPurpose.statusCode).toBe(400);
    const reveal = await t.as(admin, { method: 'POST', url: `/api/users/${user.id}/reveal`, payload: { field: 'phone', purpose: '核实联系方式' } });
    expect(reveal.json()).toEqual({ value: '13812345678' });
    const audit = await t.p.audit.find({ action: 'personal.reveal' }, 1, 10);
    expect(audit.items[0]).toMatchObject({ actor: 'admin', target: `user:${user.id}`, detail: { field: 'phone', purpose: '核实联系方式' } });
    expect(JSON.stringify(audit.items)).not.toContain('13812345678');
  });

  it('refuses to reveal to a role without personal.reveal', async () => {
    await t.p.users.create(null, { username: 'ana', displayName: 'ana', password: 'ana-password-1', role: 'analyst', scope: { kind: 'district', code: '330112' } });
    const ana = await t.login('ana', 'ana-password-1');
    const users = await t.p.users.list({ kind: 'user', id: '', name: 'admin', displayName: '', role: 'admin', scope: { kind: 'district', code: '330112' } }, 'tms', 1, 1);
    const res = await t.as(ana, { method: 'POST', url: `/api/users/${users.items[0].id}/reveal`, payload: { field: 'phone', purpose: 'curious' } });
    expect(res.statusCode).toBe(403);
  });

  it('ends sessions of a user who is locked', async () => {
    const before = await t.as(town, { url: '/api/auth/me' });
    expect(before.statusCode).toBe(200);
    const id = before.json().user.id;
    expect((await t.as(admin, { method: 'PATCH', url: `/api/users/${id}`, payload: { locked: true } })).statusCode).toBe(200);
    expect((await t.as(town, { url: '/api/auth/me' })).statusCode).toBe(401);
  });
});
