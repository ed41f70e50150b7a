import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Outbox } from '../platform/bus/outbox.js';
import type pg from 'pg';
import { inlineSql, withTwoTripTransaction, type Db, type Executor } from '../platform/db/transaction.js';
import * as store from './cases.store.js';
import { CASE_GREW, CASE_OPENED, type CaseGrew, type CaseOpened, type Severity } from './event-messages.js';
import type { ParsedEvent } from './event-input.js';
import { boundingBox, lockKey, neighbourhoodCells } from './geo.js';
import { planMerges, type Incoming, type OpenCase } from './merge-plan.js';
import type { EventCaseTable } from './tables.js';
import type { Category } from './taxonomy.service.js';

export interface PublishResult {
  eventId: string;
  caseId: string;
  /** True when the event joined an open case instead of opening one. */
  merged: boolean;
  count: number;
  severity: Severity;
}

/** An event that passed validation, with its category and place settled: all that storing it needs. */
export interface PreparedEvent {
  e: ParsedEvent;
  category: Category;
  where: Where;
  occurredAt: Date;
  severity: Severity;
  reporter: string | null;
  publishedBy: string | null;
}

export interface Where {
  lon: number | null;
  lat: number | null;
  regionCode: string | null;
  gridCode: string | null;
  address: string | null;
  districtCode: string;
}

/**
 * Stores a batch of events with three statements, whatever the batch's size: the advisory locks of
 * every name the batch could merge under; one lookup that locks the open cases it could join; and,
 * with the decisions made in memory as if the events came one after another, one statement writing
 * cases, events and outbox messages. Per-event statements were what bounded intake: each is a round
 * trip, with its CPU on both sides.
 */
export class IntakeWriter {
  constructor(
    private readonly outbox: Outbox,
    private readonly db: Db,
    private readonly pool: pg.Pool,
  ) {}

  /**
   * Stores the batch in a transaction of its own, in two round trips: BEGIN with the locks and the
   * lookup, then the write with COMMIT. On a loaded 2-core server a round trip costs about as much
   * CPU (system calls, waking the other side) as writing a few events.
   */
  async store(items: PreparedEvent[]): Promise<PublishResult[]> {
    const incoming = items.map(toIncoming);
    const { keys, near } = lookupOf(items, incoming);
    const lookup = store.openCasesSql(keys, near);
    const first = lookup ? [store.lockNamesSql(lockKeysOf(items)), inlineSql(lookup.compile(this.db))].filter((s) => s).join('; ') : null;
    const results = await withTwoTripTransaction(this.pool, first, (rows) => {
      const { write, results } = this.decide(items, incoming, (rows as store.CaseStateRow[]).map(store.toOpenCase));
      return { finish: inlineSql(store.writeBatchSql(write).compile(this.db)), result: results };
    });
    this.outbox.written();
    return results;
  }

  /** Stores the batch inside the caller's transaction, a statement at a time. */
  async write(tx: Executor, items: PreparedEvent[]): Promise<PublishResult[]> {
    // Every lock first, in key order (so two batches never deadlock), before anything is read.
    await store.lockNames(tx, lockKeysOf(items));
    const incoming = items.map(toIncoming);
    const { keys, near } = lookupOf(items, incoming);
    const { write, results } = this.decide(items, incoming, await store.lockOpenCasesFor(tx, keys, near));
    await store.writeBatch(tx, write);
    this.outbox.written();
    return results;
  }

