import { randomUUID } from 'node:crypto';
import type { Principal } from '../platform/auth/principal.js';
import { scopeCovers } from '../platform/auth/principal.js';
import { withTransaction, type Executor, type Tx } from '../platform/db/transaction.js';
import { Forbidden, Invalid, NotFound } from '../platform/errors.js';
import type { Platform } from '../platform/platform.js';
import * as store from './cases.store.js';
import { CASE_GREW, CASE_OPENED, SEVERITIES, type CaseGrew, type CaseOpened, type CaseStatusUpdate, type Severity } from './event-messages.js';
import { MAX_FACTS_BYTES, publishInput, type ParsedEvent, type PublishInput } from './event-input.js';
import { boundingBox, distanceM, lockKey, neighbourhoodCells } from './geo.js';
import { IntakeBatcher } from './intake-batcher.js';
import { RegionCheck } from './region-check.js';
import type { Category, TaxonomyService } from './taxonomy.service.js';

export interface PublishResult {
  eventId: string;
  caseId: string;
  /** True when the event joined an open case instead of opening one. */
  merged: boolean;
  count: number;
  severity: Severity;
}

export interface PublishOptions {
  /** Publish inside the caller's transaction, atomically with the caller's own writes. */
  tx?: Executor;
  /** Where the event came from when no principal published it (e.g. `supervision`). */
  publishedBy?: string;
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

/**
 * Intake of events: validation, merge into cases, and the outbox messages that hand cases to
 * dispatch. The event, its case and the outbox message commit together or not at all.
 */
export class HubService {
  readonly regions: RegionCheck;
  private readonly batcher: IntakeBatcher<Prepared, PublishResult>;

  constructor(private readonly p: Platform, private readonly taxonomy: TaxonomyService) {
    this.regions = new RegionCheck(p.regions);
    // Small batches, several at once: a batch's events are stored one after another, so large ones
    // would serialise the round trips. PGlite has one connection: a second transaction would only queue.
    this.batcher = new IntakeBatcher((items) => this.store(p.db, items), 8, p.engine === 'pglite' ? 1 : 4);
  }

  async publish(input: PublishInput, principal?: Principal, opts: PublishOptions = {}): Promise<PublishResult> {
    const item = await this.prepare(input, principal, opts);
    if (opts.tx) return (await this.store(opts.tx, [item]))[0];
    return this.batcher.submit(item);
  }

