import { sql, type Updateable } from 'kysely';
import type { Executor } from '../db/transaction.js';
import type { JobTable } from '../tables.js';

export async function insertJob(db: Executor, j: { kind: string; title: string; params: unknown; created_by: string | null; max_attempts?: number }) {
  return db
    .insertInto('job')
    .values({ kind: j.kind, title: j.title, params: JSON.stringify(j.params ?? {}), status: 'queued', created_by: j.created_by, ...(j.max_attempts ? { max_attempts: j.max_attempts } : {}) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Takes the oldest due job of the given kinds; SKIP LOCKED lets several workers share the table. */
export async function claimNext(db: Executor, kinds: string[], worker: string) {
  if (kinds.length === 0) return undefined;
  const r = await sql<{ id: string }>`
    UPDATE job SET status = 'running', locked_by = ${worker}, attempts = attempts + 1,
      started_at = coalesce(started_at, now()), heartbeat_at = now(), error = NULL
    WHERE id = (
      SELECT id FROM job WHERE status = 'queued' AND run_after <= now() AND kind IN (${sql.join(kinds)})
      ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id`.execute(db);
  const id = r.rows[0]?.id;
  return id ? findJob(db, id) : undefined;
}

export async function findJob(db: Executor, id: string) {
  return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function patchJob(db: Executor, id: string, patch: Updateable<JobTable>) {
  return db.updateTable('job').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

/**
 * Jobs whose worker stopped beating (a crash or kill -9) go back to the queue with their checkpoint,
 * or fail once they have used their attempts.
 */
export async function recoverStale(db: Executor, staleSeconds: number) {
  // One statement, so a job cannot go stale (or be inserted stale) between a "requeue" pass and a
  // "fail" pass and be failed with attempts left: that race failed jobs under load.
  const r = await sql<{ id: string; status: 'queued' | 'failed' }>`
    UPDATE job SET
      status = CASE WHEN attempts < max_attempts THEN 'queued' ELSE 'failed' END,
      locked_by = NULL,
      message = CASE WHEN attempts < max_attempts THEN '已从中断处恢复 (resumed after interruption)' ELSE message END,
      error = CASE WHEN attempts < max_attempts THEN error ELSE '进程中断次数过多 (interrupted too many times)' END,
      finished_at = CASE WHEN attempts < max_attempts THEN finished_at ELSE now() END
    WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => ${staleSeconds})
    RETURNING id, status`.execute(db);
  return {
    requeued: r.rows.filter((x) => x.status === 'queued').map((x) => x.id),
    failed: r.rows.filter((x) => x.status === 'failed').map((x) => x.id),
  };
}

export async function listJobs(db: Executor, offset: number, limit: number) {
  const [items, total] = await Promise.all([
    db.selectFrom('job').selectAll().orderBy('created_at', 'desc').offset(offset).limit(limit).execute(),
    db.selectFrom('job').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
