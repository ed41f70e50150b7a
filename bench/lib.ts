import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../src/platform/db/transaction.js';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/**
 * How the benchmarks start Tianmu: node with the flags of bin/tianmu.mjs's shebang line (what
 * `tianmu` and `npm start` run with), then the script.
 */
/** The launcher's shebang line: environment settings, then node's flags; the benchmarks run tianmu with both. */
const SHEBANG = /^#!\/usr\/bin\/env -S ((?:[A-Z_]+=\S+ )*)node (.*)$/.exec(readFileSync(join(ROOT, 'bin/tianmu.mjs'), 'utf8').split('\n')[0]);
export const TIANMU_ENV: Record<string, string> = Object.fromEntries((SHEBANG?.[1].trim().split(' ').filter(Boolean) ?? []).map((a) => a.split('=') as [string, string]));
export const TIANMU_ARGS = [...(SHEBANG?.[2].split(' ') ?? []), join(ROOT, 'bin/tianmu.mjs')];
export const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

/**
 * A fixed loop of 10^8 integer steps, timed: the same 2-core machine has run it 3–4 times slower on
 * some days than on others (a PostgreSQL COPY likewise), so figures of different days compare only
 * through it, or as ratios to a baseline of the same run.
 */
function spinMs(): number {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 1e8; i++) x = (x * 31 + i) | 0;
  return Math.round(performance.now() - t0);
}

/**
 * Runs `tianmu ARGS` (with the flags of its shebang line) under GNU time: its stdout, wall seconds,
 * peak resident memory and CPU seconds (user and system, all threads). CPU as well as wall time: on
 * a shared machine the wall time also counts other work. Throws with the output's tail on failure.
 */
export function timedTianmu(args: string[], env: Record<string, string> = {}) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...TIANMU_ARGS, ...args], { encoding: 'utf8', env: { ...process.env, ...TIANMU_ENV, LOG_LEVEL: 'warn', TIANMU_DEMO: 'off', ...env }, maxBuffer: 1 << 28 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`tianmu ${args.join(' ')} failed:\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const cpu = ['User', 'System'].reduce((sum, k) => sum + Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN), 0);
  return { stdout: r.stdout, wall: Number(wall.toFixed(2)), peakMiB: rss ? Math.round(Number(rss[1]) / 1024) : null, cpuSeconds: Number(cpu.toFixed(2)) };
}

/** Writes one benchmark's figures to bench/results/<name>.json with the machine they came from. */
export function saveResult(name: string, figures: Record<string, unknown>): void {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const body = {
    benchmark: name,
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, spinMs: spinMs() },
    ...figures,
  };
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(body, null, 2)}\n`);
  console.log(JSON.stringify(body, null, 2));
}

/** Creates a fresh PostgreSQL database for one benchmark (a copy of `template` if given); returns its URL and a dropper. */
export async function freshPgDatabase(prefix: string, template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `tianmu serve` in a child process and resolves once `pattern` appears in its output. */
export function startServer(env: Record<string, string>, pattern: RegExp, timeoutMs = 300_000): Promise<Server & { readyMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...TIANMU_ARGS, 'serve'], { env: { ...process.env, ...TIANMU_ENV, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = `http://127.0.0.1:${env.PORT}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve({
          child,
          url,
          readyMs: performance.now() - t0,
          output: () => out,
          stop: () =>
            new Promise((r) => {
              if (child.exitCode !== null) return r();
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * CPU seconds used so far by the PostgreSQL backends serving the current database, read from
 * /proc (the bench's server is local); a counter to diff around a measured window, kept per
 * backend so connections opened in between count from zero. Null where /proc cannot be read.
 */
export async function backendCpu(db: Db): Promise<Map<number, number> | null> {
  const r = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db);
  const out = new Map<number, number>();
  for (const { pid } of r.rows) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      return null;
    }
  }
  return out;
}

/** CPU seconds the backends used between two `backendCpu` readings. */
export function backendCpuSince(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let s = 0;
  for (const [pid, v] of after) s += v - (before.get(pid) ?? 0);
  return s;
}
