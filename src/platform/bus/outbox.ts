import { sql, type RawBuilder } from 'kysely';
import type { Db, Executor } from '../db/transaction.js';

export type DurableHandler = (payload: unknown, meta: { id: number; topic: string; attempts: number }) => Promise<void>;

interface Subscription {
  name: string;
  topic: string;
  handler: DurableHandler;
}

const BATCH = 100;
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Transactional outbox. A module writes a message in the same transaction as the change it
 * announces (`add(tx, …)`), so the message exists if and only if the change committed. The relay
 * then delivers it to each named durable subscriber at least once, retrying with exponential
 * backoff and remembering which subscribers already succeeded, across crashes and restarts.
 * Subscribers must therefore be idempotent.
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
    if (this.subs.some((s) => s.name === name && s.topic === topic)) throw new Error(`duplicate outbox subscriber ${name} on ${topic}`);
    this.subs.push({ name, topic, handler });
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
      // A message added while a pass runs (often by a subscriber) gets another pass now, not at the next poll.
      do {
        this.again = false;
        await this.deliverDue();
      } while (this.again && !this.stopped);
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

  private async deliverDue(): Promise<void> {
    for (;;) {
      const rows = await this.db
        .selectFrom('outbox')
        .selectAll()
        .where('delivered_at', 'is', null)
        .where('available_at', '<=', sql<Date>`now()`)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) return;
      for (const row of rows) await this.deliver(row);
      if (rows.length < BATCH) return;
    }
  }

  private async deliver(row: { id: number; topic: string; payload: unknown; attempts: number; delivered_to: string[] }): Promise<void> {
    const done = new Set(row.delivered_to);
    const targets = this.subs.filter((s) => matches(s.topic, row.topic) && !done.has(s.name));
    let failure: string | null = null;
    for (const s of targets) {
      try {
        await s.handler(row.payload, { id: Number(row.id), topic: row.topic, attempts: row.attempts });
        done.add(s.name);
      } catch (e) {
        failure = `${s.name}: ${(e as Error).message}`.slice(0, 1000);
        this.onError(`outbox message ${row.id} (${row.topic}) failed in ${failure}`);
      }
    }
    const attempts = row.attempts + (failure ? 1 : 0);
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 20));
    await this.db
      .updateTable('outbox')
      .set({
        delivered_to: JSON.stringify([...done]),
        attempts,
        last_error: failure,
        delivered_at: failure ? null : new Date(),
        available_at: failure ? new Date(Date.now() + backoff) : new Date(),
      })
      .where('id', '=', row.id)
      .execute();
  }
}

function matches(pattern: string, topic: string): boolean {
  return pattern === topic || pattern === '*' || (pattern.endsWith('.*') && topic.startsWith(pattern.slice(0, -1)));
}