  /** Everything that needs no lock: validation, the category, the place, sealing the reporter. */
  private async prepare(input: PublishInput, principal: Principal | undefined, opts: PublishOptions): Promise<Prepared> {
    const parsed = publishInput.safeParse(input);
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message]));
      throw new Invalid('事件不合法 (invalid event)', fields);
    }
    const e = parsed.data;
    const ex = opts.tx ?? this.p.db;
    const category = await this.taxonomy.require(e.category, ex);
    const where = await this.location(e, principal, ex);
    if (Buffer.byteLength(JSON.stringify(e.evidence.facts)) > MAX_FACTS_BYTES) throw new Invalid('证据过大 (facts too large)', { 'evidence.facts': `at most ${MAX_FACTS_BYTES} bytes` });
    const occurredAt = e.occurredAt ? new Date(e.occurredAt) : new Date();
    if (occurredAt.getTime() > Date.now() + 5 * 60_000) throw new Invalid('发生时间在未来 (occurredAt is in the future)', { occurredAt: 'in the future' });
    // Attachments are never deleted, so checking them outside the transaction is safe.
    const found = await store.existingAttachments(ex, e.evidence.attachments);
    if (e.evidence.attachments.some((sha) => !found.has(sha))) {
      throw new Invalid('附件未上传 (attachment not uploaded)', Object.fromEntries(e.evidence.attachments.flatMap((sha, i) => (found.has(sha) ? [] : [[`evidence.attachments.${i}`, 'not uploaded']]))));
    }
    const reporter = e.reporter && Object.values(e.reporter).some((v) => v) ? this.p.cipher.encrypt(JSON.stringify(e.reporter)) : null;
    return { e, category, where, occurredAt, severity: e.severity ?? category.defaultSeverity, reporter, publishedBy: principal?.name ?? opts.publishedBy ?? null };
  }

  /**
   * Stores events in one transaction: first every lock the batch needs, in key order (so two
   * batches never deadlock), then each event in turn, so an event sees the case an earlier one of
   * the same batch opened.
   */
  private store(db: Executor, items: Prepared[]): Promise<PublishResult[]> {
    return withTransaction(db, async (tx) => {
      await store.lockNames(tx, items.flatMap((it) => lockNamesOf(it).map(lockKey)));
      const out: PublishResult[] = [];
      for (const it of items) out.push(await this.storeOne(tx, it));
      return out;
    });
  }

  private async storeOne(tx: Tx, it: Prepared): Promise<PublishResult> {
    const { e, category, where, occurredAt, severity, reporter, publishedBy } = it;
    const eventId = randomUUID();
    const target = await this.mergeTarget(tx, it);
    const grown = target ? await store.growCase(tx, target.id, rank(severity) > rank(target.severity) ? severity : target.severity, occurredAt, e.dedupKey ?? null) : null;
    const caseId = grown ? target!.id : randomUUID();
    const now = new Date();
    const event = {
      id: eventId, case_id: caseId, district_code: where.districtCode, source: e.source, category: category.code, severity, title: e.title, description: e.description ?? null,
      lon: where.lon, lat: where.lat, region_code: where.regionCode, grid_code: where.gridCode, address: where.address, subjects: JSON.stringify(e.subjects),
      facts: JSON.stringify(e.evidence.facts), attachments: JSON.stringify(e.evidence.attachments), media_url: e.evidence.mediaUrl ?? null, dedup_key: e.dedupKey ?? null,
      reporter_sealed: reporter, published_by: publishedBy, occurred_at: occurredAt, received_at: now,
    };
    if (grown) {
      await store.insertEvent(tx, event);
      const msg: CaseGrew = { caseId, eventId, count: grown.count, severity: grown.severity };
      await this.p.outbox.add(tx, CASE_GREW, msg);
      return { eventId, caseId, merged: true, count: grown.count, severity: grown.severity };
    }
    await store.insertCaseWithEvent(tx, {
      id: caseId, district_code: where.districtCode, category: category.code, severity, title: e.title, description: e.description ?? null, source: e.source,
      status: 'open', status_notes: null, agency_responsible: null, dedup_key: e.dedupKey ?? null, lon: where.lon, lat: where.lat, region_code: where.regionCode,
      grid_code: where.gridCode, address: where.address, count: 1, media_url: e.evidence.mediaUrl ?? null, published_by: publishedBy,
      occurred_at: occurredAt, opened_at: now, last_event_at: occurredAt, updated_at: now, closed_at: null,
    }, event);
    const msg: CaseOpened = {
      caseId, eventId, districtCode: where.districtCode, category: category.code, severity, title: e.title, source: e.source,
      location: { lon: where.lon, lat: where.lat, regionCode: where.regionCode, gridCode: where.gridCode, address: where.address },
      occurredAt: occurredAt.toISOString(), openedAt: now.toISOString(), subjects: e.subjects,
    };
    await this.p.outbox.add(tx, CASE_OPENED, msg);
    return { eventId, caseId, merged: false, count: 1, severity };
  }

  /** Dispatch reports a case's state; Open311 and merging read it from here. */
  async setCaseStatus(caseId: string, u: CaseStatusUpdate, tx?: Executor): Promise<void> {
    const r = await store.setCaseStatus(tx ?? this.p.db, caseId, u);
    if (!r) throw new NotFound(`案件 ${caseId} 不存在 (no such case)`);
  }

  /** The open case this event joins: the one holding its dedup key, else the nearest of its category in radius and window. */
  private async mergeTarget(tx: Tx, { e, category: c, where, occurredAt }: Prepared) {
    const near = nearby(c, where);
    if (!e.dedupKey && !near) return null;
    const window = c.dedupWindowMinutes * 60_000;
    const candidates = await store.mergeCandidates(
      tx,
      e.dedupKey ?? null,
      near ? { category: c.code, box: boundingBox(where.lat!, where.lon!, c.dedupRadiusM), since: new Date(occurredAt.getTime() - window), until: new Date(occurredAt.getTime() + window) } : null,
    );
    const byKey = e.dedupKey ? candidates.find((k) => k.dedup_key === e.dedupKey) : undefined;
    if (byKey) return byKey;
    if (!near) return null;
    let best: (typeof candidates)[number] | null = null;
    let bestD = Infinity;
    for (const k of candidates) {
      if (k.lat === null || k.lon === null) continue;
      const d = distanceM(where.lat!, where.lon!, k.lat, k.lon);
      if (d <= c.dedupRadiusM && d < bestD) [best, bestD] = [k, d];
    }
    return best;
  }

  private async location(e: ParsedEvent, principal: Principal | undefined, ex: Executor): Promise<Where> {
    const l = e.location ?? {};
    let gridCode = l.gridCode ?? null;
    let regionCode = l.regionCode ?? (gridCode ? gridCode.slice(0, 12) : null);
    // A point without a code is placed by the boundaries, so town users see it and routing has a region.
    if (!regionCode && l.lon != null && l.lat != null) {
      const at = await this.p.regions.index.locate(l.lon, l.lat, ex);
      gridCode = at.grid?.code ?? null;
      regionCode = at.village?.code ?? at.town?.code ?? null;
    }
    if (gridCode && regionCode && !gridCode.startsWith(regionCode)) throw new Invalid('网格不在该区域内 (grid is not inside the region)', { 'location.gridCode': 'not inside location.regionCode' });
    if (gridCode && !(await this.regions.exists(gridCode, ex))) throw new Invalid(`网格 ${gridCode} 不存在 (unknown grid)`, { 'location.gridCode': 'unknown grid' });
    if (regionCode && !(await this.regions.exists(regionCode, ex))) throw new Invalid(`区域 ${regionCode} 不存在 (unknown region)`, { 'location.regionCode': 'unknown region' });
    // The finest code names the case's place; a grid's village is its region.
    if (gridCode) regionCode = gridCode.slice(0, 12);
    if (principal && principal.scope.kind !== 'district' && principal.scope.kind !== 'department' && !(regionCode && scopeCovers(principal.scope, regionCode))) {
      throw new Forbidden('事件地点超出数据权限范围 (event location outside your scope)', 'out_of_scope', { permission: 'event.publish', region: regionCode ?? 'none' });
    }
    const districtCode = regionCode?.slice(0, 6) ?? (await this.regions.districtCode(ex));
    return { lon: l.lon ?? null, lat: l.lat ?? null, regionCode, gridCode, address: l.address ?? null, districtCode };
  }
}

interface Prepared {
  e: ParsedEvent;
  category: Category;
  where: Where;
  occurredAt: Date;
  severity: Severity;
  reporter: string | null;
  publishedBy: string | null;
}

function nearby(c: Category, where: Where): boolean {
  return where.lat != null && where.lon != null && c.dedupRadiusM > 0 && c.dedupWindowMinutes > 0;
}

/**
 * Every name under which an event could merge: its dedup key, the grid cells around its point.
 * Two identical events at once thus queue on one lock, and the second finds the case the first opened.
 */
function lockNamesOf({ e, category, where }: Prepared): string[] {
  return [...(e.dedupKey ? [`key:${e.dedupKey}`] : []), ...(nearby(category, where) ? neighbourhoodCells(category.code, where.lat!, where.lon!, category.dedupRadiusM) : [])];
}

interface Where {
  lon: number | null;
  lat: number | null;
  regionCode: string | null;
  gridCode: string | null;
  address: string | null;
  districtCode: string;
}
