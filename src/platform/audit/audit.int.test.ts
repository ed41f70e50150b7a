import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../testing/test-platform.js';

describe.each(testEngines())('audit log on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
  });
  afterAll(() => t.close());

  async function tamper(statement: string) {
    await sql.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change').execute(t.p.db);
    await sql.raw(statement).execute(t.p.db);
    await sql.raw('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change').execute(t.p.db);
  }

  it('chains records and verifies an untouched log as OK', async () => {
    for (let i = 0; i < 20; i++) await t.p.audit.record({ actor: 'u', action: 'test.write', target: `x:${i}`, detail: { i, nested: { b: 1, a: [1, 2] } } });
    const r = await t.p.audit.verify();
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThanOrEqual(20);
  });

  it('keeps ids gap-free under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => t.p.audit.record({ actor: 'c', action: 'test.concurrent', detail: { i } })));
    const ids = (await t.p.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => Number(r.id));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect((await t.p.audit.verify()).ok).toBe(true);
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    await expect(sql`UPDATE audit_log SET actor = 'mallory' WHERE id = 3`.execute(t.p.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE id = 3`.execute(t.p.db)).rejects.toThrow(/append-only/);
  });

  it('names the first changed record, and is OK again once it is put back', async () => {
    const original = await t.p.db.selectFrom('audit_log').select('target').where('id', '=', 5).executeTakeFirstOrThrow();
    await tamper(`UPDATE audit_log SET target = 'x:999' WHERE id = 5`);
    expect(await t.p.audit.verify()).toMatchObject({ ok: false, firstBad: { id: 5, problem: 'changed' } });
    await tamper(`UPDATE audit_log SET target = ${original.target === null ? 'NULL' : `'${original.target}'`} WHERE id = 5`);
    expect((await t.p.audit.verify()).ok).toBe(true);
  });

  it('detects a change hidden in the detail JSON', async () => {
    const original = await t.p.db.selectFrom('audit_log').select('detail').where('id', '=', 8).executeTakeFirstOrThrow();
    await tamper(`UPDATE audit_log SET detail = jsonb_set(detail, '{i}', '77') WHERE id = 8`);
    expect(await t.p.audit.verify()).toMatchObject({ ok: false, firstBad: { id: 8, problem: 'changed' } });
    await tamper(`UPDATE audit_log SET detail = '${JSON.stringify(original.detail)}'::jsonb WHERE id = 8`);
    expect((await t.p.audit.verify()).ok).toBe(true);
  });

  it('names a removed record', async () => {
    await tamper(`DELETE FROM audit_log WHERE id = 10`);
    expect(await t.p.audit.verify()).toMatchObject({ ok: false, firstBad: { id: 10, problem: 'removed' } });
  });

  it('cannot be re-chained without the key: a recomputed plain sha256 still fails', async () => {
    const fresh = await createTestPlatform(engine);
    try {
      await fresh.p.audit.record({ actor: 'a', action: 'x' });
      await fresh.p.audit.record({ actor: 'b', action: 'y' });
      await sql.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change').execute(fresh.p.db);
      await sql`UPDATE audit_log SET actor = 'z', hash = encode(sha256(convert_to(prev_hash || 'z', 'UTF8')), 'hex') WHERE id = 2`.execute(fresh.p.db);
      expect(await fresh.p.audit.verify()).toMatchObject({ ok: false, firstBad: { id: 2 } });
    } finally {
      await fresh.close();
    }
  });

  it('filters the viewer by actor, action and outcome, and audits the reading', async () => {
    const admin = await t.login('admin');
    const res = await t.as(admin, { url: '/api/audit?action=auth&outcome=allowed&pageSize=5' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.every((r: { action: string; outcome: string }) => r.action.startsWith('auth.') && r.outcome === 'allowed')).toBe(true);
    const reads = await t.p.audit.find({ action: 'audit.read' }, 1, 5);
    expect(reads.total).toBeGreaterThan(0);
  });
});
