import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parse } from 'csv-parse/sync';
import { pairwiseScores } from '../src/identity/linkage/index.js';
import { freshPgDatabase, PG_URL, saveResult, timedTianmu } from './lib.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const HELD_BACK = Number(process.env.BENCH_INCREMENTAL_ROWS ?? 10_000);
const SECOND_PARTY = new Set(['wife', 'defendant']);

const lastJson = (s: string) => JSON.parse(s.trim().split('\n').pop()!);

/** Pairwise scores of the files in the database against the generator's truth. */
async function score(url: string, dir: string) {
  const truth = new Map<string, string>();
  for (const r of parse(readFileSync(join(dir, 'truth/source-records.csv')), { columns: true }) as Array<Record<string, string>>) {
    if (r.person_id) truth.set(`${r.dataset}:${r.line}:1`, r.person_id);
    if (r.person2_id) truth.set(`${r.dataset}:${r.line}:2`, r.person2_id);
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ dataset: string; line: number; party: string; entity_id: string }>("SELECT dataset, line, party, entity_id FROM identity_record WHERE kind = 'person' AND active");
  await c.end();
  const known = rows.filter((r) => truth.has(`${r.dataset}:${r.line - 1}:${SECOND_PARTY.has(r.party) ? 2 : 1}`));
  const s = pairwiseScores(known.map((r) => r.entity_id), known.map((r) => truth.get(`${r.dataset}:${r.line - 1}:${SECOND_PARTY.has(r.party) ? 2 : 1}`)!));
  return { records: rows.length, scored: known.length, precision: Number(s.precision.toFixed(4)), recall: Number(s.recall.toFixed(4)), f1: Number(s.f1.toFixed(4)) };
}

function healthFile(dir: string): string {
  return join(dir, JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).files.find((f: { dataset: string }) => f.dataset === 'weijian.health_records').file);
}

async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(text);
  await c.end();
}

/** The resolution the demo load ran: the first one, where every record is new. */
async function firstResolution(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ stats: { seconds: number; phases: Record<string, number>; records: { inserted: number } } }>("SELECT stats FROM identity_run WHERE status = 'succeeded' ORDER BY id LIMIT 1");
  await c.end();
  const s = rows[0]?.stats;
  return s ? { seconds: s.seconds, recordsInserted: s.records.inserted, phases: s.phases } : null;
}

/**
 * The first resolution again, alone: on a copy of the loaded district with every person and
 * enterprise file and record removed, so it runs on a settled database rather than straight after
 * the load's ingest, and can be timed again on a kept district (BENCH_IDENTITY_KEEP).
 */
async function firstResolutionAlone(loaded: string, env: Record<string, string>) {
  const copy = await freshPgDatabase('tianmu_bench_identity_first', loaded);
  try {
    const c = new pg.Client({ connectionString: copy.url });
    await c.connect();
    const { rows } = await c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND (tablename LIKE 'identity\\_%' OR tablename LIKE 'marriage\\_%')");
    await c.query(`TRUNCATE ${rows.map((r) => r.t).join(', ')} CASCADE`);
    await c.query('CHECKPOINT');
    await c.end();
    const run = timedTianmu(['identity', 'resolve', '--full', '--json'], { ...env, DATABASE_URL: copy.url });
    const s = lastJson(run.stdout);
    return { seconds: s.seconds, recordsInserted: s.records.inserted, phases: s.phases, processWallSeconds: run.wall, peakMemoryMiB: run.peakMiB };
  } finally {
    await copy.drop();
  }
}

/**
 * Entity resolution over the demo district on PostgreSQL: every department file through ingest
 * (which ends with the first resolution), the first resolution again on a copy, a full resolution
 * (timed on its own, with peak memory), its accuracy against the truth, then an incremental batch
 * of HELD_BACK health records held back from the first load.
 */
