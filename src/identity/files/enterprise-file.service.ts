import { sql } from 'kysely';
import { can, scopeRegion, type Principal } from '../../platform/auth/principal.js';
import { Forbidden, NotFound } from '../../platform/errors.js';
import type { Platform } from '../../platform/platform.js';
import { creditCodeKey } from './lookup-keys.js';

/** 一企一档: an enterprise's file by its id or credit code, with the people behind it. */
export class EnterpriseFileService {
  constructor(private readonly p: Platform) {}

  async file(actor: Principal, idOrCode: string, ip: string | null) {
    if (!can(actor, 'person.read')) throw new Forbidden('无权查看企业档案 (forbidden: person.read)', 'forbidden', { permission: 'person.read' });
    const region = scopeRegion(actor.scope);
    if (region == null) throw new Forbidden('部门账号不能直接查看企业档案 (forbidden: department scope)', 'out_of_scope', { permission: 'person.read' });
    const byId = /^E\d+$/.test(idOrCode);
    const e = await this.p.db
      .selectFrom('identity_entity')
      .selectAll()
      .where('kind', '=', 'enterprise')
      .where('status', '=', 'active')
      .where(byId ? 'id' : 'id_hash', '=', byId ? idOrCode : creditCodeKey(idOrCode))
      .executeTakeFirst();
    if (!e) throw new NotFound('企业档案不存在 (no such enterprise file)');
    if (e.village_code && !e.village_code.startsWith(region)) throw new Forbidden('超出数据权限范围 (forbidden: outside your scope)', 'out_of_scope', { permission: 'person.read', region: e.village_code });
    await this.p.audit.record({ actor: actor.name, action: 'enterprise.view', target: `enterprise:${e.id}`, ip });

    const code = e.id_hash!;
    const [registration, people, employees] = await Promise.all([
      this.p.db.selectFrom('identity_record').selectAll().where('entity_id', '=', e.id).where('active', '=', true).orderBy('batch_id', 'desc').limit(1).executeTakeFirst(),
      this.p.db
        .selectFrom('identity_record as r')
        .leftJoin('identity_entity as pe', 'pe.id', 'r.entity_id')
        .select(['r.role', 'r.name', 'r.id_masked', 'r.context', 'pe.id as person_id', 'pe.name as person_name'])
        .where('r.kind', '=', 'person')
        .where('r.active', '=', true)
        .where('r.role', 'in', ['legal_rep', 'shareholder'])
        .where(sql<string>`r.context->>'credit_code'`, '=', code)
        .execute(),
      this.p.db
        .selectFrom('identity_record')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'insured')
        .where('active', '=', true)
        .where(sql<string>`context->>'employer_credit_code'`, '=', code)
        .executeTakeFirstOrThrow(),
    ]);
    const person = (r: (typeof people)[number]) => ({ personId: r.person_id, name: r.person_name ?? r.name, idMasked: r.id_masked });
    return {
      id: e.id,
      creditCode: code,
      name: e.name,
      villageCode: e.village_code,
      golden: e.golden,
      registration: registration ? { ...registration.context, address: registration.address, established: registration.birth_date, source: { dataset: registration.dataset, batch: Number(registration.batch_id), row: Number(registration.row_id), line: registration.line } } : null,
      legalRepresentatives: people.filter((r) => r.role === 'legal_rep').map(person),
      shareholders: people.filter((r) => r.role === 'shareholder').map((r) => ({ ...person(r), subscribedWan: r.context.subscribed_wan ?? null, ratio: r.context.ratio ?? null })),
      insuredEmployees: Number(employees.n),
    };
  }
}
