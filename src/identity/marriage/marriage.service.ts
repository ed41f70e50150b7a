import { createHash } from 'node:crypto';
import { setImmediate as tick } from 'node:timers/promises';
import { sql } from 'kysely';
import { can, scopeRegion, type Principal } from '../../platform/auth/principal.js';
import { isoOrNull } from '../../platform/db/column-types.js';
import { Conflict as ConflictError, Forbidden, NotFound } from '../../platform/errors.js';
import type { Platform } from '../../platform/platform.js';
import type { PersonFileService } from '../files/person-file.service.js';
import { keyedLookup } from '../records/keyed-lookup.js';
import { buildTimeline, type Conflict } from './marriage-timeline.js';
import { heldMarriageFacts, heldRegistryStatus, type HeldMarriageInput } from './held-facts.js';
import { marriageFacts, registryStatus, type FactRow } from './marriage.store.js';

const fingerprint = (entity: string, c: Conflict) =>
  createHash('sha256').update(`${entity}|${c.kind}|${c.sources.map((s) => `${s.dataset}:${s.row}`).sort().join(',')}`).digest('hex').slice(0, 32);

type Towns = Map<string, { town_code: string | null; district_code: string }>;

/** A detection's result before it is stored: conflicts with their fingerprints and towns. */
export interface FoundConflicts {
  /** Persons with marriage facts, each looked at. */
  persons: number;
  conflicts: Array<{ entity_id: string; kind: string; detail: string; sources: unknown; fingerprint: string; town_code: string | null; district_code: string }>;
}

/** The towns of these held files, as `towns` reads them from the stored files. */
function heldTowns(held: HeldMarriageInput, ids: string[]): Towns {
  return new Map(ids.map((id) => [id, { town_code: held.files.get(id)?.town_code ?? null, district_code: held.districtCode }]));
}

/** 婚姻专题库: marriage timelines with sources, current status, and the conflict review queue. */
export class MarriageService {
  constructor(
    private readonly p: Platform,
    private readonly files: PersonFileService,
  ) {}

  /** One person's timeline (GET /api/persons/{id}/marriage); scoped and audited like the file. */
  async timeline(actor: Principal, id: string, ip: string | null) {
    const e = await this.files.authorise(actor, id);
    await this.p.audit.record({ actor: actor.name, action: 'person.marriage', target: `person:${e.id}`, ip });
    const [facts, registry] = await Promise.all([marriageFacts(this.p.db, [e.id]), registryStatus(this.p.db, [e.id])]);
    const t = buildTimeline(facts, registry.get(e.id) ?? null);
    return { person: e.id, name: e.name, ...t };
  }

  /**
   * Recomputes conflicts for everyone (or some entities) and updates the queue: new ones are
   * opened, ones no longer found are marked gone, and settled ones stay settled. `found` gives
   * everyone's conflicts already worked out (`findHeld`, after a first load).
   */
  async detect(runId: number, entities?: string[], found?: FoundConflicts): Promise<{ persons: number; found: number; opened: number; gone: number }> {
    const { persons, conflicts } = found && !entities ? found : await this.find(entities);
    const opened = await this.upsert(runId, conflicts);
    let q = this.p.db.updateTable('marriage_conflict').set({ status: 'gone' }).where('status', '=', 'open').where((eb) => eb.or([eb('last_seen_run', '<', runId), eb('last_seen_run', 'is', null)]));
    if (entities) q = q.where(sql<boolean>`entity_id = ANY(${sql.val(entities)}::text[])`);
    const gone = await q.executeTakeFirst();
    return { persons, found: conflicts.length, opened, gone: Number(gone.numUpdatedRows) };
  }

  /**
   * Everyone's conflicts from a first load's records and files in memory. Run while the server
   * rebuilds the load's indexes (Node waits on it then); reading them back afterwards took 2 s of
   * a million records, and the timelines another 1.5.
   */
  async findHeld(held: HeldMarriageInput): Promise<FoundConflicts> {
    const facts = await heldMarriageFacts(held);
    const registry = await heldRegistryStatus(held);
    return this.conflictsOf(facts, registry, (ids) => heldTowns(held, ids));
  }

  private async find(entities?: string[]): Promise<FoundConflicts> {
    // Everyone's registry status in one pass when everyone is looked at: asked for by the keys of
    // those with facts, 180,000 of them in a district, it took 1.9 s. Only persons with facts are
    // looked at: a status no record speaks to contradicts nothing. Both read at once, on two
    // connections where there are two.
    const [facts, registry] = await Promise.all([marriageFacts(this.p.db, entities), registryStatus(this.p.db, entities)]);
    return this.conflictsOf(facts, registry, (ids) => this.towns(ids));
  }

