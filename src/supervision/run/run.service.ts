import { sql } from 'kysely';
import type { Platform } from '../../platform/platform.js';
import { withTransaction } from '../../platform/db/transaction.js';
import { ModelCompileError, type DatasetInfo } from '../compile/model-sql.js';
import type { ModelSpec } from '../model/model-spec.js';
import { datasetInfos, datasetsOf, type ModelService } from '../model/model.service.js';
import type { SeverityDecider } from '../model/severity.js';
import type { WarningDispatcher } from '../warnings/warning-dispatcher.js';
import { findHits, type Hit } from './hits.js';
import { reconcile } from './reconcile.js';
import { applyDecisions, type Subjects } from './warning-writer.js';

export interface ModelRunStats {
  model: string;
  version: number;
  hits: number;
  raised: number;
  reraised: number;
  updated: number;
  unchanged: number;
  cleared: number;
  dispatched: number;
  unresolved: number;
  queryMs: number;
  ms: number;
  /** Where the time went: query, subjects, severity, write, dispatch. */
  phasesMs?: Record<string, number>;
  skipped?: string;
}

export interface RunResult {
  run: number;
  asOf: string;
  models: ModelRunStats[];
  totals: Omit<ModelRunStats, 'model' | 'version' | 'skipped' | 'queryMs' | 'ms' | 'phasesMs'>;
  seconds: number;
  /** Refreshing the planner's statistics before the models run. */
  analyzeMs: number;
}

export interface RunOptions {
  modelIds?: string[];
  /** Reference date YYYY-MM-DD; the `supervision.asOf` setting, else today (Asia/Shanghai). */
  asOf?: string;
  actor: string;
  /** Publish auto-dispatch severities as events (default true). */
  dispatch?: boolean;
  onProgress?: (done: number, total: number, model: string) => void;
}

const OFFICIALS = 'zuzhi.officials';

/** Runs models over current data and reconciles their hits with the warnings already raised. */
export class RunService {
  constructor(
    private readonly p: Platform,
    private readonly models: ModelService,
    private readonly severity: SeverityDecider,
    private readonly dispatcher: WarningDispatcher,
    private readonly defaultAsOf: () => Promise<string>,
  ) {}

  async run(opts: RunOptions): Promise<RunResult> {
    const t0 = performance.now();
    const asOf = opts.asOf ?? (await this.defaultAsOf());
    const specs = await this.models.current(opts.modelIds);
    const datasets = await datasetInfos(this.p.db);
    // Models usually run right after a load; with the planner's statistics from before it, a
    // join of thousands of rows is planned as a join of three (nested loops over whole views).
    const tAnalyze = performance.now();
    if (await this.dataChangedSinceLastRun()) await sql`ANALYZE ingest_row, identity_record, identity_entity`.execute(this.p.db);
    const analyzeMs = Math.round(performance.now() - tAnalyze);
    const run = await this.p.db.insertInto('supervision_run').values({ as_of: asOf, model_ids: JSON.stringify(specs.map((m) => m.id)), triggered_by: opts.actor }).returning('id').executeTakeFirstOrThrow();
    const stats: ModelRunStats[] = [];
    const district = (await this.p.regions.summary()).district?.code;
    if (!district) throw new Error('no district loaded: run `tianmu regions load` first');
    try {
      for (const [i, m] of specs.entries()) {
        opts.onProgress?.(i, specs.length, m.id);
        stats.push(await this.runModel(m, datasets, asOf, run.id, district, opts));
      }
      opts.onProgress?.(specs.length, specs.length, '');
    } catch (e) {
      await this.p.db.updateTable('supervision_run').set({ status: 'failed', error: (e as Error).message, finished_at: new Date(), stats: JSON.stringify({ models: stats }) }).where('id', '=', run.id).execute();
      throw e;
    }
    const keys = ['hits', 'raised', 'reraised', 'updated', 'unchanged', 'cleared', 'dispatched', 'unresolved'] as const;
    const totals = Object.fromEntries(keys.map((k) => [k, stats.reduce((s, x) => s + x[k], 0)])) as RunResult['totals'];
    const seconds = Math.round(performance.now() - t0) / 1000;
    await this.p.db.updateTable('supervision_run').set({ status: 'succeeded', finished_at: new Date(), stats: JSON.stringify({ models: stats, totals, seconds, analyzeMs }) }).where('id', '=', run.id).execute();
    return { run: run.id, asOf, models: stats, totals, seconds, analyzeMs };
  }

  /** Whether a batch was published or files resolved since the last successful run began. */
  private async dataChangedSinceLastRun(): Promise<boolean> {
    const r = await sql<{ changed: boolean }>`
      SELECT NOT EXISTS (SELECT 1 FROM supervision_run WHERE status = 'succeeded')
          OR EXISTS (SELECT 1 FROM ingest_batch b WHERE b.published_at >= (SELECT max(started_at) FROM supervision_run WHERE status = 'succeeded'))
          OR EXISTS (SELECT 1 FROM identity_run i WHERE i.finished_at >= (SELECT max(started_at) FROM supervision_run WHERE status = 'succeeded')) AS changed`.execute(this.p.db);
    return r.rows[0].changed;
  }

