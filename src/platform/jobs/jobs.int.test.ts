import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../bus/event-bus.js';
import { testEngines } from '../testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../testing/test-platform.js';
import { JobRunner } from './job-runner.js';
import { recoverStale } from './jobs.store.js';

describe.each(testEngines())('durable jobs on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
  });
  afterAll(() => t.close());

  it('runs a job to the end and records progress and result', async () => {
    const runner = new JobRunner(t.p.db, new EventBus());
    runner.register<{ n: number }, object, { sum: number }>('test.sum', async (ctx) => {
      let sum = 0;
      for (let i = 1; i <= ctx.params.n; i++) {
        sum += i;
        await ctx.progress(i, ctx.params.n);
      }
      return { sum };
    });
    await runner.start(50);
    const job = await runner.enqueue('test.sum', 'sum', { n: 10 }, 'tester');
    const end = await runner.waitFor(job.id);
    await runner.stop();
    expect(end).toMatchObject({ status: 'succeeded', done: 10, total: 10, result: { sum: 55 } });
  });

  it('resumes a job cut off by a crash from its checkpoint', async () => {
    // The state a kill -9 leaves behind: running, a checkpoint after step 3, a heartbeat that stopped.
    const job = await t.p.db
      .insertInto('job')
      .values({ kind: 'test.steps', title: 'steps', params: '{}', status: 'running', attempts: 1, checkpoint: JSON.stringify({ next: 4 }), heartbeat_at: new Date(Date.now() - 3600_000), locked_by: 'w-dead' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const steps: number[] = [];
    const restarted = new JobRunner(t.p.db, new EventBus());
    restarted.register<object, { next: number }, unknown>('test.steps', async (ctx) => {
      for (let i = ctx.checkpoint?.next ?? 1; i <= 6; i++) {
        steps.push(i);
        await ctx.saveCheckpoint({ next: i + 1 });
      }
      return { resumedAt: ctx.checkpoint?.next, attempt: ctx.attempt };
    });
    const done = restarted.waitFor(job.id);
    await restarted.start(50);
    const end = await done;
    await restarted.stop();
    expect(steps).toEqual([4, 5, 6]);
    expect(end).toMatchObject({ status: 'succeeded', result: { resumedAt: 4, attempt: 2 } });
  });

  it('leaves a job alone while its worker is still beating', async () => {
    const job = await t.p.db
      .insertInto('job')
      .values({ kind: 'test.other', title: 'busy elsewhere', params: '{}', status: 'running', attempts: 1, heartbeat_at: new Date(), locked_by: 'w-alive' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const runner = new JobRunner(t.p.db, new EventBus());
    runner.register('test.other', async () => ({}));
    await runner.start(50);
    await new Promise((r) => setTimeout(r, 200));
    await runner.stop();
    const row = await t.p.db.selectFrom('job').select(['status', 'locked_by']).where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'running', locked_by: 'w-alive' });
  });

  it('queues a stale job that has attempts left and fails only one that has used them, in one pass', async () => {
    const stale = new Date(Date.now() - 3600_000);
    const insert = (title: string, attempts: number, heartbeat: Date) => t.p.db
      .insertInto('job')
      .values({ kind: 'test.recover', title, params: '{}', status: 'running', attempts, heartbeat_at: heartbeat, locked_by: 'w-dead' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const left = await insert('attempts left', 2, stale);
    const used = await insert('attempts used', 3, stale);
    const live = await insert('still beating', 3, new Date());
    const r = await recoverStale(t.p.db, 30);
    expect(r.requeued).toContain(left.id);
    expect(r.failed).toContain(used.id);
    const rows = await t.p.db.selectFrom('job').select(['id', 'status', 'error', 'locked_by', 'finished_at']).where('kind', '=', 'test.recover').execute();
    const byId = new Map(rows.map((x) => [x.id, x]));
    expect(byId.get(left.id)).toMatchObject({ status: 'queued', error: null, locked_by: null, finished_at: null });
    expect(byId.get(used.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted too many times'), locked_by: null });
    expect(byId.get(used.id)!.finished_at).not.toBeNull();
    expect(byId.get(live.id)).toMatchObject({ status: 'running', locked_by: 'w-dead' });
  });

  it('retries a failing job and then marks it failed with the reason', async () => {
    const runner = new JobRunner(t.p.db, new EventBus());
    let calls = 0;
    runner.register('test.fail', async () => {
      calls++;
      throw Object.assign(new Error('source unreachable'), { permanent: calls >= 2 });
    });
    await runner.start(50);
    const job = await runner.enqueue('test.fail', 'fail', {}, null);
    await t.p.db.updateTable('job').set({ run_after: new Date() }).where('id', '=', job.id).execute();
    const end = await runner.waitFor(job.id);
    await runner.stop();
    expect(end).toMatchObject({ status: 'failed', error: 'source unreachable' });
    expect(calls).toBe(2);
  });

  it('streams job changes to the console over SSE', async () => {
    const admin = await t.login('admin');
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const ctrl = new AbortController();
    const res = await fetch(`${address}/api/jobs/stream`, { headers: { cookie: admin }, signal: ctrl.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    t.p.jobs.register('test.noop', async () => ({ ok: true }));
    await t.p.jobs.enqueue('test.noop', 'noop', {}, 'admin');
    let text = '';
    while (!text.includes('event: job')) text += new TextDecoder().decode((await reader.read()).value);
    ctrl.abort();
    expect(text).toContain('"kind":"test.noop"');
  });
});