  /** Timelines and their conflicts, letting the event loop run between slices of persons (a first load's run beside index builds). */
  private async conflictsOf(facts: FactRow[], registry: Map<string, string>, townsOf: (ids: string[]) => Promise<Towns> | Towns): Promise<FoundConflicts> {
    const byEntity = new Map<string, FactRow[]>();
    for (const f of facts) (byEntity.get(f.entity) ?? byEntity.set(f.entity, []).get(f.entity)!).push(f);
    const found: Array<{ entity: string; c: Conflict }> = [];
    let n = 0;
    for (const [entity, list] of byEntity) {
      if (++n % 5000 === 0) await tick();
      for (const c of buildTimeline(list, registry.get(entity) ?? null).conflicts) found.push({ entity, c });
    }
    const towns = await townsOf([...new Set(found.map((x) => x.entity))]);
    const conflicts = found.map(({ entity, c }) => ({
      entity_id: entity, kind: c.kind, detail: c.detail, sources: c.sources, fingerprint: fingerprint(entity, c),
      town_code: towns.get(entity)?.town_code ?? null, district_code: towns.get(entity)?.district_code ?? '330112',
    }));
    return { persons: byEntity.size, conflicts };
  }

  /** Opens new conflicts and marks those seen again; answers how many were new. */
  private async upsert(runId: number, found: FoundConflicts['conflicts']): Promise<number> {
    let opened = 0;
    for (let i = 0; i < found.length; i += 2000) {
      const r = await sql<{ n: number }>`WITH x AS (
          INSERT INTO marriage_conflict (entity_id, kind, detail, sources, fingerprint, town_code, district_code, last_seen_run)
          SELECT entity_id, kind, detail, sources, fingerprint, town_code, district_code, ${runId}::bigint
          FROM jsonb_to_recordset(${JSON.stringify(found.slice(i, i + 2000))}::jsonb) AS t(entity_id text, kind text, detail text, sources jsonb, fingerprint text, town_code text, district_code text)
          ON CONFLICT (fingerprint) DO UPDATE SET last_seen_run = EXCLUDED.last_seen_run, status = CASE WHEN marriage_conflict.status = 'gone' THEN 'open' ELSE marriage_conflict.status END
          RETURNING (xmax = 0) AS inserted
        ) SELECT count(*) FILTER (WHERE inserted)::int AS n FROM x`.execute(this.p.db);
      opened += r.rows[0]?.n ?? 0;
    }
    return opened;
  }

  /**
   * Towns of the persons with conflicts only (for scoping the queue): looked up for everyone with
   * facts, 180,000 keys, it took 0.65 s. One array parameter, joined: a list of a district's worth
   * of ids overflows the protocol's parameter count, and an = ANY over thousands was planned as a
   * scan of the table.
   */
  private async towns(ids: string[]): Promise<Towns> {
    const r = await keyedLookup(this.p.db, ids.length, (tx) => sql<{ id: string; town_code: string | null; district_code: string }>`SELECT id, town_code, district_code FROM unnest(${sql.val(ids)}::text[]) AS k(e) JOIN identity_entity ON id = k.e`.execute(tx));
    return new Map(r.rows.map((x) => [x.id, x]));
  }

  async conflicts(actor: Principal, filter: { status: 'open' | 'confirmed' | 'dismissed' | 'gone'; kind?: string }, page: number, pageSize: number) {
    if (!can(actor, 'identity.review')) throw new Forbidden('无权审核婚姻冲突 (forbidden: identity.review)', 'forbidden', { permission: 'identity.review' });
    const region = scopeRegion(actor.scope) ?? '';
    let base = this.p.db.selectFrom('marriage_conflict as c').leftJoin('identity_entity as e', 'e.id', 'c.entity_id').where('c.status', '=', filter.status);
    if (filter.kind) base = base.where('c.kind', '=', filter.kind);
    if (region.length > 6) base = base.where('c.town_code', 'like', `${region.slice(0, 9)}%`);
    const [items, total, byKind] = await Promise.all([
      base.select(['c.id', 'c.entity_id', 'e.name', 'c.kind', 'c.detail', 'c.sources', 'c.status', 'c.found_at', 'c.decided_by', 'c.note']).orderBy('c.id').offset((page - 1) * pageSize).limit(pageSize).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      this.p.db.selectFrom('marriage_conflict').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).where('status', '=', filter.status).groupBy('kind').execute(),
    ]);
    return {
      total: Number(total.n),
      byKind: Object.fromEntries(byKind.map((k) => [k.kind, Number(k.n)])),
      items: items.map((c) => ({ id: Number(c.id), person: c.entity_id, name: c.name, kind: c.kind, detail: c.detail, sources: c.sources, status: c.status, foundAt: isoOrNull(c.found_at), decidedBy: c.decided_by, note: c.note })),
    };
  }

  async settle(actor: Principal, id: number, status: 'confirmed' | 'dismissed', note: string | null, ip: string | null) {
    if (!can(actor, 'identity.review')) throw new Forbidden('无权审核婚姻冲突 (forbidden: identity.review)', 'forbidden', { permission: 'identity.review' });
    const r = await this.p.db.updateTable('marriage_conflict').set({ status, note, decided_by: actor.name, decided_at: new Date() }).where('id', '=', id).where('status', '=', 'open').returning('id').executeTakeFirst();
    if (!r) {
      const exists = await this.p.db.selectFrom('marriage_conflict').select('status').where('id', '=', id).executeTakeFirst();
      if (!exists) throw new NotFound('冲突不存在 (no such conflict)');
      throw new ConflictError(`该冲突已处理 (already ${exists.status})`, 'already_decided');
    }
    await this.p.audit.record({ actor: actor.name, action: 'marriage.conflict', target: `marriage_conflict:${id}`, ip, detail: { status } });
    return { id, status };
  }
}
