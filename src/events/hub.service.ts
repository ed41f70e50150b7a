import type { Principal } from '../platform/auth/principal.js';
import { scopeCovers } from '../platform/auth/principal.js';
import type { Executor } from '../platform/db/transaction.js';
import { Forbidden, Invalid, NotFound } from '../platform/errors.js';
import type { Platform } from '../platform/platform.js';
import * as store from './cases.store.js';
import type { CaseStatusUpdate } from './event-messages.js';
import { MAX_FACTS_BYTES, publishInput, type ParsedEvent, type PublishInput } from './event-input.js';
import { IntakeBatcher, runSettled } from './intake-batcher.js';
import { IntakeWriter, type PreparedEvent, type PublishResult, type Where } from './intake-writer.js';
import { RegionCheck } from './region-check.js';
import type { TaxonomyService } from './taxonomy.service.js';

export type { PublishResult } from './intake-writer.js';

export interface PublishOptions {
  /** Publish inside the caller's transaction, atomically with the caller's own writes. */
  tx?: Executor;
  /** Where the event came from when no principal published it (e.g. `supervision`). */
  publishedBy?: string;
}

// A batch costs two round trips whatever its size, so batches may be large. Two may run at once on
// PostgreSQL, so that one batch's COMMIT (a WAL flush, 3 ms or more on a shared disk) overlaps the
// other's work; a batch takes every publish waiting, so with few publishers they mostly run one after
// another anyway. With 32 or 128 publishers waiting for answers, 2 to 8 at once were the same within
// the noise of a shared machine (1 was slower). At a steady 2,000 events/s with routing on, each of
// four slots took batches of about 12 events, and four batches at once on 2 cores cost 10 % more
// PostgreSQL CPU per event than two (0.56 against 0.51 ms, 4 runs each): routing fell behind in 2
// of 4 runs with four, in none with two. PGlite has one connection: a second transaction would queue.
const MAX_BATCH = 64;
const MAX_CONCURRENT = { postgres: 2, pglite: 1 } as const;

/**
 * Intake of events: validation, merge into cases, and the outbox messages that hand cases to
 * dispatch. The event, its case and the outbox message commit together or not at all.
 */
export class HubService {
  readonly regions: RegionCheck;
  private readonly writer: IntakeWriter;
  private readonly batcher: IntakeBatcher<PreparedEvent, PublishResult>;

  constructor(private readonly p: Platform, private readonly taxonomy: TaxonomyService) {
    this.regions = new RegionCheck(p.regions);
    this.writer = new IntakeWriter(p.outbox, p.db, p.database.pool);
    this.batcher = new IntakeBatcher((items) => this.store(p.db, items), MAX_BATCH, MAX_CONCURRENT[p.engine]);
  }

  async publish(input: PublishInput, principal?: Principal, opts: PublishOptions = {}): Promise<PublishResult> {
    const item = await this.prepare(input, principal, opts);
    if (opts.tx) return (await this.store(opts.tx, [item]))[0];
    return this.batcher.submit(item);
  }

  /**
   * Publishes many events at once (a rule run's warnings, a burst from a device gateway), in
   * transactions of up to 64. Each event settles on its own: a bad one is rejected with its own
   * error and the others are stored.
   */
  async publishMany(inputs: PublishInput[], principal?: Principal, opts: Pick<PublishOptions, 'publishedBy'> = {}): Promise<PromiseSettledResult<PublishResult>[]> {
    const prepared = await Promise.allSettled(inputs.map((input) => this.prepare(input, principal, opts)));
    const valid = prepared.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, item: r.value }] : []));
    const out = new Array<PromiseSettledResult<PublishResult>>(inputs.length);
    prepared.forEach((r, i) => r.status === 'rejected' && (out[i] = r));
    for (let at = 0; at < valid.length; at += MAX_BATCH) {
      const group = valid.slice(at, at + MAX_BATCH);
      const settled = await runSettled((items) => this.store(this.p.db, items), group.map((g) => g.item));
      group.forEach((g, k) => (out[g.i] = settled[k]));
    }
    return out;
  }

  /** Everything that needs no lock: validation, the category, the place, sealing the reporter. */
  private async prepare(input: PublishInput, principal: Principal | undefined, opts: PublishOptions): Promise<PreparedEvent> {
    const parsed = publishInput.safeParse(input);
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message]));
      throw new Invalid('事件不合法 (invalid event)', fields);
    }
    const nul = nulPath(parsed.data);
    // PostgreSQL text cannot hold U+0000; refused here it is a 400 naming the field, not a failed batch.
    if (nul) throw new Invalid('事件不合法 (invalid event)', { [nul]: 'contains a NUL character (U+0000)' });
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

  /** Stores events in a transaction of their own, or in the caller's. */
  private store(db: Executor, items: PreparedEvent[]): Promise<PublishResult[]> {
    return db.isTransaction ? this.writer.write(db, items) : this.writer.store(items);
  }

  /** Dispatch reports a case's state; Open311 and merging read it from here. */
  async setCaseStatus(caseId: string, u: CaseStatusUpdate, tx?: Executor): Promise<void> {
    const unknown = await this.setCaseStatuses([{ caseId, ...u }], tx);
    if (unknown.length) throw new NotFound(`案件 ${caseId} 不存在 (no such case)`);
  }

  /** Several cases' states in one statement; returns the ids the hub does not know, which changed nothing. */
  async setCaseStatuses(updates: Array<{ caseId: string } & CaseStatusUpdate>, tx?: Executor): Promise<string[]> {
    const found = await store.setCaseStatuses(tx ?? this.p.db, updates);
    return updates.filter((u) => !found.has(u.caseId)).map((u) => u.caseId);
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

/** The path of the first string holding U+0000, or null. */
function nulPath(v: unknown, path = ''): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? path || 'body' : null;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    for (const [k, x] of Object.entries(v)) {
      const found = nulPath(x, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return null;
}
