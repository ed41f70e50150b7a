import { sql } from 'kysely';
import type { Platform } from '../../platform/platform.js';
import type { JobContext } from '../../platform/jobs/job-runner.js';
import { refreshGolden } from '../golden/golden-writer.js';
import { syncEnterprises, ENTERPRISE_DATASET } from '../records/enterprise-sync.js';
import type { PersonSourceRegistry } from '../records/person-sources.js';
import { HeldRecords } from '../records/held-records.js';
import { clearFirstLoad, clearWaiting, copyToLoad, dropStored, isFirstLoad, loadedRows, storeWaiting } from '../records/record-load.store.js';
import { candidateRows, linkageRows, type LinkageRow } from '../records/record.store.js';
import type { PersonRecordInput } from '../records/extract-record.js';
import { syncPersonRecords } from '../records/record-sync.js';
import { assignEntities, type Assignment } from './assign-entities.js';
import { attachOnly } from './attach-only.js';
import { createEntities, markMerged, moveRecords, recordChanges } from './entity.store.js';
import { storeFirstLoad, type HeldResolution } from './first-load.js';
import { linkPersons, type LinkDecisions } from './person-linker.js';
import { queueUncertain } from './review.store.js';
import { latestModelRun } from './run.store.js';

export const RESOLVE_JOB = 'identity.resolve';

export interface ResolveSummary {
  run: number;
  mode: 'full' | 'incremental';
  records: { inserted: number; retired: number; linked: number };
  entities: { created: number; merged: number; split: number; moved: number; active: number };
  enterprises: { inserted: number; created: number };
  review: { queued: number };
  /** What the modules building on the files did after the run, by name. */
  products: Record<string, unknown>;
  missingSources: string[];
  /** Seconds per phase: sync, load, link, assign, golden, review, then each product. */
  phases: Record<string, number>;
  report: Record<string, unknown>;
  seconds: number;
}

/**
 * Runs entity resolution: brings records up to date with published data, links them, and keeps
 * entity ids stable across runs. A full run re-links every active record (and may merge or split
 * files); an incremental run links only records without a file yet to the files that exist, which
 * is what a new batch needs and never splits a file.
 */
export type AfterRun<T = unknown> = (runId: number, touched: string[] | null, prepared?: T) => Promise<Record<string, unknown>>;

interface AfterHook {
  name: string;
  fn: AfterRun;
  whileStoring?: (held: HeldResolution) => Promise<unknown>;
}

export class ResolveService {
  private readonly after: AfterHook[] = [];

  constructor(
    private readonly p: Platform,
    private readonly sources: PersonSourceRegistry,
  ) {
    p.jobs.register<{ mode: 'full' | 'incremental' }, Record<string, never>, ResolveSummary>(RESOLVE_JOB, (ctx) => this.runJob(ctx));
  }

  /**
   * Work that builds on the files (the marriage library's conflicts): run after each resolution,
   * given the entities that changed (null: all). On a first load, `whileStoring` is started with
   * the records and files in memory while the server rebuilds indexes, and what it gives is
   * handed to `fn`.
   */
  onResolved<T>(name: string, fn: AfterRun<T>, whileStoring?: (held: HeldResolution) => Promise<T>): void {
    this.after.push({ name, fn: fn as AfterRun, whileStoring });
  }

  /** Queues a run as a durable job; the job id lets callers follow progress. */
  async start(mode: 'full' | 'incremental', actor: string) {
    return this.p.jobs.enqueue(RESOLVE_JOB, mode === 'full' ? '全量实体解析' : '增量实体解析', { mode }, actor);
  }

  private runJob(ctx: JobContext<{ mode: 'full' | 'incremental' }>): Promise<ResolveSummary> {
    return this.run(ctx.params.mode, (msg) => void ctx.progress(0, null, msg));
  }

