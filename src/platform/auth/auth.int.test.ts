import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../testing/test-platform.js';

describe.each(testEngines())('authentication on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(engine, { login: { maxFailures: 3, lockoutMinutes: 15, perIpPerMinute: 1000 } });
    await t.p.users.create(null, { username: 'op.a', displayName: 'A', password: 'op-password-1', role: 'town_operator', scope: { kind: 'town', code: '330112116' } });
    await t.p.users.create(null, { username: 'victim', displayName: 'V', password: 'victim-password-1', role: 'analyst', scope: { kind: 'district', code: '330112' } });
  });
  afterAll(() => t.close());

  it('signs in with the right password and sets an httpOnly session cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'admin-password-123' } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tianmu_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(res.json().user).toMatchObject({ username: 'admin', role: 'admin', scope: { kind: 'district', code: '330112', name: '临安区' } });
    const me = await t.as(`tianmu_session=${cookie.value}`, { url: '/api/auth/me' });
    expect(me.json().modules).toContain('platform');
  });

  it('refuses a wrong password with the error shape and audits the failure', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'op.a', password: 'wrong-password' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
    const audit = await t.p.audit.find({ actor: 'op.a', action: 'auth.login', outcome: 'failed' }, 1, 10);
    expect(audit.total).toBeGreaterThan(0);
  });

  it('gives an unknown user the same answer as a wrong password', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'whatever-123' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_credentials');
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 3; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'victim', password: 'bad-password-x' } });
    }
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'victim', password: 'victim-password-1' } });
    expect(res.statusCode).toBe(423);
    expect(res.json().error.code).toBe('account_locked');
    expect((await t.p.audit.find({ actor: 'victim', action: 'auth.lockout' }, 1, 10)).total).toBe(1);
  });

  it('rejects a forged session cookie with 401 and audits it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: 'tianmu_session=forged-token-value' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    expect((await t.p.audit.find({ action: 'auth.rejected_credential' }, 1, 10)).total).toBeGreaterThan(0);
  });

  it('rejects an expired session', async () => {
    const cookie = await t.login('op.a', 'op-password-1');
    await t.p.db.updateTable('user_session').set({ expires_at: new Date(Date.now() - 1000) }).execute();
    t.p.auth.forgetCached();
    const res = await t.as(cookie, { url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
  });

  it('requires the CSRF header on cookie-authenticated writes', async () => {
    const cookie = await t.login('admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf');
  });

  it('logs out and the cookie stops working', async () => {
    const cookie = await t.login('admin');
    expect((await t.as(cookie, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await t.as(cookie, { url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('lets a machine client use an API token and stops it once revoked', async () => {
    const { id, token } = await t.p.auth.createApiToken({ name: 'dept-system', role: 'analyst', scope: { kind: 'district', code: '330112' }, createdBy: 'test' });
    const ok = await t.app.inject({ url: '/api/regions', headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items).toHaveLength(18);
    const stored = await t.p.db.selectFrom('api_token').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    await t.p.auth.revokeApiToken(id, 'test');
    const gone = await t.app.inject({ url: '/api/regions', headers: { authorization: `Bearer ${token}` } });
    expect(gone.statusCode).toBe(401);
  });

  it('rate-limits logins from one address', async () => {
    const limited = await createTestPlatform(engine, { login: { maxFailures: 100, lockoutMinutes: 1, perIpPerMinute: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push((await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'nope-nope-nope' } })).statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
