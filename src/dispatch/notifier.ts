import type { EventBus } from '../platform/bus/event-bus.js';
import type { Outbox } from '../platform/bus/outbox.js';
import type { PersonalDataCipher } from '../platform/crypto/index.js';
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

/** The users an SMS about a unit goes to: those scoped to it (a grid: its assignee, or its village's grid workers). */
async function recipients(db: Executor, unit: Unit, assignee: string | null): Promise<string[]> {
  let q = db.selectFrom('app_user').select('username').where('locked', '=', false).where('phone_enc', 'is not', null);
  if (unit.kind === 'grid' && assignee) q = q.where('username', '=', assignee);
  else if (unit.kind === 'grid') q = q.where('role', '=', 'grid_worker').where('scope_kind', '=', 'village').where('scope_code', '=', unit.code.slice(0, 12));
  else if (unit.kind === 'department') q = q.where('scope_kind', '=', 'department').where('scope_code', '=', unit.code);
  else {
    const region = unitRegion(unit)!;
    const kind = unit.kind === 'village' ? 'village' : unit.kind === 'command_centre' ? 'town' : 'district';
    q = q.where('scope_kind', '=', kind).where('scope_code', '=', region);
    // A district's users are many; only those who command (the centre's operators, leaders) get texts.
    if (kind === 'district') q = q.where('role', 'in', ['admin', 'leader', 'town_operator']);
  }
  return (await q.orderBy('username').execute()).map((r) => r.username);
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

  async record(tx: Executor, n: { caseId: string; kind: string; text: string; units: Unit[]; place: CasePlace; sms: boolean; assignee: string | null }): Promise<FeedItem[]> {
    const items: FeedItem[] = [];
    for (const unit of n.units) {
      const row = await tx
        .insertInto('dispatch_notification')
        .values({ case_id: n.caseId, kind: n.kind, channel: 'feed', unit_kind: unit.kind, unit_code: unit.code, recipient: null, text: n.text, scope: JSON.stringify(n.place), sent_at: new Date() })
        .returning(['id', 'created_at'])
        .executeTakeFirstOrThrow();
      items.push({ id: Number(row.id), caseId: n.caseId, kind: n.kind, text: n.text, unit, at: new Date(row.created_at).toISOString(), place: n.place });
      if (!n.sms) continue;
      for (const username of await recipients(tx, unit, n.assignee)) {
        const sms = await tx
          .insertInto('dispatch_notification')
          .values({ case_id: n.caseId, kind: n.kind, channel: 'sms', unit_kind: unit.kind, unit_code: unit.code, recipient: username, text: n.text, scope: JSON.stringify(n.place) })
          .returning('id')
          .executeTakeFirstOrThrow();
        await this.outbox.add(tx, SMS_TOPIC, { notificationId: Number(sms.id) });
      }
    }
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
