import { sql, type RawBuilder } from 'kysely';
import type { Db, Executor } from '../db/transaction.js';

export interface MessageMeta {
  id: number;
  topic: string;
  attempts: number;
}
export type DurableHandler = (payload: unknown, meta: MessageMeta) => Promise<void>;
/** Takes several messages at once, in id order; all or none of them count as delivered. */
export type BatchHandler = (messages: Array<{ payload: unknown; meta: MessageMeta }>) => Promise<void>;

interface Subscription {
  name: string;
  topics: string[];
  handler?: DurableHandler;
  batch?: BatchHandler;
}

interface Row {
  id: number;
  topic: string;
  payload: unknown;
  attempts: number;
  delivered_to: string[];
}

const BATCH = 500;
const MAX_BACKOFF_MS = 10 * 60_000;
const GATHER_MS = 25;

/**
 * Transactional outbox. A module writes a message in the same transaction as the change it
 * announces (`add(tx, …)`), so the message exists if and only if the change committed. The relay
 * then delivers it to each named durable subscriber at least once, retrying with exponential
 * backoff and remembering which subscribers already succeeded, across crashes and restarts; once
 * all have it, the message is deleted (the table is a queue, not a log). Subscribers must
 * therefore be idempotent.
 */
export class Outbox {
  private readonly subs: Subscription[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly onError: (msg: string) => void = () => undefined,
  ) {}

  async add(tx: Executor, topic: string, payload: unknown): Promise<number> {
    const r = await tx.insertInto('outbox').values({ topic, payload: JSON.stringify(payload) }).returning('id').executeTakeFirstOrThrow();
    this.kick();
    return Number(r.id);
  }

  /** Several messages of one topic in one statement. */
  async addMany(tx: Executor, topic: string, payloads: unknown[]): Promise<void> {
    if (payloads.length === 0) return;
    await this.insertSql(payloads.map((payload) => ({ topic, payload }))).execute(tx);
    this.kick();
  }

  /**
   * The INSERT of several messages (a batch's, in order), for a caller that runs it inside its own
   * statement as a data-modifying CTE, which saves a round trip per batch. The messages travel as
   * one JSON parameter, so the statement's text is the same for any number of them. Call `written()` after the statement ran,
   * as `add` wakes the relay after its insert.
   */
  insertSql(messages: Array<{ topic: string; payload: unknown }>): RawBuilder<unknown> {
    return sql`INSERT INTO outbox (topic, payload)
      SELECT m->>'topic', m->'payload' FROM json_array_elements(${JSON.stringify(messages)}::json) WITH ORDINALITY AS t(m, n) ORDER BY n`;
  }

  /** Wakes the relay after messages were written with `insertSql`. */
  written(): void {
    this.kick();
  }

  subscribe(topic: string, name: string, handler: DurableHandler): void {
    this.register({ name, topics: [topic], handler });
  }

  /**
   * A subscriber that takes what is due in one call (up to a relay pass's worth), for consumers
   * whose cost is per transaction rather than per message. Messages of all its topics come in id
   * order. If the call fails, each message is retried alone, so one bad message is backed off
   * without holding back the rest.
   */
  subscribeBatch(topics: string[], name: string, batch: BatchHandler): void {
    this.register({ name, topics, batch });
  }

  private register(sub: Subscription): void {
    if (this.subs.some((s) => s.name === sub.name && s.topics.some((t) => sub.topics.includes(t)))) throw new Error(`duplicate outbox subscriber ${sub.name} on ${sub.topics.join(', ')}`);
    this.subs.push(sub);
  }

