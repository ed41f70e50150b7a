// By hand: the WAL a `tianmu ingest` on PGlite writes with full-page writes on and off, to see how
// much of it is whole pages logged after checkpoints (docs/ingest.md, "A 2 GiB file").
//
//   ROWS=3000000 [MODES=on,off] npx tsx bench/tools/pglite-full-page-writes.ts
//
// Each mode: a fresh data folder, the benchmark contract, `ALTER SYSTEM SET full_page_writes` for
// "off", then one ingest of the generated GBK file (bench/data/person-csv.ts, seed 11); prints the
// WAL written (LSN before and after), pg_wal's largest size (sampled every 2 s), the seconds and the
// batch's phases. Everything is removed afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { BENCH_SPEC, writePersonCsv } from '../data/person-csv.js';

const ROWS = Number(process.env.ROWS ?? 3_000_000);
const work = mkdtempSync(join(tmpdir(), 'tianmu-fpw-'));
const tianmu = (args: string[], data: string) => {
  const r = spawnSync('bin/tianmu.mjs', args, { encoding: 'utf8', env: { ...process.env, TIANMU_DATA_DIR: data, LOG_LEVEL: 'warn', TIANMU_DEMO: 'off' }, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(r.stderr.slice(-2000));
  return r.stdout;
};
/** The WAL position and setting of the closed PGlite in `dir`, after running `before` on it. */
async function walAt(dir: string, before?: string) {
  const pg = await PGlite.create(dir);
  if (before) await pg.exec(before);
  const r = await pg.query<{ lsn: string; fpw: string }>(`SELECT pg_current_wal_lsn()::text AS lsn, current_setting('full_page_writes') AS fpw`);
  await pg.close();
  return r.rows[0];
}
const bytes = (lsn: string) => {
  const [hi, lo] = lsn.split('/');
  return parseInt(hi, 16) * 2 ** 32 + parseInt(lo, 16);
};

try {
  const file = join(work, 'persons.csv');
  const spec = join(work, 'spec.json');
  writeFileSync(spec, JSON.stringify(BENCH_SPEC));
  await writePersonCsv(file, ROWS, { seed: 11 });
  for (const mode of (process.env.MODES ?? 'on,off').split(',')) {
    const data = join(work, `data-${mode}`);
    tianmu(['dataset', 'create', '--spec', spec], data);
    const dir = join(data, 'pglite');
    await walAt(dir, mode === 'off' ? 'ALTER SYSTEM SET full_page_writes = off' : undefined);
    const before = await walAt(dir); // the setting as the ingest will see it
    const log = join(work, `wal-${mode}.txt`);
    const sampler = spawn('sh', ['-c', `while :; do du -sb '${dir}/pg_wal' | cut -f1 >> '${log}'; sleep 2; done`], { stdio: 'ignore' });
    const t0 = Date.now();
    let out: string;
    try {
      out = tianmu(['ingest', BENCH_SPEC.name, file, '--json'], data);
    } finally {
      sampler.kill('SIGKILL');
    }
    const after = await walAt(dir);
    const s = JSON.parse(out.trim().split('\n').pop()!);
    const peak = Math.max(...readFileSync(log, 'utf8').trim().split('\n').map(Number));
    const mib = (b: number) => Math.round(b / 2 ** 20);
    console.log(JSON.stringify({ fullPageWrites: before.fpw, walWrittenMiB: mib(bytes(after.lsn) - bytes(before.lsn)), pgWalPeakMiB: mib(peak), seconds: (Date.now() - t0) / 1000, accepted: s.accepted, phasesMs: s.phasesMs }));
    rmSync(data, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
