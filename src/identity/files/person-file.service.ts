import { sql } from 'kysely';
import { can, scopeRegion, type Principal } from '../../platform/auth/principal.js';
import { isoOrNull } from '../../platform/db/column-types.js';
import { Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import type { Platform } from '../../platform/platform.js';
import type { FacetRegistry } from './facets.js';
import { creditCodeKey, phoneHash, residentIdHash } from './lookup-keys.js';

export interface PersonQuery {
  name?: string;
  idNumber?: string;
  phone?: string;
  creditCode?: string;
  page?: number;
  pageSize?: number;
}

/** The region a principal may see files in; department users see none unless granted (deny by default). */
function regionOf(actor: Principal): string {
  if (!can(actor, 'person.read')) throw new Forbidden('无权查看人员档案 (forbidden: person.read)', 'forbidden', { permission: 'person.read' });
  const r = scopeRegion(actor.scope);
  if (r == null) throw new Forbidden('部门账号不能直接查看人员档案 (forbidden: department scope)', 'out_of_scope', { permission: 'person.read' });
  return r;
}

/** 一人一档: finding a person's file and reading it, scoped and audited. */
export class PersonFileService {
  constructor(
    private readonly p: Platform,
    private readonly facets: FacetRegistry,
  ) {}

  /** Search by name, ID number or phone (through their keyed hashes) or by an enterprise's credit code. */
  async search(actor: Principal, q: PersonQuery, ip: string | null) {
    const region = regionOf(actor);
    const page = Math.max(1, q.page ?? 1);
    const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 20));
    if (!q.name && !q.idNumber && !q.phone && !q.creditCode) throw new Invalid('请输入姓名、身份证号、电话或信用代码 (give a name, ID number, phone or credit code)', { q: 'required' });

    let ids = this.p.db.selectFrom('identity_record').select('entity_id').where('active', '=', true).where('kind', '=', 'person');
    if (q.idNumber) ids = ids.where('id_hash', '=', residentIdHash(this.p.cipher, q.idNumber));
    if (q.phone) ids = ids.where('phone_hash', '=', phoneHash(this.p.cipher, q.phone));
    if (q.creditCode) ids = ids.where(sql<string>`context->>'credit_code'`, '=', creditCodeKey(q.creditCode));
    if (q.name) ids = ids.where('name', '=', q.name.trim());

    // Two steps: the matching file ids are few, and a literal id list keeps the plan simple
    // whatever the statistics say right after a large resolution run.
    const matched = await ids.where('entity_id', 'is not', null).distinct().limit(10_000).execute();
    const entityIds = matched.map((m) => m.entity_id!);
    const base = this.p.db
      .selectFrom('identity_entity as e')
      .where('e.kind', '=', 'person')
      .where('e.status', '=', 'active')
      .where('e.id', 'in', entityIds.length ? entityIds : [''])
      .where((eb) => (region.length === 6 ? eb.or([eb('e.village_code', 'like', `${region}%`), eb('e.village_code', 'is', null)]) : eb('e.village_code', 'like', `${region}%`)));
    const [items, total] = await Promise.all([
      base.select(['e.id', 'e.name', 'e.id_masked', 'e.birth_date', 'e.village_code', 'e.record_count']).orderBy('e.name').orderBy('e.id').offset((page - 1) * pageSize).limit(pageSize).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    await this.p.audit.record({ actor: actor.name, action: 'person.search', target: null, ip, detail: { by: Object.keys(q).filter((k) => k !== 'page' && k !== 'pageSize' && q[k as keyof PersonQuery]), results: Number(total.n) } });
    return {
      total: Number(total.n),
      items: items.map((e) => ({ id: e.id, name: e.name, idMasked: e.id_masked, birthDate: e.birth_date, villageCode: e.village_code, records: e.record_count })),
    };
  }

  /** The active file behind an id (following merges), if the caller may see it; 403 otherwise. */
  async authorise(actor: Principal, id: string) {
    const region = regionOf(actor);
    let e = await this.p.db.selectFrom('identity_entity').selectAll().where('id', '=', id).where('kind', '=', 'person').executeTakeFirst();
    // A file merged into another answers with the surviving one, so old links keep working.
    for (let hops = 0; e && e.status === 'merged' && e.merged_into && hops < 10; hops++) {
      e = await this.p.db.selectFrom('identity_entity').selectAll().where('id', '=', e.merged_into).executeTakeFirst();
    }
    if (!e) throw new NotFound('档案不存在 (no such person file)');
    const inScope = e.village_code ? e.village_code.startsWith(region) : region.length === 6;
    if (!inScope) throw new Forbidden('超出数据权限范围 (forbidden: outside your scope)', 'out_of_scope', { permission: 'person.read', region: e.village_code });
    return e;
  }

  /** The whole file: golden record, every source record, household, enterprises, facets, history. */
  async file(actor: Principal, id: string, ip: string | null, purpose?: string) {
    const e = await this.authorise(actor, id);
    await this.p.audit.record({ actor: actor.name, action: 'person.view', target: `person:${e.id}`, ip, detail: purpose ? { purpose: purpose.slice(0, 200) } : {} });

    const records = await this.p.db.selectFrom('identity_record').selectAll().where('entity_id', '=', e.id).where('active', '=', true).orderBy('id').execute();
    const household = e.golden.household_no?.value ?? null;
    const [members, enterprises, changes, facets] = await Promise.all([
      household ? this.household(household, e.id) : Promise.resolve([]),
      this.enterprisesOf(records),
      this.p.db.selectFrom('identity_change').selectAll().where((eb) => eb.or([eb('entity_id', '=', e.id), eb('other_entity_id', '=', e.id)])).orderBy('id', 'desc').limit(50).execute(),
      this.facets.load(this.p.db, e.id, records),
    ]);
    return {
      id: e.id,
      status: e.status,
      golden: e.golden,
      name: e.name,
      idMasked: e.id_masked,
      birthDate: e.birth_date,
      villageCode: e.village_code,
      records: records.map((r) => ({
        id: Number(r.id), dataset: r.dataset, role: r.role, party: r.party, batch: Number(r.batch_id), row: Number(r.row_id), line: r.line,
        name: r.name, idMasked: r.id_masked, idValid: r.id_valid, birthDate: r.birth_date, sex: r.sex, phoneMasked: r.phone_masked,
        villageCode: r.village_code, householdNo: r.household_no, context: r.context,
      })),
      household: members,
      enterprises,
      facets,
      changes: changes.map((c) => ({ id: Number(c.id), kind: c.kind, entity: c.entity_id, other: c.other_entity_id, records: c.record_ids, reason: c.reason, at: isoOrNull(c.at) })),
    };
  }

  /** The other members of a registered household, with how each relates to its head. */
  private async household(householdNo: string, self: string) {
    const rows = await this.p.db
      .selectFrom('identity_record as r')
      .innerJoin('identity_entity as e', 'e.id', 'r.entity_id')
      .select(['e.id', 'e.name', 'e.birth_date', sql<string | null>`r.context->>'relation_to_head'`.as('relation')])
      .where('r.household_no', '=', householdNo)
      .where('r.active', '=', true)
      .where('r.role', '=', 'resident')
      .where('e.id', '<>', self)
      .orderBy('e.birth_date')
      .execute();
    return rows.map((m) => ({ id: m.id, name: m.name, birthDate: m.birth_date, relation: m.relation }));
  }

  /** Enterprises where the person is legal representative or shareholder, from their own records. */
  private async enterprisesOf(records: Array<{ role: string; context: Record<string, unknown> }>) {
    const roles = records.filter((r) => (r.role === 'legal_rep' || r.role === 'shareholder') && typeof r.context.credit_code === 'string');
    if (!roles.length) return [];
    const codes = [...new Set(roles.map((r) => r.context.credit_code as string))];
    const found = await this.p.db.selectFrom('identity_entity').select(['id', 'id_hash', 'name']).where('kind', '=', 'enterprise').where('status', '=', 'active').where('id_hash', 'in', codes).execute();
    const byCode = new Map(found.map((f) => [f.id_hash, f]));
    return roles.map((r) => {
      const code = r.context.credit_code as string;
      return {
        creditCode: code,
        enterpriseId: byCode.get(code)?.id ?? null,
        name: byCode.get(code)?.name ?? (r.role === 'legal_rep' ? (r.context.name as string | undefined) ?? null : null),
        role: r.role,
        registeredCapitalWan: r.context.registered_capital_wan ?? null,
        subscribedWan: r.context.subscribed_wan ?? null,
        ratio: r.context.ratio ?? null,
      };
    });
  }
}