  /** The batch's cases, events and messages, from the open cases it may join; no I/O. */
  private decide(items: PreparedEvent[], incoming: Incoming[], found: OpenCase[]): { write: store.BatchWrite; results: PublishResult[] } {
    const ids = items.map(() => ({ caseId: randomUUID(), eventId: randomUUID() }));
    const now = new Date();
    const plan = planMerges(incoming, found, ids.map((x) => x.caseId), now);
    // A case opened by this batch is written with its state after the whole batch (later events may join it).
    const openedState = new Map(plan.opened.map((c) => [c.id, c]));

    const cases: Insertable<EventCaseTable>[] = [];
    const events: store.EventRow[] = [];
    const messages: Array<{ topic: string; payload: CaseOpened | CaseGrew }> = [];
    const results = items.map((it, i): PublishResult => {
      const d = plan.decisions[i];
      const { eventId } = ids[i];
      const { e, category, where, occurredAt } = it;
      // Events of one case within a batch get distinct receipt times, so they list in publishing order.
      const receivedAt = new Date(now.getTime() + d.seq);
      events.push(eventRow(it, eventId, d.caseId, receivedAt));
      if (d.merged) {
        messages.push({ topic: CASE_GREW, payload: { caseId: d.caseId, eventId, count: d.count, severity: d.severity } });
      } else {
        cases.push(caseRow(it, openedState.get(d.caseId)!, now));
        messages.push({
          topic: CASE_OPENED,
          payload: {
            caseId: d.caseId, eventId, districtCode: where.districtCode, category: category.code, severity: it.severity, title: e.title, source: e.source,
            location: { lon: where.lon, lat: where.lat, regionCode: where.regionCode, gridCode: where.gridCode, address: where.address },
            occurredAt: occurredAt.toISOString(), openedAt: now.toISOString(), subjects: e.subjects,
          },
        });
      }
      return { eventId, caseId: d.caseId, merged: d.merged, count: d.count, severity: d.severity };
    });
    return { write: { grown: plan.grown, opened: cases, events, messages: this.outbox.insertSql(messages), at: now }, results };
  }
}

/** What the lookup needs: the batch's dedup keys and each event's place query. */
function lookupOf(items: PreparedEvent[], incoming: Incoming[]) {
  const keys = [...new Set(items.flatMap((it) => (it.e.dedupKey ? [it.e.dedupKey] : [])))];
  return { keys, near: incoming.flatMap((x) => (x.near ? [x.near] : [])) };
}

function lockKeysOf(items: PreparedEvent[]): string[] {
  return items.flatMap((it) => lockNamesOf(it).map(lockKey));
}

function nearby(c: Category, where: Where): boolean {
  return where.lat != null && where.lon != null && c.dedupRadiusM > 0 && c.dedupWindowMinutes > 0;
}

function toIncoming({ e, category: c, where, occurredAt, severity }: PreparedEvent): Incoming {
  const window = c.dedupWindowMinutes * 60_000;
  const near = nearby(c, where)
    ? { category: c.code, lat: where.lat!, lon: where.lon!, radiusM: c.dedupRadiusM, box: boundingBox(where.lat!, where.lon!, c.dedupRadiusM), since: new Date(occurredAt.getTime() - window), until: new Date(occurredAt.getTime() + window) }
    : null;
  return { category: c.code, severity, occurredAt, dedupKey: e.dedupKey ?? null, lat: where.lat, lon: where.lon, near };
}

/**
 * Every name under which an event could merge: its dedup key, the grid cells around its point.
 * Two identical events at once thus queue on one lock, and the second finds the case the first opened.
 */
function lockNamesOf({ e, category, where }: PreparedEvent): string[] {
  return [...(e.dedupKey ? [`key:${e.dedupKey}`] : []), ...(nearby(category, where) ? neighbourhoodCells(category.code, where.lat!, where.lon!, category.dedupRadiusM) : [])];
}

function eventRow({ e, category, where, occurredAt, severity, reporter, publishedBy }: PreparedEvent, id: string, caseId: string, receivedAt: Date): store.EventRow {
  return {
    id, case_id: caseId, district_code: where.districtCode, source: e.source, category: category.code, severity, title: e.title, description: e.description ?? null,
    lon: where.lon, lat: where.lat, region_code: where.regionCode, grid_code: where.gridCode, address: where.address, subjects: e.subjects,
    facts: e.evidence.facts, attachments: e.evidence.attachments, media_url: e.evidence.mediaUrl ?? null, dedup_key: e.dedupKey ?? null,
    reporter_sealed: reporter, published_by: publishedBy, occurred_at: occurredAt, received_at: receivedAt,
  };
}

/** A new case: its first event's title, place and source; count, severity, span and key as planned for the batch. */
function caseRow({ e, category, where, publishedBy }: PreparedEvent, c: OpenCase, now: Date): Insertable<EventCaseTable> {
  return {
    id: c.id, district_code: where.districtCode, category: category.code, severity: c.severity, title: e.title, description: e.description ?? null, source: e.source,
    status: 'open', status_notes: null, agency_responsible: null, dedup_key: c.dedupKey, lon: where.lon, lat: where.lat, region_code: where.regionCode,
    grid_code: where.gridCode, address: where.address, count: c.count, media_url: e.evidence.mediaUrl ?? null, published_by: publishedBy,
    occurred_at: c.occurredAt, opened_at: now, last_event_at: c.lastEventAt, updated_at: now, closed_at: null,
  };
}
