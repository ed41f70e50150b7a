import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../testing/test-platform.js';

const INJECTIONS = ["' OR '1'='1", "1; DROP TABLE app_user; --", "330112' UNION SELECT password_hash FROM app_user --", '../../etc/passwd', '%00', '<script>alert(1)</script>'];

function expectErrorShape(body: string) {
  const json = JSON.parse(body);
  expect(Object.keys(json)).toEqual(['error']);
  expect(typeof json.error.code).toBe('string');
  expect(typeof json.error.message).toBe('string');
  expect(body).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
}

describe.each(testEngines())('bad input on %s', (engine) => {
  let t: TestPlatform;
  let admin: string;
  beforeAll(async () => {
    t = await createTestPlatform(engine, { bodyLimitBytes: 64 * 1024 });
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('answers malformed JSON with 400 malformed_json', async () => {
    const res = await t.as(admin, { method: 'POST', url: '/api/users', payload: '{"username": "x",', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('malformed_json');
    expectErrorShape(res.body);
  });

  it('answers an oversized body with 413 and writes nothing', async () => {
    const before = await t.p.db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 'big', displayName: 'x'.repeat(100_000), password: 'long-enough-1', role: 'analyst', scope: { kind: 'district', code: '330112' } } });
    expect(res.statusCode).toBe(413);
    expectErrorShape(res.body);
    const after = await t.p.db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('names each wrong-typed field', async () => {
    const res = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 12, displayName: null, password: 'x', role: 'emperor', scope: { kind: 'galaxy', code: 1 } } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields;
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['body.username', 'body.role', 'body.scope.kind']));
  });

  it('refuses a weak password and an unknown scope without writing', async () => {
    const weak = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 'weak', displayName: 'w', password: 'short', role: 'analyst', scope: { kind: 'district', code: '330112' } } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.password).toBeDefined();
    const scope = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 'scoped', displayName: 's', password: 'long-enough-1', role: 'analyst', scope: { kind: 'town', code: '999999999' } } });
    expect(scope.statusCode).toBe(400);
    expect(await t.p.db.selectFrom('app_user').select('id').where('username', 'in', ['weak', 'scoped']).execute()).toHaveLength(0);
  });

  it('treats SQL injection strings in every parameter as plain data', async () => {
    for (const s of INJECTIONS) {
      const q = encodeURIComponent(s);
      for (const url of [`/api/users?q=${q}`, `/api/audit?actor=${q}&action=${q}&target=${q}`, `/api/regions?parent=${q}`, `/api/regions/${q}`, `/api/jobs/${q}`]) {
        const res = await t.as(admin, { url });
        expect(res.statusCode, url).toBeLessThan(500);
        if (res.statusCode >= 400) expectErrorShape(res.body);
      }
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: s, password: s } });
      expect(login.statusCode).toBe(401);
      const patch = await t.as(admin, { method: 'PATCH', url: `/api/users/${encodeURIComponent(s)}`, payload: { displayName: s } });
      expect([400, 404]).toContain(patch.statusCode);
    }
    expect((await t.p.db.selectFrom('app_user').select('id').execute()).length).toBeGreaterThan(0);
    const search = await t.as(admin, { url: `/api/users?q=${encodeURIComponent("%' OR 1=1 --")}` });
    expect(search.json().items).toHaveLength(0);
  });

  it('does not serve files outside the console through path traversal', async () => {
    for (const url of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/api/../../package.json']) {
      const res = await t.app.inject({ url });
      expect(res.body, url).not.toContain('root:x:0');
      expect(res.body).not.toContain('"name": "tianmu"');
    }
  });

  it('answers unknown API paths with the JSON 404 shape', async () => {
    const res = await t.as(admin, { url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expectErrorShape(res.body);
  });

  it('rejects out-of-range pagination', async () => {
    const res = await t.as(admin, { url: '/api/users?page=0&pageSize=100000' });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(expect.arrayContaining(['querystring.page', 'querystring.pageSize']));
  });
});
