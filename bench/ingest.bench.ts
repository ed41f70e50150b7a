import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { BENCH_SPEC, writePersonCsv } from './data/person-csv.js';
import { freshPgDatabase, ROOT, saveResult, TIANMU_ARGS } from './lib.js';

const ROWS = Number(process.env.BENCH_INGEST_ROWS ?? 1_000_000);

function tianmu(args: string[], env: Record<string, string>) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...TIANMU_ARGS, ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn', TIANMU_DEMO: 'off', ...env }, maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`tianmu ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { stdout: r.stdout, wall, peakMiB: rss ? Math.round(Number(rss[1]) / 1024) : null };
}

async function ingestOn(engine: 'postgres' | 'pglite', file: string, spec: string, extraEnv: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tianmu-bench-ingest-'));
  const db = engine === 'postgres' ? await freshPgDatabase('tianmu_bench_ingest') : null;
  const env: Record<string, string> = { TIANMU_DATA_DIR: dataDir, ...(db ? { DATABASE_URL: db.url } : {}), ...extraEnv };
  try {
    tianmu(['dataset', 'create', '--spec', spec], env);
    const run = tianmu(['ingest', BENCH_SPEC.name, file, '--json'], env);
    const summary = JSON.parse(run.stdout.trim().split('\n').pop()!);
    return {
      rowsPerSecond: Math.round(summary.read / summary.seconds),
      batchSeconds: summary.seconds,
      processWallSeconds: Number(run.wall.toFixed(2)),
      peakMemoryMiB: run.peakMiB,
      read: summary.read,
      accepted: summary.accepted,
      rejected: summary.rejected,
      flagged: summary.flagged,
      phasesMs: summary.phasesMs,
    };
  } finally {
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The baseline: PostgreSQL COPY of the same rows, already clean, into a plain table. */
async function copyBaseline(clean: string) {
  const db = await freshPgDatabase('tianmu_bench_copy');
  try {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query('CREATE TABLE person_clean (name text, id_number text, sex text, birth_date date, phone text, address text, village text, monthly_income numeric)');
    await c.end();
    const t0 = performance.now();
    const r = spawnSync('psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy person_clean FROM '${clean}' WITH (FORMAT csv, HEADER true)`], { encoding: 'utf8' });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`psql copy failed: ${r.stderr}`);
    return { rowsPerSecond: Math.round(ROWS / seconds), seconds: Number(seconds.toFixed(2)) };
  } finally {
    await db.drop();
  }
}

export async function benchIngest(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tianmu-bench-data-'));
  try {
    const file = join(dir, 'persons-gbk.csv');
    const clean = join(dir, 'persons-clean.csv');
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify(BENCH_SPEC));
    await writePersonCsv(file, ROWS, { clean });
    const baseline = await copyBaseline(clean);
    const postgres = await ingestOn('postgres', file, spec);
    // The same server with every batch staged and then published, as PGlite does (docs/ingest.md).
    const postgresStaged = await ingestOn('postgres', file, spec, { TIANMU_INGEST_DIRECT: 'off' });
    const pglite = await ingestOn('pglite', file, spec);
    saveResult('ingest', {
      rows: ROWS,
      fileMiB: Math.round(statSync(file).size / 2 ** 20),
      baselineCopy: baseline,
      postgres: { ...postgres, ratioToCopy: Number((postgres.rowsPerSecond / baseline.rowsPerSecond).toFixed(3)) },
      postgresStaged: { ...postgresStaged, ratioToCopy: Number((postgresStaged.rowsPerSecond / baseline.rowsPerSecond).toFixed(3)) },
      pglite: { ...pglite, ratioToCopy: Number((pglite.rowsPerSecond / baseline.rowsPerSecond).toFixed(3)) },
      targets: { postgresRowsPerSecond: 100000, ratioToCopy: 0.3, peakMemoryMiB: 500 },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
