import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CASE_OPENED, type CaseOpened } from '../src/events/event-messages.js';
import { allModules } from '../src/modules.js';
import { loadConfig } from '../src/platform/config.js';
import { buildServer } from '../src/platform/http/server.js';
import { openPlatform } from '../src/platform/platform.js';
import { openSse } from '../src/dispatch/testing/sse-client.js';
import { freshPgDatabase, percentile, saveResult } from './lib.js';

const SUBSCRIBERS = Number(process.env.BENCH_SSE_SUBSCRIBERS ?? 500);
const CASES = Number(process.env.BENCH_DISPATCH_CASES ?? 40);
const SPACING_MS = 250;
const quiet = { info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };
const nowMs = () => performance.timeOrigin + performance.now();

/**
 * Client side, run in a child process so that parsing 500 streams does not share the server's
 * event loop: opens the connections, says READY, then prints `connection caseId receivedAtMs` per event.
 */
async function clientMain(): Promise<void> {
  const { url, tokens } = JSON.parse(process.env.DISPATCH_BENCH_CLIENT!) as { url: string; tokens: string[] };
  const conns = Array.from({ length: SUBSCRIBERS }, (_, i) => openSse(`${url}/api/dispatch/stream`, { authorization: `Bearer ${tokens[i % tokens.length]}` }));
  await Promise.all(conns.map((c) => c.ready));
  conns.forEach((c, i) => c.onEvent((e) => process.stdout.write(`${i} ${JSON.parse(e.data).caseId} ${nowMs().toFixed(2)}\n`)));
  process.stdout.write('READY\n');
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

/**
 * Publish-to-visible latency: the hub's `events.case_opened` outbox message is written (here by
 * the benchmark, as the hub does, in the server's process), dispatch routes the case and commits
 * it, and the live feed reaches 500 open consoles over SSE. Measured per console from just before
 * the outbox write to the console receiving the event.
 */
async function run(engine: 'postgres' | 'pglite') {
  const dataDir = mkdtempSync(join(tmpdir(), 'tianmu-bench-dispatch-'));
  const pgdb = engine === 'postgres' ? await freshPgDatabase('tianmu_bench_dispatch') : null;
  const config = loadConfig({ ...process.env, TIANMU_DATA_DIR: dataDir, LOG_LEVEL: 'silent', TIANMU_DEMO: 'off', DATABASE_URL: pgdb?.url ?? '' });
  const modules = allModules();
  const p = await openPlatform(config, { log: quiet, migrations: modules.flatMap((m) => (m.migrations ? [m.migrations] : [])) });
  for (const m of modules) await m.init?.(p);
  const app = await buildServer(p, modules, { consoleDir: null, logger: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  p.outbox.start();
  // Half the consoles watch the district, half the town the cases happen in: both see every case.
  const tokens: string[] = [];
  for (let i = 0; i < 10; i++) {
    const scope = i % 2 ? { kind: 'district' as const, code: '330112' } : { kind: 'town' as const, code: '330112116' };
    tokens.push((await p.auth.createApiToken({ name: `bench-${i}`, role: i % 2 ? 'leader' : 'town_operator', scope, createdBy: 'bench' })).token);
  }
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { env: { ...process.env, DISPATCH_BENCH_CLIENT: JSON.stringify({ url, tokens }) }, stdio: ['pipe', 'pipe', 'inherit'] });
  // A case reaches a console as more than one item (its dispatch, notices to units told): the first counts.
  const received = new Map<string, Map<string, number>>();
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((r) => (ready = r));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'READY') return ready();
    const [conn, caseId, at] = line.split(' ');
    const byConn = received.get(caseId) ?? new Map<string, number>();
    if (!byConn.has(conn)) byConn.set(conn, Number(at));
    received.set(caseId, byConn);
  });
  try {
    await isReady;
    const sent = new Map<string, number>();
    for (let i = 0; i < CASES; i++) {
      const m: CaseOpened = {
        caseId: `bench-${engine}-${i}`, eventId: `bench-ev-${i}`, districtCode: '330112', category: 'smoke-fire', severity: 'high', title: `山林冒烟 ${i}`, source: 'video',
        location: { lon: null, lat: null, regionCode: '330112116217', gridCode: null, address: null }, occurredAt: new Date().toISOString(), openedAt: new Date().toISOString(), subjects: [],
      };
      sent.set(m.caseId, nowMs());
      await p.outbox.add(p.db, CASE_OPENED, m);
      await new Promise((r) => setTimeout(r, SPACING_MS));
    }
    await new Promise((r) => setTimeout(r, 3000));
    const latencies: number[] = [];
    const fullFanout: number[] = [];
    let missing = 0;
    for (const [id, t0] of sent) {
      const got = [...(received.get(id)?.values() ?? [])].map((t) => t - t0);
      missing += SUBSCRIBERS - got.length;
      latencies.push(...got);
      if (got.length === SUBSCRIBERS) fullFanout.push(Math.max(...got));
    }
    latencies.sort((a, b) => a - b);
    fullFanout.sort((a, b) => a - b);
    return {
      cases: CASES,
      deliveries: latencies.length,
      missing,
      p50Ms: Number(percentile(latencies, 50).toFixed(1)),
      p99Ms: Number(percentile(latencies, 99).toFixed(1)),
      maxMs: Number(latencies.at(-1)!.toFixed(1)),
      lastConsoleP50Ms: Number(percentile(fullFanout, 50).toFixed(1)),
    };
  } finally {
    child.stdin!.end();
    child.kill();
    await app.close();
    await p.close();
    await pgdb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchDispatchLatency(): Promise<void> {
  const postgres = await run('postgres');
  const pglite = await run('pglite');
  saveResult('dispatch-latency', {
    subscribers: SUBSCRIBERS,
    spacingMs: SPACING_MS,
    postgres,
    pglite,
    targets: { p99Ms: 1000 },
    note: 'outbox write of events.case_opened (by the benchmark, as the hub will) → relay → dispatch routing + commit → SSE to 500 connections (250 district, 250 town scope, 10 API tokens); server in this process, clients in a child process on loopback; lastConsoleP50Ms = median time until the 500th console had the case',
  });
}

if (process.env.DISPATCH_BENCH_CLIENT) await clientMain();
