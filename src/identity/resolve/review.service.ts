import { can, type Principal } from '../../platform/auth/principal.js';
import { isoOrNull } from '../../platform/db/column-types.js';
import { withTransaction } from '../../platform/db/transaction.js';
import { Conflict, Forbidden, NotFound } from '../../platform/errors.js';
import type { Platform } from '../../platform/platform.js';
import { refreshGolden } from '../golden/golden-writer.js';
import type { PersonSourceRegistry } from '../records/person-sources.js';
import { createEntities, markMerged, recordChanges, setRecordEntities } from './entity.store.js';

function guard(actor: Principal) {
  if (!can(actor, 'identity.review')) throw new Forbidden('无权审核实体匹配 (forbidden: identity.review)', 'forbidden', { permission: 'identity.review' });
}

/**
 * The queue of uncertain pairs. A decision takes effect at once (the two files are merged, or the
 * record is taken out of a file it was wrongly put in) and binds every later run.
 */
export class ReviewService {
  constructor(
    private readonly p: Platform,
    private readonly sources: PersonSourceRegistry,
  ) {}

  async list(actor: Principal, status: 'open' | 'same' | 'different', page: number, pageSize: number) {
    guard(actor);
    const base = this.p.db.selectFrom('identity_review').where('status', '=', status);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('probability', 'desc').orderBy('id').offset((page - 1) * pageSize).limit(pageSize).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const ids = rows.flatMap((r) => [Number(r.record_a), Number(r.record_b)]);
    const recs = ids.length
      ? await this.p.db.selectFrom('identity_record').select(['id', 'dataset', 'role', 'name', 'id_masked', 'id_valid', 'birth_date', 'sex', 'phone_masked', 'village_code', 'address', 'entity_id']).where('id', 'in', ids).execute()
      : [];
    const byId = new Map(recs.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
    return {
      total: Number(total.n),
      items: rows.map((r) => ({
        id: Number(r.id), probability: r.probability, explanation: r.explanation, status: r.status, decidedBy: r.decided_by, decidedAt: isoOrNull(r.decided_at), note: r.note,
        a: byId.get(Number(r.record_a)) ?? null, b: byId.get(Number(r.record_b)) ?? null,
      })),
    };
  }

  async decide(actor: Principal, id: number, decision: 'same' | 'different', note: string | null, ip: string | null) {
    guard(actor);
    const result = await withTransaction(this.p.db, async (tx) => {
      const r = await tx.selectFrom('identity_review').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!r) throw new NotFound('审核项不存在 (no such review item)');
      if (r.status !== 'open') throw new Conflict(`该项已审核为 ${r.status} (already decided: ${r.status})`, 'already_decided');
      await tx.updateTable('identity_review').set({ status: decision, decided_by: actor.name, decided_at: new Date(), note }).where('id', '=', id).execute();
      const recs = await tx.selectFrom('identity_record').select(['id', 'entity_id']).where('id', 'in', [Number(r.record_a), Number(r.record_b)]).execute();
      const [ea, eb] = [Number(r.record_a), Number(r.record_b)].map((rid) => recs.find((x) => Number(x.id) === rid)?.entity_id ?? null);
      const reason = `reviewer ${actor.name} decided ${decision} (review ${id})`;
      const touched: string[] = [];
      if (decision === 'same' && ea && eb && ea !== eb) {
        const moving = await tx.selectFrom('identity_record').select('id').where('entity_id', '=', eb).where('active', '=', true).execute();
        await setRecordEntities(tx, moving.map((m) => [Number(m.id), ea]));
        await markMerged(tx, eb, ea);
        await recordChanges(tx, 0, [{ kind: 'merged', entity: ea, other: eb, records: moving.map((m) => Number(m.id)), reason }]);
        touched.push(ea);
      } else if (decision === 'different' && ea && ea === eb) {
        const [fresh] = await createEntities(tx, 'person', (await tx.selectFrom('identity_entity').select('district_code').where('id', '=', ea).executeTakeFirstOrThrow()).district_code, 1);
        await setRecordEntities(tx, [[Number(r.record_b), fresh]]);
        await recordChanges(tx, 0, [{ kind: 'split', entity: fresh, other: ea, records: [Number(r.record_b)], reason }]);
        touched.push(ea, fresh);
      }
      if (touched.length) await refreshGolden(tx, touched, this.sources);
      return { id, decision, entities: touched };
    });
    await this.p.audit.record({ actor: actor.name, action: 'identity.review', target: `review:${id}`, ip, detail: { decision } });
    return result;
  }
}