export async function benchIdentityResolve(): Promise<void> {
  // BENCH_IDENTITY_KEEP=<folder> keeps the loaded district as a template database (its name, the
  // demo and data folders recorded there); later runs time the full and incremental resolutions
  // on a fresh copy of it, because both change the database, without the minutes of the load.
  const keep = process.env.BENCH_IDENTITY_KEEP;
  const kept = keep && existsSync(join(keep, 'kept.json')) ? (JSON.parse(readFileSync(join(keep, 'kept.json'), 'utf8')) as { template: string; scale: number; dir: string; dataDir: string; load: { wall: number; peakMiB: number | null } }) : null;
  if (keep) mkdirSync(keep, { recursive: true });
  const dir = kept?.dir ?? (keep ? join(keep, 'demo') : mkdtempSync(join(tmpdir(), 'tianmu-bench-identity-')));
  const dataDir = kept?.dataDir ?? (keep ? join(keep, 'data') : mkdtempSync(join(tmpdir(), 'tianmu-bench-identity-data-')));
  const db = await freshPgDatabase('tianmu_bench_identity', kept?.template);
  const env = { TIANMU_DATA_DIR: dataDir, DATABASE_URL: db.url };
  try {
    let load = kept?.load ?? { wall: 0, peakMiB: null as number | null };
    if (!kept) {
      timedTianmu(['demo', 'generate', '--scale', String(SCALE), '--out', dir], env);
      const health = healthFile(dir);
      const full = `${health}.full`;
      renameSync(health, full);
      const lines = readFileSync(full, 'utf8').split(/(?<=\n)/);
      writeFileSync(health, lines.slice(0, Math.max(2, lines.length - HELD_BACK)).join(''));
      const loaded = timedTianmu(['demo', 'load', dir], env);
      load = { wall: loaded.wall, peakMiB: loaded.peakMiB };
      if (keep) {
        const template = `${new URL(db.url).pathname.slice(1)}_kept`;
        await adminQuery(`CREATE DATABASE ${template} TEMPLATE ${new URL(db.url).pathname.slice(1)}`);
        writeFileSync(join(keep, 'kept.json'), JSON.stringify({ template, scale: SCALE, dir, dataDir, load }));
      }
    }
    const firstRun = await firstResolution(db.url);
    const firstAlone = await firstResolutionAlone(new URL(db.url).pathname.slice(1), env);
    const fullRun = timedTianmu(['identity', 'resolve', '--full', '--json'], env);
    const fullSummary = lastJson(fullRun.stdout);
    const accuracy = await score(db.url, dir);

    const batch = lastJson(timedTianmu(['ingest', 'weijian.health_records', `${healthFile(dir)}.full`, '--json'], env).stdout);
    const inc = timedTianmu(['identity', 'resolve', '--json'], env);
    const incSummary = lastJson(inc.stdout);
    saveResult('identity-resolve', {
      engine: 'postgres',
      scale: kept?.scale ?? SCALE,
      demoLoadSeconds: load.wall,
      // The demo load's process: ingest, then the first resolution, which holds every record at once.
      demoLoadPeakMemoryMiB: load.peakMiB,
      firstResolution: firstRun,
      firstResolutionAlone: firstAlone,
      full: {
        recordsLinked: fullSummary.records.linked,
        files: fullSummary.entities.active,
        resolveSeconds: fullSummary.seconds,
        processWallSeconds: fullRun.wall,
        peakMemoryMiB: fullRun.peakMiB,
        phases: fullSummary.phases,
        engineSeconds: fullSummary.report.seconds,
        candidatePairs: fullSummary.report.candidatePairs,
        reviewQueued: fullSummary.review.queued,
        marriage: fullSummary.products.marriage,
      },
      accuracy,
      incremental: {
        newRows: batch.inserted,
        recordsAdded: incSummary.records.inserted,
        resolveSeconds: incSummary.seconds,
        phases: incSummary.phases,
        processWallSeconds: inc.wall,
        peakMemoryMiB: inc.peakMiB,
        filesCreated: incSummary.entities.created,
        fileBridges: incSummary.report.fileBridges,
      },
      targets: { f1: 0.99, fullSecondsPerMillionRecords: 60, peakMemoryMiB: 4096, incrementalSecondsFor10k: 5 },
    });
  } finally {
    await db.drop();
    if (!keep) {
      rmSync(dir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}
