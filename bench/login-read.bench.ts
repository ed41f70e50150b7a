import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPgDatabase, percentile, saveResult, startServer } from './lib.js';

const CLIENTS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PASSWORD = 'bench-admin-password';

/**
 * 50 concurrent clients, each looping: sign in (argon2id verify), then one authorised read
 * (/api/regions, scoped). Reports completed login+read pairs per second and per-pair latency.
 */
async function run(engine: 'postgres' | 'pglite'): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tianmu-bench-login-'));
  const db = engine === 'postgres' ? await freshPgDatabase('tianmu_bench_login') : null;
  const env: Record<string, string> = {
    TIANMU_DATA_DIR: dataDir,
    PORT: engine === 'postgres' ? '18472' : '18473',
    TIANMU_ADMIN_PASSWORD: PASSWORD,
    TIANMU_DEMO: 'off',
    TIANMU_LOGIN_PER_IP_PER_MINUTE: '100000',
    ...(db ? { DATABASE_URL: db.url } : {}),
  };
  const server = await startServer(env, /is running/);
  try {
    const latencies: number[] = [];
    let errors = 0;
    const deadline = performance.now() + SECONDS * 1000;
    const client = async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
        const cookie = login.headers.get('set-cookie')?.split(';')[0];
        await login.arrayBuffer();
        const read = await fetch(`${server.url}/api/regions?parent=330112116`, { headers: { cookie: cookie ?? '' } });
        await read.arrayBuffer();
        if (login.status !== 200 || read.status !== 200) errors++;
        else latencies.push(performance.now() - t0);
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const elapsed = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);

    // For scale: the same authorised read by clients that keep their session (the console's case).
    const cookie = (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) })).headers.get('set-cookie')!.split(';')[0];
    const reads: number[] = [];
    const readDeadline = performance.now() + SECONDS * 1000;
    const reader = async () => {
      while (performance.now() < readDeadline) {
        const r0 = performance.now();
        const res = await fetch(`${server.url}/api/regions?parent=330112116`, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status === 200) reads.push(performance.now() - r0);
        else errors++;
      }
    };
    const r0 = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, reader));
    const readElapsed = (performance.now() - r0) / 1000;
    reads.sort((a, b) => a - b);
    return {
      pairsPerSecond: Number((latencies.length / elapsed).toFixed(1)),
      p50Ms: Number(percentile(latencies, 50).toFixed(1)),
      p99Ms: Number(percentile(latencies, 99).toFixed(1)),
      completed: latencies.length,
      sessionReadsPerSecond: Number((reads.length / readElapsed).toFixed(1)),
      sessionReadP99Ms: Number(percentile(reads, 99).toFixed(1)),
      errors,
    };
  } finally {
    await server.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchLoginRead(): Promise<void> {
  const postgres = await run('postgres');
  const pglite = await run('pglite');
  saveResult('login-read', {
    clients: CLIENTS,
    seconds: SECONDS,
    postgres,
    pglite,
    note: 'server in a child process, load from this process on loopback; each pair = argon2id login + one scoped read',
  });
}