  start(intervalMs = 500): void {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      await this.drain().catch((e) => this.onError(`outbox relay: ${(e as Error).message}`));
      if (!this.stopped) this.timer = setTimeout(loop, intervalMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Delivers everything due now; returns when none is left or all remaining are backing off. */
  drain(): Promise<void> {
    this.running ??= (async () => {
      // A message added while a pass runs (often by a subscriber) gets another pass now, not at the
      // next poll. While messages keep coming (a busy intake) a small pass is followed by a short wait,
      // so the next one takes what gathered meanwhile in one go: a batch subscriber's cost is per pass.
      for (;;) {
        this.again = false;
        const last = await this.deliverDue();
        if (!this.again || this.stopped) break;
        if (last < BATCH) await new Promise((r) => setTimeout(r, GATHER_MS));
      }
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else setImmediate(() => void this.drain().catch(() => undefined));
  }

  /** Delivers until less than a pass's worth is due; returns how many the last pass took. */
  private async deliverDue(): Promise<number> {
    for (;;) {
      const rows = (await this.db
        .selectFrom('outbox')
        .select(['id', 'topic', 'payload', 'attempts', 'delivered_to'])
        .where('available_at', '<=', sql<Date>`now()`)
        .orderBy('id')
        .limit(BATCH)
        .execute()) as Row[];
      if (rows.length === 0) return 0;
      await this.deliver(rows);
      if (rows.length < BATCH) return rows.length;
    }
  }

  /** Hands a pass's messages to each subscriber, then records every message's outcome in one statement. */
  private async deliver(rows: Row[]): Promise<void> {
    const done = new Map(rows.map((r) => [r.id, new Set(r.delivered_to)]));
    const failures = new Map<number, string>();
    const fail = (row: Row, s: Subscription, e: unknown) => {
      const failure = `${s.name}: ${(e as Error).message}`.slice(0, 1000);
      failures.set(row.id, failure);
      this.onError(`outbox message ${row.id} (${row.topic}) failed in ${failure}`);
    };
    for (const s of this.subs) {
      const due = rows.filter((r) => s.topics.some((t) => matches(t, r.topic)) && !done.get(r.id)!.has(s.name));
      if (due.length === 0) continue;
      const meta = (r: Row) => ({ id: Number(r.id), topic: r.topic, attempts: r.attempts });
      if (s.batch && due.length > 1) {
        try {
          await s.batch(due.map((r) => ({ payload: r.payload, meta: meta(r) })));
          for (const r of due) done.get(r.id)!.add(s.name);
          continue;
        } catch {
          // Falls through to one message at a time, which finds the failing one.
        }
      }
      for (const r of due) {
        try {
          if (s.batch) await s.batch([{ payload: r.payload, meta: meta(r) }]);
          else await s.handler!(r.payload, meta(r));
          done.get(r.id)!.add(s.name);
        } catch (e) {
          fail(r, s, e);
        }
      }
    }
    // A delivered message is deleted: nothing reads it again, and an UPDATE would write the whole
    // row (payload and all) once more and a new index entry, for every message, forever kept.
    const delivered = rows.filter((r) => !failures.has(r.id)).map((r) => Number(r.id));
    const outcomes = rows.filter((r) => failures.has(r.id)).map((r) => {
      const attempts = r.attempts + 1;
      const backoffMs = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 20));
      return { id: Number(r.id), delivered_to: [...done.get(r.id)!], attempts, last_error: failures.get(r.id)!, backoff_ms: backoffMs };
    });
    // Two statements, not one transaction: each is safe alone, and a crash between them only
    // delivers the failed messages again sooner (delivery is at least once).
    if (delivered.length) await sql`DELETE FROM outbox WHERE id = ANY(${`{${delivered.join(',')}}`}::bigint[])`.execute(this.db);
    if (outcomes.length) {
      await sql`UPDATE outbox AS o SET
          delivered_to = v.delivered_to, attempts = v.attempts, last_error = v.last_error,
          available_at = now() + make_interval(secs => v.backoff_ms / 1000.0)
        FROM json_to_recordset(${JSON.stringify(outcomes)}::json) AS v(id bigint, delivered_to jsonb, attempts integer, last_error text, backoff_ms integer)
        WHERE o.id = v.id`.execute(this.db);
    }
  }
}

function matches(pattern: string, topic: string): boolean {
  return pattern === topic || pattern === '*' || (pattern.endsWith('.*') && topic.startsWith(pattern.slice(0, -1)));
}
