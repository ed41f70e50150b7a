import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../testing/test-platform.js';
import { backup } from './backup.js';
import { restore } from './restore.js';

describe.each(testEngines())('backup and restore on %s', (engine) => {
  let source: TestPlatform;
  let dir: string;
  beforeAll(async () => {
    source = await createTestPlatform(engine);
    await source.p.users.create(null, { username: 'keeper', displayName: '保管员', password: 'keeper-password', role: 'analyst', scope: { kind: 'town', code: '330112104' }, phone: '13700001111' });
    await source.p.audit.record({ actor: 'keeper', action: 'test.event', detail: { 中文: '是', n: 1.5 } });
    dir = join(mkdtempSync(join(tmpdir(), 'tianmu-backup-')), 'b');
  });
  afterAll(async () => {
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes tables parents first and refuses to restore over a database that has data', async () => {
    const m = await backup(source.p.db, source.p.engine, dir, source.dataDir);
    expect(m.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['region', 'app_user', 'audit_log', 'org_unit']));
    expect(m.tables.findIndex((t) => t.name === 'region')).toBeLessThan(m.tables.findIndex((t) => t.name === 'org_unit'));

    // The same keys as the source (the test platform's keys come from configuration).
    const target = await createTestPlatform('pglite');
    try {
      await target.p.db.deleteFrom('user_session').execute();
      await target.p.db.deleteFrom('app_user').execute();
      await expect(restore(target.p.db, dir)).rejects.toThrow(/not empty/); // the admin's creation is audited
    } finally {
      await target.close();
    }
  });

  it('round-trips users, encrypted phones, regions and an intact audit chain into a new database', async () => {
    const { openTestDatabase } = await import('../testing/engines.js');
    const { openPlatform } = await import('../platform.js');
    const { loadConfig } = await import('../config.js');
    const { allModules } = await import('../../modules.js');
    const db = await openTestDatabase('pglite');
    const data = mkdtempSync(join(tmpdir(), 'tianmu-restore-'));
    const p = await openPlatform(
      loadConfig({ TIANMU_DATA_DIR: data, TIANMU_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), TIANMU_HMAC_KEY: Buffer.alloc(32, 9).toString('base64') }),
      { database: db, migrations: allModules().flatMap((m) => (m.migrations ? [m.migrations] : [])), log: { info() {}, warn() {}, error() {} } },
    );
    try {
      await restore(p.db, dir);
      const u = await p.db.selectFrom('app_user').selectAll().where('username', '=', 'keeper').executeTakeFirstOrThrow();
      expect(p.cipher.decrypt(u.phone_enc!)).toBe('13700001111');
      expect(u.scope_code).toBe('330112104');
      expect(await p.audit.verify()).toMatchObject({ ok: true });
      const regions = await p.db.selectFrom('region').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(regions.n)).toBe(1 + 18 + 319);
    } finally {
      await p.close();
      await db.close();
      rmSync(data, { recursive: true, force: true });
    }
  });

  it('refuses a truncated table file and leaves the target empty', async () => {
    const file = join(dir, 'app_user.ndjson.gz');
    const original = readFileSync(file);
    const lines = gunzipSync(original).toString().trim().split('\n');
    writeFileSync(file, gzipSync(lines.slice(0, -1).join('\n')));
    const { openTestDatabase } = await import('../testing/engines.js');
    const { migrateToLatest } = await import('../db/migrate.js');
    const { allModules } = await import('../../modules.js');
    const db = await openTestDatabase('pglite');
    try {
      await migrateToLatest(db.db, allModules().flatMap((m) => (m.migrations ? [m.migrations] : [])));
      await expect(restore(db.db, dir)).rejects.toThrow(/expected 2, found 1/);
      expect(await db.db.selectFrom('app_user').selectAll().execute()).toHaveLength(0);
    } finally {
      writeFileSync(file, original);
      await db.close();
    }
  });

  it('refuses to write into a folder that is not empty', async () => {
    await expect(backup(source.p.db, source.p.engine, dir, null)).rejects.toThrow(/not empty/);
  });
});
