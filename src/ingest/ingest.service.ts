import type { Principal } from '../platform/auth/principal.js';
import { can } from '../platform/auth/principal.js';
import type { JobContext } from '../platform/jobs/job-runner.js';
import { Conflict, Forbidden, NotFound } from '../platform/errors.js';
import type { Platform } from '../platform/platform.js';
import type { CatalogService, DatasetRow } from './catalog.service.js';
import { displayName, runBatch, type BatchFile, type BatchSummary } from './pipeline/batch-runner.js';
import { publishBatch } from './pipeline/publish.js';
import { discardHeldBatch } from './pipeline/held-batches.js';
import { clearBatchWork, reclaimStagedSpace } from './pipeline/stage.store.js';
import { SourceFileError } from './readers/index.js';
import { DomainError } from '../platform/errors.js';

export const INGEST_JOB = 'ingest.file';

export interface IngestJobParams extends BatchFile {
  batchId: number;
  datasetId: number;
}

/** Ingest batches: start, run (as durable jobs), publish or discard held ones. */
export class IngestService {
  constructor(
    private readonly p: Platform,
    private readonly catalog: CatalogService,
  ) {
    p.jobs.register<IngestJobParams, Record<string, unknown>, BatchSummary>(INGEST_JOB, (ctx) => this.runJob(ctx));
  }

  /** Who may load data into a dataset: stewards district-wide, a department's clients for their own. */
  assertCanIngest(actor: Principal, dataset: DatasetRow): void {
    if (!can(actor, 'ingest.write')) throw new Forbidden('无权导入数据 (forbidden: ingest.write)', 'forbidden', { permission: 'ingest.write', target: `dataset:${dataset.name}` });
    if (actor.scope.kind === 'department' ? actor.scope.code !== dataset.department_code : actor.scope.kind !== 'district') {
      throw new Forbidden('只能导入本部门的数据集 (only your own department’s datasets)', 'out_of_scope', { target: `dataset:${dataset.name}` });
    }
  }

  private async createBatch(dataset: DatasetRow, file: BatchFile, actor: Principal, source: string): Promise<number> {
    const batch = await this.p.db
      .insertInto('ingest_batch')
      .values({ dataset_id: dataset.id, status: 'running', source, file_name: displayName(file), dataset_version: dataset.version, created_by: actor.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.p.audit.record({ actor: actor.name, action: 'ingest.start', target: `dataset:${dataset.name}`, detail: { batch: Number(batch.id), file: file.fileName ?? null, source } });
    return Number(batch.id);
  }

  /**
   * Runs a batch in the caller's own job (the demo loader ingests several files in one job, and a
   * job cannot wait for another on a one-worker runner).
   */
  async runNow(datasetName: string, file: BatchFile, actor: Principal, source: string, progress: (done: number, total: number | null) => Promise<void> = async () => undefined): Promise<BatchSummary> {
    const dataset = await this.catalog.get(datasetName);
    this.assertCanIngest(actor, dataset);
    const batchId = await this.createBatch(dataset, file, actor, source);
    try {
      return await this.audited(dataset, await runBatch(this.p, dataset, batchId, file, progress), actor.name);
    } catch (err) {
      await this.fail(batchId, err);
      throw err;
    }
  }

  /** Held batches a snapshot discarded by superseding them are recorded as its starter's act. */
  private async audited(dataset: DatasetRow, summary: BatchSummary, actor: string): Promise<BatchSummary> {
    if (summary.superseded.length) {
      await this.p.audit.record({ actor, action: 'ingest.supersede', target: `dataset:${dataset.name}`, detail: { batch: summary.batch, superseded: summary.superseded } });
    }
    return summary;
  }

  private async fail(batchId: number, err: unknown): Promise<string> {
    const message = err instanceof DomainError ? `${err.message}${err.fields ? ` ${JSON.stringify(err.fields)}` : ''}` : (err as Error).message;
    await clearBatchWork(this.p.db, batchId);
    await this.p.db.updateTable('ingest_batch').set({ status: 'failed', error: message.slice(0, 2000), finished_at: new Date() }).where('id', '=', batchId).execute();
    await reclaimStagedSpace(this.p.database);
    return message;
  }

  /** Creates the batch and queues its job; the job id lets callers follow progress. */
  async start(datasetName: string, file: BatchFile, actor: Principal, source: string) {
    const dataset = await this.catalog.get(datasetName);
    this.assertCanIngest(actor, dataset);
    const batchId = await this.createBatch(dataset, file, actor, source);
    const job = await this.p.jobs.enqueue(INGEST_JOB, `导入 ${dataset.name} ← ${displayName(file)}`, { ...file, batchId, datasetId: dataset.id }, actor.name);
    await this.p.db.updateTable('ingest_batch').set({ job_id: job.id }).where('id', '=', batchId).execute();
    return { batch: batchId, job: job.id };
  }

  private async runJob(ctx: JobContext<IngestJobParams>): Promise<BatchSummary> {
    const { batchId, datasetId } = ctx.params;
    const dataset = await this.p.db.selectFrom('dataset').selectAll().where('id', '=', datasetId).executeTakeFirstOrThrow();
    await this.p.db.updateTable('ingest_batch').set({ status: 'running', error: null }).where('id', '=', batchId).execute();
    try {
      const summary = await runBatch(this.p, dataset, batchId, ctx.params, (done, total) => ctx.progress(done, total, 'bytes'));
      const started = await this.p.db.selectFrom('ingest_batch').select('created_by').where('id', '=', batchId).executeTakeFirstOrThrow();
      return await this.audited(dataset, summary, started.created_by ?? 'system');
    } catch (err) {
      const message = await this.fail(batchId, err);
      // A file that is wrong stays wrong: no retry for those.
      throw Object.assign(new Error(message), { permanent: err instanceof DomainError || err instanceof SourceFileError });
    }
  }

  async publishHeld(batchId: number, actor: Principal) {
    const b = await this.heldBatch(batchId, actor);
    const counts = await publishBatch(this.p.db, b.dataset.id, b.dataset.district_code, batchId, b.batch.mode ?? b.dataset.mode, { settle: (tx) => this.p.database.settleWal(tx), held: true });
    await reclaimStagedSpace(this.p.database);
    await this.p.audit.record({ actor: actor.name, action: 'ingest.publish_held', target: `dataset:${b.dataset.name}`, detail: { batch: batchId, ...counts } });
    return counts;
  }

  async discardHeld(batchId: number, actor: Principal) {
    const b = await this.heldBatch(batchId, actor);
    if (!(await discardHeldBatch(this.p.db, b.dataset.id, batchId))) throw notHeld('published or discarded meanwhile');
    await reclaimStagedSpace(this.p.database);
    await this.p.audit.record({ actor: actor.name, action: 'ingest.discard', target: `dataset:${b.dataset.name}`, detail: { batch: batchId } });
  }

  private async heldBatch(batchId: number, actor: Principal) {
    const batch = await this.p.db.selectFrom('ingest_batch').selectAll().where('id', '=', batchId).executeTakeFirst();
    if (!batch) throw new NotFound('批次不存在 (no such batch)');
    const dataset = await this.p.db.selectFrom('dataset').selectAll().where('id', '=', batch.dataset_id).executeTakeFirstOrThrow();
    this.assertCanIngest(actor, dataset);
    if (batch.status !== 'held') throw notHeld(batch.status);
    return { batch, dataset };
  }
}

function notHeld(status: string): Conflict {
  return new Conflict(`批次状态为 ${status}，不是待审核 (batch is ${status}, not held)`, 'not_held');
}
