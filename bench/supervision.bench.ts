import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DummyDriver, Kysely, PostgresAdapter, PostgresDialect, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import pg from 'pg';
import { compileModel, PLAN_SETTINGS } from '../src/supervision/compile/model-sql.js';
import { datasetInfos } from '../src/supervision/model/model.service.js';
import { builtinModels } from '../src/supervision/models/index.js';
import { readTruth, scoreWarnings, truthIdsOfFiles } from '../src/supervision/testing/demo-district.js';
import type { Database } from '../src/platform/db/schema.js';
import { freshPgDatabase, ROOT, saveResult, TIANMU_ARGS, TIANMU_ENV } from './lib.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const REPEATS = 3;

function tianmu(args: string[], env: Record<string, string>) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...TIANMU_ARGS, ...args], { encoding: 'utf8', env: { ...process.env, ...TIANMU_ENV, LOG_LEVEL: 'warn', TIANMU_DEMO: 'off', ...env }, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`tianmu ${args.join(' ')} failed:\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
  return { stdout: r.stdout, wall: Number(((performance.now() - t0) / 1000).toFixed(2)) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Times one query in its own transaction, with the settings the run uses for compiled models (jit off for both). */
async function timed(c: pg.Client, text: string, values: unknown[], settings: readonly string[] = []): Promise<{ ms: number; rows: Array<Record<string, unknown>> }> {
  await c.query('BEGIN');
  for (const s of settings) await c.query(s);
  // Only the query is timed: the settings' round trips would weigh on fast queries alone.
  const t0 = performance.now();
  const r = await c.query(text, values);
  const ms = performance.now() - t0;
  await c.query('COMMIT');
  return { ms, rows: r.rows };
}

/** Subject plus dedup values, the identity of a hit in both the compiled and the hand-written result. */
const keyOf = (r: Record<string, unknown>, n: number) => [r.subject, ...Array.from({ length: n }, (_, i) => r[`k_${i}`])].map((v) => String(v ?? '')).join('|');

/**
 * 护廉天目 over the demo district on PostgreSQL: the district through ingest and resolution (the
 * demo load ends with a first run that raises and dispatches), then a timed re-run of every model,
 * each model's compiled SQL against a hand-written query of the same logic (bench/supervision-sql/),
 * and precision and recall per model against the generator's planted cases and look-alikes.
 */
export async function benchSupervision(): Promise<void> {
  // BENCH_SUPERVISION_KEEP=<folder> keeps the loaded district (database URL, demo and data folders
  // recorded there) so that the timed part can be measured again without a 30-minute load.
  const keep = process.env.BENCH_SUPERVISION_KEEP;
  const kept = keep && existsSync(join(keep, 'kept.json')) ? (JSON.parse(readFileSync(join(keep, 'kept.json'), 'utf8')) as { url: string; dir: string; dataDir: string; loadSeconds: number }) : null;
  if (keep) mkdirSync(keep, { recursive: true });
  const dir = kept?.dir ?? (keep ? join(keep, 'demo') : mkdtempSync(join(tmpdir(), 'tianmu-bench-supervision-')));
  const dataDir = kept?.dataDir ?? (keep ? join(keep, 'data') : mkdtempSync(join(tmpdir(), 'tianmu-bench-supervision-data-')));
  const db = kept ? { url: kept.url, drop: async () => undefined } : await freshPgDatabase('tianmu_bench_supervision');
  const env = { TIANMU_DATA_DIR: dataDir, DATABASE_URL: db.url };
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: db.url, max: 2 }) }) });
  const printer = new Kysely<object>({ dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() } });
  const c = new pg.Client({ connectionString: db.url });
  try {
    let load = { wall: kept?.loadSeconds ?? 0 };
    if (!kept) {
      tianmu(['demo', 'generate', '--scale', String(SCALE), '--out', dir], env);
      load = tianmu(['demo', 'load', dir], env);
      if (keep) writeFileSync(join(keep, 'kept.json'), JSON.stringify({ url: db.url, dir, dataDir, loadSeconds: load.wall }));
    }
    await c.connect();
    const firstRun = (await c.query("SELECT stats FROM supervision_run WHERE status = 'succeeded' ORDER BY id LIMIT 1")).rows[0]?.stats;
    const rerun = JSON.parse(tianmu(['supervision', 'run', '--json', '--no-dispatch'], env).stdout.trim().split('\n').pop()!);
    const asOf = rerun.asOf as string;
    await c.query('ANALYZE');

    const datasets = await datasetInfos(kysely);
    const perModel = [];
    for (const m of builtinModels()) {
      const compiled = compileModel({ model: m, datasets, asOf }).query.compile(printer);
      const file = join(ROOT, 'bench/supervision-sql', `${m.id}.sql`);
      const hand = existsSync(file) ? readFileSync(file, 'utf8') : null;
      const ours: number[] = [];
      const theirs: number[] = [];
      let same: boolean | null = null;
      for (let i = 0; i < REPEATS; i++) {
        const a = await timed(c, compiled.sql, compiled.parameters as unknown[], PLAN_SETTINGS);
        ours.push(a.ms);
        if (!hand) continue;
        const b = await timed(c, hand, [asOf], ['SET LOCAL jit = off']);
        theirs.push(b.ms);
        if (i === 0) {
          const n = m.dedupKey.length;
          const ka = new Set(a.rows.map((r) => keyOf(r, n)));
          const kb = new Set(b.rows.map((r) => keyOf(r, n)));
          same = ka.size === kb.size && [...ka].every((k) => kb.has(k));
        }
      }
      const compiledMs = Math.round(median(ours));
      const handMs = hand ? Math.round(median(theirs)) : null;
      perModel.push({ model: m.id, compiledMs, handWrittenMs: handMs, ratio: handMs ? Number((median(ours) / Math.max(median(theirs), 0.5)).toFixed(2)) : null, sameHits: same });
    }

    const warnings = (await c.query<{ model_id: string; subject_id: string }>('SELECT model_id, subject_id FROM supervision_warning')).rows.map((w) => ({ model: w.model_id, subjectId: w.subject_id }));
    const scores = scoreWarnings(readTruth(dir), warnings, await truthIdsOfFiles(kysely, dir), builtinModels().map((m) => m.id));
    saveResult('supervision', {
      engine: 'postgres',
      scale: SCALE,
      demoLoadSeconds: load.wall,
      firstRun,
      rerun: { seconds: rerun.seconds, totals: rerun.totals, perModelMs: Object.fromEntries(rerun.models.map((m: { model: string; ms: number }) => [m.model, m.ms])) },
      target: { allModelsSeconds: 30, ratio: 1.5 },
      compiledVsHandWritten: perModel,
      accuracy: scores.map((s) => ({ model: s.model, cases: s.cases, lookalikes: s.lookalikes, found: s.found, lookalikesWarned: s.lookalikesWarned, precision: Number(s.precision.toFixed(4)), recall: Number(s.recall.toFixed(4)) })),
    });
  } finally {
    await c.end().catch(() => undefined);
    await kysely.destroy();
    if (!keep) {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}
