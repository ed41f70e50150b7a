import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, pgliteDirFor, type Engine } from '../platform/db/database.js';
import { testEngines } from '../platform/testing/engines.js';
import { near, VILLAGE } from './testing/fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/tianmu.mjs', import.meta.url));
const CLIENTS = 6;
const t0 = Date.now();
const phase = (m: string) => console.log(`[crash ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let out = '';
function serve(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('is running')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

/**
 * The promise behind a 201: the server is killed with SIGKILL while clients publish, restarted on
 * the same database, and every event that was acknowledged must be there and announced to dispatch.
 */
describe.each(testEngines())('an acknowledged event survives kill -9 of the server (%s)', (engine: Engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'tianmu-events-crash-'));
  const dbName = `tianmu_crash_${randomBytes(4).toString('hex')}`;
  const adminUrl = process.env.TEST_DATABASE_URL;
  const dbUrl = engine === 'postgres' && adminUrl ? Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString() : '';
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    if (dbUrl) {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every event that got a 201, and its announcement to dispatch', { timeout: 400_000 }, async () => {
    if (dbUrl) {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`CREATE DATABASE ${dbName}`);
      await c.end();
    }
    const port = await freePort();
    const env = {
      ...process.env, TIANMU_DATA_DIR: join(dir, 'data'), DATABASE_URL: dbUrl, PORT: String(port), HOST: '127.0.0.1', TIANMU_DEMO: 'off', LOG_LEVEL: 'warn',
      TIANMU_ADMIN_PASSWORD: 'crash-admin-password', TIANMU_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'), TIANMU_HMAC_KEY: Buffer.alloc(32, 4).toString('base64'),
    };
    const created = spawnSync(process.execPath, [BIN, 'apikey', 'create', '--name', 'crash-test', '--role', 'data_steward'], { env, encoding: 'utf8', timeout: 120_000 });
    expect(created.status).toBe(0);
    const key = /tmk_[A-Za-z0-9_-]{20,}/.exec(created.stdout)![0];

    phase('key created');
    let server = await serve(env);
    phase('serving');
    children.push(server);
    const base = `http://127.0.0.1:${port}`;
    const acked: string[] = [];
    let n = 0;
    let killed = false;
    const client = async () => {
      while (!killed) {
        const i = n++;
        // Every fifth event repeats a dedup key, so merges are under test as well as new cases.
        const body = { source: 'crash-test', category: 'device-alarm', title: `告警 ${i}`, dedupKey: `dev-${i % 5 === 0 ? 'shared' : i}`, location: { ...near(i * 10), regionCode: VILLAGE } };
        try {
          const res = await fetch(`${base}/api/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
          if (res.status === 201) acked.push(((await res.json()) as { eventId: string }).eventId);
          else if (!killed) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
        } catch (e) {
          if (!killed) throw new Error(`${(e as Error).message}; server said:\n${out}`);
        }
      }
    };
    let failure: unknown = null;
    const load = Promise.all(Array.from({ length: CLIENTS }, client)).catch((e: unknown) => void (failure = e));
    while (acked.length < 150 && !failure) await new Promise((r) => setTimeout(r, 20));
    if (failure) throw failure;
    phase(`killing after ${acked.length} acks`);
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    killed = true;
    await load;
    await exited;
    expect(acked.length).toBeGreaterThanOrEqual(150);

    server = await serve(env);
    phase('restarted');
    children.push(server);
    const missing: string[] = [];
    for (const id of acked) {
      const res = await fetch(`${base}/api/events/${id}`, { headers: { authorization: `Bearer ${key}` } });
      if (res.status !== 200) missing.push(`${id}: ${res.status}`);
    }
    expect(missing).toEqual([]);
    const stopped = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await stopped;

    phase('stopped');
    const db = await openDatabase({ databaseUrl: dbUrl || null, pgliteDir: pgliteDirFor(join(dir, 'data')) });
    try {
      // Each acknowledged event is announced: its message still waits in the outbox, or it was
      // delivered (and deleted) and dispatch knows the case with a count that covers it.
      const rows = await db.db.selectFrom('outbox').select('payload').where('topic', 'in', ['events.case_opened', 'events.case_grew']).execute();
      const pending = new Set(rows.map((r) => (r.payload as { eventId: string }).eventId));
      const events = await db.db.selectFrom('event').select(['id', 'case_id']).where('id', 'in', acked).execute();
      expect(events).toHaveLength(acked.length);
      const delivered = new Map<string, number>();
      for (const e of events) if (!pending.has(e.id)) delivered.set(e.case_id, (delivered.get(e.case_id) ?? 0) + 1);
      const known = delivered.size ? await db.db.selectFrom('dispatch_case').select(['case_id', 'event_count']).where('case_id', 'in', [...delivered.keys()]).execute() : [];
      const counts = new Map(known.map((c) => [c.case_id, c.event_count]));
      expect([...delivered].filter(([c, n]) => (counts.get(c) ?? 0) < n)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
