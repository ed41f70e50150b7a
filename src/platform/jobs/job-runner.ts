import { randomUUID } from 'node:crypto';
import type { EventBus } from '../bus/event-bus.js';
import type { Db } from '../db/transaction.js';
import { NotFound } from '../errors.js';
import { claimNext, findJob, insertJob, listJobs, patchJob, recoverStale } from './jobs.store.js';
import { isoOrNull } from '../db/column-types.js';

export interface JobContext<P = Record<string, unknown>, C = Record<string, unknown>> {
  readonly id: string;
  readonly params: P;
  /** What the last run saved, when this run resumes an interrupted one. */
  readonly checkpoint: C | null;
  readonly attempt: number;
  /** Reports progress; cheap to call often (writes are throttled). */
  progress(done: number, total?: number | null, message?: string): Promise<void>;
  /** Saves where to resume from; call after each durable step. */
  saveCheckpoint(checkpoint: C): Promise<void>;
}

export type JobHandler<P = any, C = any, R = unknown> = (ctx: JobContext<P, C>) => Promise<R>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface JobView {
  id: string;
  kind: string;
  title: string;
  status: string;
  done: number;
  total: number | null;
  message: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  result: unknown;
}

type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;
const iso = isoOrNull;

export function jobView(r: JobRow): JobView {
  return {
    id: r.id, kind: r.kind, title: r.title, status: r.status, done: Number(r.done), total: r.total == null ? null : Number(r.total),
    message: r.message, createdBy: r.created_by, createdAt: iso(r.created_at)!, startedAt: iso(r.started_at), finishedAt: iso(r.finished_at),
    error: r.error, result: r.result,
  };
}

const HEARTBEAT_MS = 5_000;
const STALE_SECONDS = 30;

/**
 * Durable jobs in the `job` table. Handlers checkpoint their progress; a job cut off by a crash is
 * found by its stale heartbeat and queued again with its checkpoint, so it resumes instead of
 * starting over (or restarts cleanly when the handler saved none).
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly worker = `w-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private active = 0;
  private stopped = true;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly concurrency = 1,
  ) {}

  register<P, C, R>(kind: string, handler: JobHandler<P, C, R>): void {
    this.handlers.set(kind, handler as JobHandler);
  }

  async enqueue(kind: string, title: string, params: Record<string, unknown>, createdBy: string | null): Promise<JobView> {
    if (!this.handlers.has(kind)) throw new Error(`no job handler for ${kind}`);
    const row = await insertJob(this.db, { kind, title, params, created_by: createdBy });
    const view = jobView(row);
    this.bus.publish('job.changed', view);
    this.poke();
    return view;
  }

  async get(id: string): Promise<JobView> {
    const r = /^[0-9a-f-]{36}$/i.test(id) ? await findJob(this.db, id) : undefined;
    if (!r) throw new NotFound('任务不存在 (no such job)');
    return jobView(r);
  }

  async list(page: number, pageSize: number) {
    const { items, total } = await listJobs(this.db, (page - 1) * pageSize, pageSize);
    return { items: items.map(jobView), total };
  }

  /** Starts polling for queued jobs after recovering any that a crashed process left running. */
  async start(pollMs = 1000): Promise<void> {
    // Two missed heartbeats: long enough not to steal from another live server on the same database.
    await this.recover((HEARTBEAT_MS * 2) / 1000);
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      void this.recover(STALE_SECONDS).catch(() => undefined);
      this.poke();
      this.timer = setTimeout(tick, pollMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle;
  }

  /** Waits until the job has finished (for the CLI, which runs jobs in its own process). */
  async waitFor(id: string, onChange?: (j: JobView) => void): Promise<JobView> {
    const ended = (j: JobView) => j.status === 'succeeded' || j.status === 'failed' || j.status === 'cancelled';
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (j: JobView) => {
        if (settled) return;
        settled = true;
        off();
        resolve(j);
      };
      const off = this.bus.subscribe<JobView>('job.changed', (j) => {
        if (j.id !== id) return;
        onChange?.(j);
        if (ended(j)) finish(j);
      });
      // A job that ended before the subscription (a fast job, a busy machine) sends no more changes.
      this.get(id).then((j) => {
        if (j && ended(j)) finish(j);
      }, (e: Error) => {
        if (!settled) reject(e);
      });
    });
  }

  private async recover(staleSeconds: number) {
    const r = await recoverStale(this.db, staleSeconds);
    for (const id of [...r.requeued, ...r.failed]) this.bus.publish('job.changed', await this.get(id));
  }

  private poke(): void {
    if (this.stopped) return;
    while (this.active < this.concurrency) {
      this.active++;
      const run = this.runOne().finally(() => {
        this.active--;
      });
      this.idle = Promise.all([this.idle, run]).then(() => undefined);
      break;
    }
  }

  private async runOne(): Promise<void> {
    const row = await claimNext(this.db, [...this.handlers.keys()], this.worker).catch(() => undefined);
    if (!row) return;
    const handler = this.handlers.get(row.kind)!;
    const publish = (r: JobRow | undefined) => r && this.bus.publish('job.changed', jobView(r));
    publish(row);
    let lastWrite = 0;
    const beat = setInterval(() => void patchJob(this.db, row.id, { heartbeat_at: new Date() }).catch(() => undefined), HEARTBEAT_MS);
    const ctx: JobContext = {
      id: row.id,
      params: row.params,
      checkpoint: row.checkpoint,
      attempt: row.attempts,
      progress: async (done, total, message) => {
        const now = Date.now();
        if (now - lastWrite < 250 && done !== total) return;
        lastWrite = now;
        publish(await patchJob(this.db, row.id, { done, ...(total !== undefined ? { total } : {}), ...(message !== undefined ? { message } : {}), heartbeat_at: new Date() }));
      },
      saveCheckpoint: async (checkpoint) => {
        await patchJob(this.db, row.id, { checkpoint: JSON.stringify(checkpoint), heartbeat_at: new Date() });
      },
    };
    try {
      const result = await handler(ctx);
      publish(await patchJob(this.db, row.id, { status: 'succeeded', finished_at: new Date(), locked_by: null, result: JSON.stringify(result ?? null) }));
    } catch (err) {
      const message = (err as Error).message?.slice(0, 2000) ?? String(err);
      const retry = row.attempts < row.max_attempts && !(err as { permanent?: boolean }).permanent;
      publish(
        await patchJob(this.db, row.id, retry
          ? { status: 'queued', locked_by: null, error: message, run_after: new Date(Date.now() + 2000 * row.attempts) }
          : { status: 'failed', locked_by: null, error: message, finished_at: new Date() }),
      );
    } finally {
      clearInterval(beat);
      this.poke();
    }
  }
}
