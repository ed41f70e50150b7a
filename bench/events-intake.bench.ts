import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import pg from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventsOf } from '../src/events/events.module.js';
import type { PublishInput } from '../src/events/event-input.js';
import { allModules } from '../src/modules.js';
import { loadConfig } from '../src/platform/config.js';
import { openPlatform } from '../src/platform/platform.js';
import { linanDivisions } from '../src/platform/regions/divisions.js';
import { backendCpu, backendCpuSince, freshPgDatabase, percentile, saveResult } from './lib.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_EVENTS_CONCURRENCY ?? 32);
// A real intake has many clients at once (HTTP, MQTT gateways, Open311 apps); with more publishers
// than 32 the batches fill up, so the figure shows what the server sustains rather than how fast
// 32 clients can take turns.
const MANY = Number(process.env.BENCH_EVENTS_MANY ?? 128);
const OPEN_LOOP_IN_FLIGHT = 1024;
const OPEN_LOOP_RATE = Number(process.env.BENCH_EVENTS_RATE ?? 2000);
const OPEN_LOOP_RATE_PGLITE = Number(process.env.BENCH_EVENTS_RATE_PGLITE ?? 1200);
const CATEGORIES = ['road-damage', 'sanitation', 'illegal-parking', 'noise', 'device-alarm', 'illegal-construction', 'river-pollution', 'smoke-fire'];
const quiet = { info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };

/** A seeded stream of events: one in five repeats a recent one (same dedup key), the rest are spread over the district. */
function eventStream(seed: number) {
  const villages = linanDivisions().towns.flatMap((t) => t.villages.map((v) => v.code));
  let s = seed;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  let i = 0;
  return (): PublishInput => {
    i++;
    const repeat = rand() < 0.2;
    const n = repeat ? Math.max(1, i - Math.floor(rand() * 50)) : i;
    return {
      source: 'bench.video',
      category: CATEGORIES[n % CATEGORIES.length],
      title: `事件 ${n}`,
      description: '视频智能分析发现疑似事件',
      location: { lat: 30.0 + rand() * 0.4, lon: 118.9 + rand() * 1.0, regionCode: villages[n % villages.length] },
      subjects: [{ kind: 'camera', id: `330112000013200${String(n % 100000).padStart(5, '0')}` }],
      evidence: { facts: { confidence: 0.9, frame: n }, attachments: [] },
      dedupKey: repeat ? `${seed}:${n}` : `${seed}:${i}`,
    };
  };
}

/**
 * The machine's own ceiling, measured in the same run: plain transactions of one insert and five
 * trivial statements (the round trips one publish took before intake was batched; kept as it was so
 * that runs stay comparable) from the same number of clients. The bench machine is shared, so the
 * events figure is best read against this one.
 */
async function baselineTxPerSecond(url: string, concurrency: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query('CREATE TABLE tx_probe (id serial PRIMARY KEY, v text)');
  let n = 0;
  const end = performance.now() + 5000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const c = await pool.connect();
        await c.query('BEGIN');
        await c.query("INSERT INTO tx_probe (v) VALUES ('x')");
        for (let i = 0; i < 4; i++) await c.query('SELECT 1');
        await c.query('COMMIT');
        c.release();
        n++;
      }
    }),
  );
  await pool.end();
  return Math.round(n / 5);
}

/**
 * Whether routing kept up with an open-loop rate: the backlog's growth per second (least squares
 * over the samples after the first two seconds, while the queue settles). Kept up when it grows
 * by less than 2 % of the rate, and publishing kept the rate; a rate routing cannot follow grows
 * the backlog by the shortfall.
 */
function keepingUp(samples: number[], rate: number, published: number) {
  const ys = samples.slice(4);
  if (ys.length < 4) return { backlogGrowthPerSecond: null, keptUp: null };
  // Intake itself must keep up too: with every in-flight slot taken, publishes fall behind the rate.
  const xs = ys.map((_, i) => (i + 4) * 0.5);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return { backlogGrowthPerSecond: Math.round(slope), keptUp: slope < 0.02 * rate && published >= 0.98 * rate };
}