  /** Hits of one model without writing anything: the editor's test run of a draft. */
  async preview(model: ModelSpec, asOf?: string, limit = 200) {
    const when = asOf ?? (await this.defaultAsOf());
    const set = await findHits(this.p.db, model, await datasetInfos(this.p.db), when);
    const hits = set.hits.slice(0, limit);
    const subjects = await this.subjects(hits);
    const out = [];
    for (const h of hits) {
      const s = subjects.get(h.subjectId);
      out.push({ subjectId: h.subjectId, subjectName: s?.official ? null : s?.name ?? null, official: s?.official ?? false, severity: await this.decide(model, h), facts: h.facts, rows: h.rows });
    }
    return { asOf: when, total: set.hits.length, rows: set.rows, unresolved: set.unresolved, queryMs: Math.round(set.queryMs), hits: out };
  }

  private async runModel(m: ModelSpec, datasets: ReadonlyMap<string, DatasetInfo>, asOf: string, runId: number, districtCode: string, opts: RunOptions): Promise<ModelRunStats> {
    const t0 = performance.now();
    const base: ModelRunStats = { model: m.id, version: m.version, hits: 0, raised: 0, reraised: 0, updated: 0, unchanged: 0, cleared: 0, dispatched: 0, unresolved: 0, queryMs: 0, ms: 0 };
    const missing = datasetsOf(m).filter((d) => !datasets.has(d));
    if (missing.length) return { ...base, skipped: `数据集未登记 (datasets not registered): ${missing.join(', ')}` };
    let set;
    try {
      set = await findHits(this.p.db, m, datasets, asOf);
    } catch (e) {
      if (e instanceof ModelCompileError) return { ...base, skipped: e.message };
      throw e;
    }
    const phases: Record<string, number> = { query: Math.round(set.queryMs) };
    let lap = performance.now();
    const mark = (name: string) => {
      const now = performance.now();
      phases[name] = Math.round(now - lap);
      lap = now;
    };
    const subjects = await this.subjects(set.hits);
    mark('subjects');
    const severities = new Map<string, string>();
    for (const h of set.hits) severities.set(h.dedupKey, await this.decide(m, h));
    mark('severity');
    const existing = await this.p.db.selectFrom('supervision_warning').select(['id', 'dedup_key', 'status', 'facts_hash', 'severity']).where('model_id', '=', m.id).execute();
    const decisions = reconcile(
      existing.map((e) => ({ id: Number(e.id), dedupKey: e.dedup_key, status: e.status, factsHash: e.facts_hash, severity: e.severity })),
      set.hits.map((h) => ({ dedupKey: h.dedupKey, factsHash: h.factsHash, severity: severities.get(h.dedupKey)! })),
    );
    const hitsByKey = new Map(set.hits.map((h) => [h.dedupKey, h]));
    const written = await withTransaction(this.p.db, (tx) => applyDecisions(tx, { model: m, runId, decisions, hits: hitsByKey, subjects, districtCode }));
    const counts = { raised: 0, reraised: 0, updated: 0, unchanged: 0, cleared: 0 };
    const COUNTER = { raise: 'raised', reraise: 'reraised', update: 'updated', unchanged: 'unchanged', clear: 'cleared' } as const;
    for (const d of decisions) counts[COUNTER[d.kind]]++;
    mark('write');
    let dispatched = 0;
    if (opts.dispatch !== false) {
      for (const w of written) {
        if (!m.autoDispatch.includes(w.severity)) continue;
        if (await this.dispatcher.dispatch(w.id, 'supervision', m)) dispatched++;
      }
    }
    mark('dispatch');
    return { ...base, hits: set.hits.length, ...counts, dispatched, unresolved: set.unresolved, queryMs: Math.round(set.queryMs), ms: Math.round(performance.now() - t0), phasesMs: phases };
  }

  private async decide(m: ModelSpec, h: Hit): Promise<'red' | 'orange' | 'yellow'> {
    return this.severity.decide(m, { ...h.facts.values, count: h.facts.aggregate?.count ?? h.rows, sum: h.facts.aggregate?.sum ?? null });
  }

  /** Names, towns and whether each subject is an official (such warnings are for discipline inspectors only). */
  private async subjects(hits: Hit[]): Promise<Subjects> {
    const ids = [...new Set(hits.map((h) => h.subjectId))];
    if (ids.length === 0) return new Map();
    const rows = await sql<{ id: string; name: string | null; town_code: string | null; village_code: string | null; official: boolean }>`
      SELECT e.id, e.name, e.town_code, e.village_code,
             EXISTS (SELECT 1 FROM identity_record r WHERE r.entity_id = e.id AND r.dataset = ${OFFICIALS} AND r.active) AS official
        FROM identity_entity e WHERE e.id = ANY(${sql.val(ids)}::text[])`.execute(this.p.db);
    return new Map(rows.rows.map((r) => [r.id, { name: r.name, townCode: r.town_code ?? r.village_code?.slice(0, 9) ?? null, official: r.official }]));
  }
}
