import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { BENCH_SPEC, writePersonCsv } from './data/person-csv.js';
import { freshPgDatabase, saveResult, timedTianmu } from './lib.js';

const ROWS = Number(process.env.BENCH_INGEST_ROWS ?? 1_000_000);

/** Runs a psql command on the database; throws with its stderr when it fails. */
function psql(dbUrl: string, cmd: string): void {
  const r = spawnSync('psql', [dbUrl, '-v', 'ON_ERROR_STOP=1', '-qc', cmd], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
}

/** One `tianmu ingest` of the file on a fresh database; `after` is given the PostgreSQL database before it is dropped. */
async function ingestOn(engine: 'postgres' | 'pglite', file: string, spec: string, extraEnv: Record<string, string> = {}, after?: (dbUrl: string) => Promise<void>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tianmu-bench-ingest-'));
  const db = engine === 'postgres' ? await freshPgDatabase('tianmu_bench_ingest') : null;
  const env: Record<string, string> = { TIANMU_DATA_DIR: dataDir, ...(db ? { DATABASE_URL: db.url } : {}), ...extraEnv };
  try {
    timedTianmu(['dataset', 'create', '--spec', spec], env);
    const busy0 = machineBusySeconds();
    const disk = engine === 'pglite' ? sampleDisk(join(dataDir, 'pglite')) : null;
    let run;
    try {
      run = timedTianmu(['ingest', BENCH_SPEC.name, file, '--json'], env);
    } finally {
      disk?.stop();
    }
    const machineBusyCpuSeconds = Number((machineBusySeconds() - busy0).toFixed(1));
    const summary = JSON.parse(run.stdout.trim().split('\n').pop()!);
    if (db && after) await after(db.url);
    return {
      rowsPerSecond: Math.round(summary.read / summary.seconds),
      batchSeconds: summary.seconds,
      processWallSeconds: run.wall,
      peakMemoryMiB: run.peakMiB,
      // Tianmu's process (both threads) and the whole machine (with the database server), over the ingest.
      processCpuSeconds: Number(run.cpuSeconds.toFixed(1)),
      machineBusyCpuSeconds,
      read: summary.read,
      accepted: summary.accepted,
      rejected: summary.rejected,
      flagged: summary.flagged,
      phasesMs: summary.phasesMs,
      ...(disk ? { pgliteDisk: disk.peaks() } : {}),
    };
  } finally {
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * PGlite's data folder and its WAL, sampled every five seconds by a shell loop beside the ingest
 * (timedTianmu blocks this process): their largest sizes and the folder's size at the end.
 */
function sampleDisk(pgDir: string) {
  const log = join(pgDir, '..', 'disk-samples.txt');
  const loop = spawn('sh', ['-c', `while :; do echo "$(du -sb '${pgDir}' | cut -f1) $(du -sb '${pgDir}/pg_wal' | cut -f1)" >> '${log}'; sleep 5; done`], { stdio: 'ignore' });
  return {
    stop: () => void loop.kill('SIGKILL'),
    peaks() {
      const samples = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number)).filter((r) => r.every(Number.isFinite));
      const mib = (b: number) => Math.round(b / 2 ** 20);
      return { peakDataMiB: mib(Math.max(...samples.map((r) => r[0]))), peakWalMiB: mib(Math.max(...samples.map((r) => r[1]))), endDataMiB: mib(Number(spawnSync('du', ['-sb', pgDir], { encoding: 'utf8' }).stdout.split('\t')[0])), samples: samples.length };
    },
  };
}

const STORED_COLUMNS = 'dataset_id, district_code, key_hash, content_hash, data, masked, sealed, original, flags, batch_id, line, valid_from';

/**
 * The database's own share: the rows an ingest stored, copied out and then COPYed by psql into an
 * empty table shaped and indexed like ingest_row, with the machine's busy CPU over that COPY. What
 * no change to Tianmu's Node side can take below: the stored row (history, sealed payload, jsonb)
 * and its indexes, written by the server.
 */
async function storedRowsCopy(dbUrl: string, dir: string) {
  const dump = join(dir, 'stored-rows.copy');
  psql(dbUrl, `\\copy (SELECT ${STORED_COLUMNS} FROM ingest_row ORDER BY id) TO '${dump}'`);
  psql(dbUrl, 'CREATE TABLE stored_copy (LIKE ingest_row INCLUDING DEFAULTS INCLUDING INDEXES); CHECKPOINT');
  const busy0 = machineBusySeconds();
  const t0 = performance.now();
  psql(dbUrl, `\\copy stored_copy (${STORED_COLUMNS}) FROM '${dump}'`);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = machineBusySeconds() - busy0;
  const bytes = statSync(dump).size;
  rmSync(dump);
  return { seconds: Number(seconds.toFixed(2)), machineBusyCpuSeconds: Number(cpu.toFixed(1)), textBytes: bytes };
}

/** CPU seconds the whole machine spent busy so far (all cores, from /proc/stat). */
function machineBusySeconds(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait
  return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / 100;
}

/** The baseline: PostgreSQL COPY of the same rows, already clean, into a plain table. */
async function copyBaseline(clean: string) {
  const db = await freshPgDatabase('tianmu_bench_copy');
  try {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query('CREATE TABLE person_clean (name text, id_number text, sex text, birth_date date, phone text, address text, village text, monthly_income numeric)');
    await c.end();
    const busy0 = machineBusySeconds();
    const t0 = performance.now();
    psql(db.url, `\\copy person_clean FROM '${clean}' WITH (FORMAT csv, HEADER true)`);
    const seconds = (performance.now() - t0) / 1000;
    return { rowsPerSecond: Math.round(ROWS / seconds), seconds: Number(seconds.toFixed(2)), machineBusyCpuSeconds: Number((machineBusySeconds() - busy0).toFixed(1)) };
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
    let stored: Awaited<ReturnType<typeof storedRowsCopy>> | undefined;
    const postgres = await ingestOn('postgres', file, spec, {}, async (url) => {
      stored = await storedRowsCopy(url, dir);
    });
    // The same server with every batch staged and then published, as PGlite does (docs/ingest.md).
    const postgresStaged = await ingestOn('postgres', file, spec, { TIANMU_INGEST_DIRECT: 'off' });
    const pglite = await ingestOn('pglite', file, spec);
    saveResult('ingest', {
      rows: ROWS,
      fileMiB: Math.round(statSync(file).size / 2 ** 20),
      baselineCopy: baseline,
      postgres: { ...postgres, ratioToCopy: Number((postgres.rowsPerSecond / baseline.rowsPerSecond).toFixed(3)) },
      // The direct ingest's stored rows COPYed again by psql into an empty copy of ingest_row: the server's floor.
      storedRowsCopy: stored && {
        rows: postgres.accepted,
        seconds: stored.seconds,
        rowsPerSecond: Math.round(postgres.accepted / stored.seconds),
        machineBusyCpuSeconds: stored.machineBusyCpuSeconds,
        bytesPerRow: Math.round(stored.textBytes / postgres.accepted),
      },
      postgresStaged: { ...postgresStaged, ratioToCopy: Number((postgresStaged.rowsPerSecond / baseline.rowsPerSecond).toFixed(3)) },
      pglite: { ...pglite, ratioToCopy: Number((pglite.rowsPerSecond / baseline.rowsPerSecond).toFixed(3)) },
      targets: { postgresRowsPerSecond: 100000, ratioToCopy: 0.3, peakMemoryMiB: 500 },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rows of the large file: 22,500,000 of the generator's rows make 2 GiB of GBK. */
const LARGE_ROWS = Number(process.env.BENCH_INGEST_LARGE_ROWS ?? 22_500_000);

/**
 * The memory bound: a 2 GB CSV ingests with the process under 500 MB. One snapshot of
 * LARGE_ROWS generated rows on PostgreSQL (about 15 million distinct ID numbers: the generator
 * draws birth dates at random, so the rest are repeated keys rejected in the batch), timed with its
 * peak memory. Opt-in (`npm run bench ingest-2gib`): it takes tens of minutes and about 40 GB of
 * database. `BENCH_INGEST_LARGE_PGLITE=1` runs PGlite too.
 */
export async function benchIngestLarge(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tianmu-bench-large-'));
  try {
    const file = join(dir, 'persons-gbk.csv');
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify(BENCH_SPEC));
    await writePersonCsv(file, LARGE_ROWS, { seed: 11 });
    const postgres = await ingestOn('postgres', file, spec);
    const pglite = process.env.BENCH_INGEST_LARGE_PGLITE === '1' ? await ingestOn('pglite', file, spec) : null;
    saveResult('ingest-2gib', {
      rows: LARGE_ROWS,
      fileMiB: Math.round(statSync(file).size / 2 ** 20),
      postgres,
      pglite,
      targets: { peakMemoryMiB: 500 },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