/** Checkpoints the PostgreSQL server has made so far (timed and requested). */
async function checkpoints(p: Awaited<ReturnType<typeof openPlatform>>): Promise<number> {
  const r = await sql<{ n: string }>`SELECT checkpoints_timed + checkpoints_req AS n FROM pg_stat_bgwriter`.execute(p.db);
  return Number(r.rows[0].n);
}

/** Messages the relay has not yet delivered to every subscriber (it deletes the delivered ones). */
async function backlog(p: Awaited<ReturnType<typeof openPlatform>>): Promise<number> {
  const r = await p.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * `rate`: open loop instead of `concurrency` publishers each waiting for its answer: events are
 * published at that many per second whatever the answers (at most `OPEN_LOOP_IN_FLIGHT` awaiting
 * one), with routing on, and the backlog is sampled while it runs. A rate is sustained when the
 * backlog stays bounded instead of growing with time.
 */
export async function run(engine: 'postgres' | 'pglite', concurrency: number, withBaseline = false, routing = false, rate?: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tianmu-bench-events-'));
  const db = engine === 'postgres' ? await freshPgDatabase('tianmu_bench_events') : null;
  const config = loadConfig({ TIANMU_DATA_DIR: dataDir, LOG_LEVEL: 'silent', TIANMU_DEMO: 'off', ...(db ? { DATABASE_URL: db.url } : {}) });
  const baseline = db && withBaseline ? await baselineTxPerSecond(db.url, concurrency) : null;
  const modules = allModules();
  const p = await openPlatform(config, { log: quiet, migrations: modules.flatMap((m) => (m.migrations ? [m.migrations] : [])) });
  try {
    for (const m of modules) await m.init?.(p);
    const hub = eventsOf(p).hub;
    const latencies: number[] = [];
    let merged = 0;
    let errors = 0;
    /** One publish, timed; a failure is counted (and the first one printed), not thrown. */
    const publishTimed = async (next: () => PublishInput) => {
      const s0 = performance.now();
      try {
        if ((await hub.publish(next())).merged) merged++;
        latencies.push(performance.now() - s0);
      } catch (e) {
        if (errors++ === 0) console.error(e);
      }
    };
    const worker = async (w: number) => {
      const next = eventStream(w + 1);
      const deadline = performance.now() + SECONDS * 1000;
      while (performance.now() < deadline) await publishTimed(next);
    };
    // Warm the caches (taxonomy, region codes) and the JIT so the figure is the steady state.
    await Promise.all(Array.from({ length: Math.max(concurrency, 32) }, (_, w) => hub.publish(eventStream(1000 + w)())));
    if (routing || rate) p.outbox.start(100);
    const pg0 = db ? await backendCpu(p.db) : null;
    const ck0 = db ? await checkpoints(p) : 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const samples: number[] = [];
    let launched = 0;
    if (rate) {
      const next = eventStream(1);
      const inFlight = new Set<Promise<void>>();
      const deadline = t0 + SECONDS * 1000;
      let nextSample = t0 + 500;
      let sampling: Promise<void> | null = null;
      for (let now = t0; now < deadline; now = performance.now()) {
        const due = Math.floor(((now - t0) / 1000) * rate);
        while (launched < due && inFlight.size < OPEN_LOOP_IN_FLIGHT) {
          const one: Promise<void> = publishTimed(next).finally(() => inFlight.delete(one));
          inFlight.add(one);
          launched++;
        }
        if (now >= nextSample && !sampling) {
          nextSample += 500;
          sampling = backlog(p).then((n) => void samples.push(n)).finally(() => (sampling = null));
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      await Promise.all(inFlight);
    } else await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
    const elapsed = (performance.now() - t0) / 1000;
    let routed: Record<string, number> = {};
    if (routing || rate) {
      // Sustained means routing keeps up: the rate counts the time dispatch needed after the last publish to clear what was left.
      const left = await backlog(p);
      const d0 = performance.now();
      while ((await backlog(p)) > 0 && performance.now() - d0 < 600_000) await new Promise((r) => setTimeout(r, 50));
      const drain = (performance.now() - d0) / 1000;
      const cases = await p.db.selectFrom('dispatch_case').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      routed = { backlogAtEnd: left, drainSeconds: Number(drain.toFixed(2)), casesRouted: Number(cases.n), sustainedEventsPerSecond: Math.round(latencies.length / (elapsed + drain)) };
    }
    // CPU per event, less sensitive than the rate to what else the shared machine is doing.
    const cpu = process.cpuUsage(cpu0);
    const pgCpu = db ? backendCpuSince(pg0, await backendCpu(p.db)) : null;
    // A checkpoint during a run makes the next change of every page write the whole page to the WAL.
    const checkpointsDuringRun = db ? (await checkpoints(p)) - ck0 : null;
    const perEvent = (s: number) => Number(((s * 1000) / latencies.length).toFixed(3));
    const cpuMsPerEvent = { node: perEvent((cpu.user + cpu.system) / 1e6), ...(pgCpu != null ? { postgres: perEvent(pgCpu) } : {}) };
    latencies.sort((a, b) => a - b);
    const outbox = await p.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return {
      concurrency,
      eventsPerSecond: Math.round(latencies.length / elapsed),
      events: latencies.length,
      mergedIntoOpenCases: merged,
      outboxMessages: Number(outbox.n),
      p50Ms: Number(percentile(latencies, 50).toFixed(2)),
      p99Ms: Number(percentile(latencies, 99).toFixed(2)),
      errors,
      cpuMsPerEvent,
      ...(checkpointsDuringRun != null ? { checkpointsDuringRun } : {}),
      ...routed,
      ...(rate ? { offeredPerSecond: rate, publishedPerSecond: Math.round(launched / elapsed), backlogSamplesEvery500ms: samples, backlogMax: Math.max(0, ...samples), ...keepingUp(samples, rate, launched / elapsed) } : {}),
      ...(baseline ? { baselinePlainTransactionsPerSecond: baseline } : {}),
    };
  } finally {
    await p.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Events through `eventsOf(p).hub.publish` (validation, advisory-locked dedup by key and by place,
 * event + case + outbox message in one transaction), in-process: `CONCURRENCY` publishers at once,
 * then `MANY`, each run on a fresh database.
 */
export async function benchEventsIntake(): Promise<void> {
  const postgres = await run('postgres', CONCURRENCY, true);
  const pglite = await run('pglite', CONCURRENCY);
  const many = { postgres: await run('postgres', MANY), pglite: await run('pglite', MANY) };
  const routing = { postgres: await run('postgres', CONCURRENCY, false, true), pglite: await run('pglite', CONCURRENCY, false, true) };
  const openLoop = { postgres: await run('postgres', 0, false, true, OPEN_LOOP_RATE), pglite: await run('pglite', 0, false, true, OPEN_LOOP_RATE_PGLITE) };
  saveResult('events-intake', {
    seconds: SECONDS,
    concurrency: CONCURRENCY,
    postgres,
    pglite,
    morePublishers: { concurrency: MANY, ...many },
    withRouting: routing,
    openLoopWithRouting: openLoop,
    targets: { postgresEventsPerSecond: 2000 },
    note: `in-process service calls, which group concurrent publishes into transactions of up to 64 events (2 at once on PostgreSQL, 1 on PGlite), two round trips per transaction; 1 in 5 events repeats a recent one; postgres and pglite with ${CONCURRENCY} publishers, morePublishers with ${MANY}; the baseline (plain transactions of one insert and five trivial statements, ${CONCURRENCY} clients) was measured in the same run; the outbox relay is not running in postgres, pglite and morePublishers; withRouting runs it (dispatch routes every new case, merges duplicates into open cases, tells the hub each status) and counts the time to clear the backlog left when publishing stopped; openLoopWithRouting publishes at a fixed rate (${OPEN_LOOP_RATE}/s on PostgreSQL, ${OPEN_LOOP_RATE_PGLITE}/s on PGlite) whatever the answers, samples the backlog every 500 ms and says whether intake and routing kept up (every event published at the rate, backlog growth under 2 % of it)`,
  });
}