  async run(mode: 'full' | 'incremental', onProgress?: (msg: string) => void): Promise<ResolveSummary> {
    const t0 = performance.now();
    const phases: Record<string, number> = {};
    let tPhase = t0;
    const lap = (name: string) => {
      const now = performance.now();
      phases[name] = Math.round(now - tPhase) / 1000;
      tPhase = now;
      onProgress?.(name);
    };
    const district = (await this.p.regions.summary()).district?.code ?? '330112';
    const last = await this.p.db.selectFrom('identity_run').select(['watermarks']).where('kind', '=', 'person').where('status', '=', 'succeeded').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const run = await this.p.db.insertInto('identity_run').values({ kind: 'person', mode }).returning('id').executeTakeFirstOrThrow();
    const runId = Number(run.id);
    try {
      const from = last?.watermarks ?? {};
      // No person record stored yet (the demo load, a bureau's first run): records are written once, with their files.
      const firstLoad = await isFirstLoad(this.p.db);
      if (firstLoad) await clearFirstLoad(this.p.db);
      // An incremental run needs the model of an earlier run; without one it links everything.
      const model = mode === 'incremental' && !firstLoad ? (await latestModelRun(this.p.db))?.model ?? null : null;
      const incremental = model != null;
      // New records of an incremental run wait too, and are written once with their file.
      if (incremental) await clearWaiting(this.p.db);
      const held = firstLoad ? new HeldRecords(this.p.db) : null;
      const into = held ? (r: PersonRecordInput[]) => held.add(r) : incremental ? (r: PersonRecordInput[]) => copyToLoad(this.p.database, runId, district, r) : undefined;
      const sync = await syncPersonRecords(this.p, this.sources, district, runId, from, onProgress, into);
      if (incremental) await dropStored(this.p.db, runId);
      const ent = await syncEnterprises(this.p, district, runId, from[ENTERPRISE_DATASET]);
      const watermarks = { ...sync.watermarks, ...(ent.watermark != null ? { [ENTERPRISE_DATASET]: ent.watermark } : {}) };
      // Bulk changes leave the planner's statistics stale and every later phase needs fresh ones;
      // a small batch changes nothing the planner would notice, and ANALYZE costs a second.
      const bulk = sync.inserted + sync.retired + ent.inserted > 20_000;
      // A first load's records are held in memory, and storing them analyzes both tables.
      if (bulk && !firstLoad) await sql`ANALYZE identity_record, identity_entity`.execute(this.p.db);
      lap('sync');

      const decisions = await this.decisions();
      let rows: LinkageRow[] = held ? held.rows : incremental ? await loadedRows(this.p.db, runId) : await linkageRows(this.p.db, 'person');
      const waiting = new Set(incremental ? rows.map((r) => Number(r.id)) : []);
      if (incremental) {
        // Records stored without a file (by a full run's sync that stopped half-way) are linked as new ones too.
        rows = [...rows, ...(await linkageRows(this.p.db, 'person', { unassignedOnly: true }))];
        rows = [...rows, ...(await candidateRows(this.p.db, rows))];
      }
      lap('load');
      const linked = linkPersons(rows, this.p.cipher, decisions, { model });
      // Each record's file before this run; a first load's records have none.
      const previous = new Map(held ? [] : rows.map((r) => [Number(r.id), r.entity_id] as [number, string | null]));
      const attached = incremental ? attachOnly(linked.clusters, previous) : { clusters: linked.clusters, bridges: 0 };
      lap('link');

      const a = assignEntities(attached.clusters, previous);
      const touched = new Set<string>(sync.touched);
      const prepared = new Map<string, Promise<unknown>>();
      const changes = held
        ? await storeFirstLoad(this.p, { runId, districtCode: district, rows: held.rows, assignment: a, sources: this.sources, reasonOf: (k) => reasonOf(k, runId, mode), afterCopy: (files) => this.startWhileStoring({ rows: held.rows, files, districtCode: district }, prepared) })
        : await this.store(a, previous, waiting, touched, district, runId, mode, bulk);
      lap('assign');

      // Entities whose records did not change keep their golden record: the same records give the same answer.
      const mergedAway = new Set(changes.filter((c) => c.kind === 'merged' && c.other).map((c) => c.other!));
      await refreshGolden(this.p.db, [...touched].filter((e) => !mergedAway.has(e)), this.sources);
      const enterpriseIds = await this.p.db.selectFrom('identity_entity').select('id').where('kind', '=', 'enterprise').where('status', '=', 'active').execute();
      if (ent.inserted) await refreshGolden(this.p.db, enterpriseIds.map((e) => e.id), this.sources);
      if (!firstLoad && (bulk || changes.length > 20_000)) await sql`ANALYZE identity_entity`.execute(this.p.db);
      lap('golden');
      const queued = await queueUncertain(this.p.db, linked.uncertain);
      lap('review');

      const products: Record<string, unknown> = {};
      for (const a of this.after) {
        products[a.name] = await a.fn(runId, incremental && !firstLoad ? [...touched] : null, await prepared.get(a.name));
        lap(a.name);
      }

      const count = (k: string) => changes.filter((c) => c.kind === k).length;
      const active = await this.p.db.selectFrom('identity_entity').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'person').where('status', '=', 'active').executeTakeFirstOrThrow();
      const summary: ResolveSummary = {
        run: runId,
        mode: incremental ? 'incremental' : 'full',
        records: { inserted: sync.inserted, retired: sync.retired, linked: rows.length },
        entities: { created: count('created'), merged: count('merged'), split: count('split'), moved: count('moved'), active: Number(active.n) },
        enterprises: { inserted: ent.inserted, created: ent.created },
        review: { queued },
        products,
        missingSources: sync.missing,
        report: { ...linked.report, fileBridges: attached.bridges, modelReused: incremental },
        phases,
        seconds: Math.round((performance.now() - t0) / 100) / 10,
      };
      await this.p.db.updateTable('identity_run').set({ status: 'succeeded', stats: JSON.stringify(summary), model: linked.model == null ? null : JSON.stringify(linked.model), watermarks: JSON.stringify(watermarks), finished_at: new Date() }).where('id', '=', runId).execute();
      return summary;
    } catch (e) {
      await this.p.db.updateTable('identity_run').set({ status: 'failed', error: (e as Error).message.slice(0, 2000), finished_at: new Date() }).where('id', '=', runId).execute();
      throw e;
    }
  }

  /**
   * Writes an assignment over files that exist: new files, records that changed file, merges, the
   * history; `waiting` records are stored with their file. Adds to `touched` the files that gained
   * or lost records.
   */
  private async store(a: Assignment, previous: ReadonlyMap<number, string | null>, waiting: ReadonlySet<number>, touched: Set<string>, district: string, runId: number, mode: string, bulk: boolean) {
    const placeholders = [...a.entities].filter((e) => e.startsWith('new:')).sort((x, y) => Number(x.slice(4)) - Number(y.slice(4)));
    const fresh = await createEntities(this.p.db, 'person', district, placeholders.length);
    const real = new Map(placeholders.map((ph, i) => [ph, fresh[i]]));
    const idOf = (e: string) => real.get(e) ?? e;
    const moved: Array<[number, string]> = [];
    const arrived: Array<[number, string]> = [];
    for (const [r, e] of a.entityOf) {
      if (waiting.has(r)) arrived.push([r, idOf(e)]);
      else if (previous.get(r) !== idOf(e)) moved.push([r, idOf(e)]);
    }
    if (waiting.size) await storeWaiting(this.p.database, runId, arrived);
    await moveRecords(this.p.database, runId, moved);
    for (const [, e] of arrived) touched.add(e);
    const changes = a.changes.map((c) => ({ ...c, entity: idOf(c.entity), reason: reasonOf(c.kind, runId, mode) }));
    for (const c of changes) if (c.kind === 'merged' && c.other) await markMerged(this.p.db, c.other, c.entity);
    await recordChanges(this.p.db, runId, changes);
    if (bulk || changes.length > 20_000) await sql`ANALYZE identity_record, identity_entity`.execute(this.p.db);

    for (const [, e] of moved) touched.add(e);
    for (const c of changes) if (c.other) touched.add(c.other);
    return changes;
  }

  /** Starts each hook's `whileStoring` step; each is awaited later, and marked handled now so a failure meanwhile is not an unhandled rejection. */
  private startWhileStoring(held: HeldResolution, into: Map<string, Promise<unknown>>): void {
    for (const h of this.after) {
      const pending = h.whileStoring?.(held);
      if (pending) into.set(h.name, (pending.catch(() => undefined), pending));
    }
  }

  private async decisions(): Promise<LinkDecisions> {
    const rows = await this.p.db.selectFrom('identity_review').select(['record_a', 'record_b', 'status']).where('status', '<>', 'open').execute();
    return {
      same: rows.filter((r) => r.status === 'same').map((r) => [Number(r.record_a), Number(r.record_b)]),
      different: rows.filter((r) => r.status === 'different').map((r) => [Number(r.record_a), Number(r.record_b)]),
    };
  }

}

function reasonOf(kind: string, run: number, mode: string): string {
  const what: Record<string, string> = {
    created: 'new records matched no existing file',
    merged: 'records of both files linked above the match threshold',
    split: 'records no longer linked strongly enough to the rest of their file',
    moved: 'records linked more strongly to another file',
  };
  return `${what[kind] ?? kind} (run ${run}, ${mode})`;
}
