import type { EventBus } from '../platform/bus/event-bus.js';
import type { Outbox } from '../platform/bus/outbox.js';
import type { PersonalDataCipher } from '../platform/crypto/index.js';
import { sql } from 'kysely';
import { insertJsonRows } from '../platform/db/json-rows.js';
import type { Db, Executor } from '../platform/db/transaction.js';
import type { CasePlace } from './access.js';
import { unitRegion, type Unit } from './case-model.js';
import type { SmsSender } from './sms-sender.js';

export const SMS_TOPIC = 'dispatch.sms';
export const FEED_TOPIC = 'dispatch.feed';

/** One item of the live feed, as the SSE stream sends it. */
export interface FeedItem {
  id: number;
  caseId: string;
  kind: string;
  text: string;
  unit: Unit;
  at: string;
  place: CasePlace;
}

/** A notification of one case to its units: a feed item each, and texts when `sms`. */
export interface Notice {
  caseId: string;
  kind: string;
  text: string;
  units: Unit[];
  place: CasePlace;
  sms: boolean;
  assignee: string | null;
}

interface Reachable {
  username: string;
  role: string;
  scope_kind: string;
  scope_code: string;
}

/** Users who can get a text (unlocked, with a phone), by name. */
async function reachableUsers(db: Executor): Promise<Reachable[]> {
  return db.selectFrom('app_user').select(['username', 'role', 'scope_kind', 'scope_code']).where('locked', '=', false).where('phone_enc', 'is not', null).orderBy('username').execute();
}

/** The users an SMS about a unit goes to: those scoped to it (a grid: its assignee, or its village's grid workers). */
function recipients(users: Reachable[], unit: Unit, assignee: string | null): string[] {
  let match: (u: Reachable) => boolean;
  if (unit.kind === 'grid' && assignee) match = (u) => u.username === assignee;
  else if (unit.kind === 'grid') match = (u) => u.role === 'grid_worker' && u.scope_kind === 'village' && u.scope_code === unit.code.slice(0, 12);
  else if (unit.kind === 'department') match = (u) => u.scope_kind === 'department' && u.scope_code === unit.code;
  else {
    const region = unitRegion(unit)!;
    const kind = unit.kind === 'village' ? 'village' : unit.kind === 'command_centre' ? 'town' : 'district';
    // A district's users are many; only those who command (the centre's operators, leaders) get texts.
    const commands = (u: Reachable) => kind !== 'district' || ['admin', 'leader', 'town_operator'].includes(u.role);
    match = (u) => u.scope_kind === kind && u.scope_code === region && commands(u);
  }
  return users.filter(match).map((u) => u.username);
}

/**
 * Notifications of a case's units. Each is a row written in the transition's own transaction: the
 * feed item is pushed to open consoles right after commit (and replayed from the table to a
 * console that reconnects), and each SMS is an outbox message, so a crash cannot lose it and a
 * failing provider is retried with backoff.
 */
export class Notifier {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly bus: EventBus,
    private readonly cipher: PersonalDataCipher,
    private sender: SmsSender,
  ) {}

  /** Swaps the SMS channel (a provider adapter; tests use a failing one). */
  useSender(sender: SmsSender): void {
    this.sender = sender;
  }

  async record(tx: Executor, n: Notice): Promise<FeedItem[]> {
    return this.recordMany(tx, [n]);
  }

  /** Several notices in a few statements, whatever their number (a batch of new cases). */
  async recordMany(tx: Executor, notices: Notice[]): Promise<FeedItem[]> {
    const feed = notices.flatMap((n) => n.units.map((unit) => ({ n, unit })));
    if (feed.length === 0) return [];
    const values = feed.map(({ n, unit }) => ({ case_id: n.caseId, kind: n.kind, channel: 'feed', unit_kind: unit.kind, unit_code: unit.code, recipient: null, text: n.text, scope: n.place, sent_at: new Date() }));
    const rows = (await insertJsonRows('dispatch_notification', values, sql`RETURNING id, created_at`).execute(tx)).rows as Array<{ id: number; created_at: Date }>;
    // Ids are drawn in the order of the VALUES list, so sorted ids line up with `feed`.
    rows.sort((a, b) => Number(a.id) - Number(b.id));
    const items = feed.map(({ n, unit }, i) => ({ id: Number(rows[i].id), caseId: n.caseId, kind: n.kind, text: n.text, unit, at: new Date(rows[i].created_at).toISOString(), place: n.place }));

    const texting = feed.filter(({ n }) => n.sms);
    if (texting.length === 0) return items;
    const users = await reachableUsers(tx);
    const sms = texting.flatMap(({ n, unit }) => recipients(users, unit, n.assignee).map((username) => ({ case_id: n.caseId, kind: n.kind, channel: 'sms', unit_kind: unit.kind, unit_code: unit.code, recipient: username, text: n.text, scope: n.place })));
    if (sms.length === 0) return items;
    const ids = (await insertJsonRows('dispatch_notification', sms, sql`RETURNING id`).execute(tx)).rows as Array<{ id: number }>;
    await this.outbox.addMany(tx, SMS_TOPIC, ids.map((r) => Number(r.id)).sort((a, b) => a - b).map((notificationId) => ({ notificationId })));
    return items;
  }

  /** Pushes committed feed items to the consoles that are open now. */
  publish(items: FeedItem[]): void {
    for (const item of items) this.bus.publish(FEED_TOPIC, item);
  }

  /** Outbox handler: sends one SMS once; a failure is counted and rethrown so the outbox backs off and retries. */
  async deliverSms(payload: unknown): Promise<void> {
    const id = (payload as { notificationId?: number }).notificationId;
    if (typeof id !== 'number') return;
    const n = await this.db.selectFrom('dispatch_notification').select(['id', 'recipient', 'text', 'sent_at', 'attempts']).where('id', '=', id).executeTakeFirst();
    if (!n || n.sent_at || !n.recipient) return;
    const user = await this.db.selectFrom('app_user').select('phone_enc').where('username', '=', n.recipient).executeTakeFirst();
    if (!user?.phone_enc) {
      await this.db.updateTable('dispatch_notification').set({ last_error: 'recipient has no phone', sent_at: null, attempts: n.attempts + 1 }).where('id', '=', id).execute();
      return;
    }
    try {
      await this.sender.send(this.cipher.decrypt(user.phone_enc), n.text);
    } catch (e) {
      await this.db.updateTable('dispatch_notification').set({ attempts: n.attempts + 1, last_error: (e as Error).message.slice(0, 500) }).where('id', '=', id).execute();
      throw e;
    }
    await this.db.updateTable('dispatch_notification').set({ attempts: n.attempts + 1, sent_at: new Date(), last_error: null }).where('id', '=', id).execute();
  }

  /** Feed items after `afterId` (a reconnecting console's Last-Event-ID), oldest first. */
  async feedSince(afterId: number, limit = 200): Promise<FeedItem[]> {
    const rows = await this.db.selectFrom('dispatch_notification').selectAll().where('channel', '=', 'feed').where('id', '>', afterId).orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ id: Number(r.id), caseId: r.case_id, kind: r.kind, text: r.text, unit: { kind: r.unit_kind, code: r.unit_code }, at: new Date(r.created_at).toISOString(), place: r.scope as unknown as CasePlace }));
  }
}
