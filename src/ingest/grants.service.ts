import type { Principal } from '../platform/auth/principal.js';
import { can } from '../platform/auth/principal.js';
import { isRole } from '../platform/auth/roles.js';
import type { Platform } from '../platform/platform.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../platform/errors.js';
import type { CatalogService } from './catalog.service.js';
import type { DatasetSpec } from './contract.js';
import { isoOrNull } from '../platform/db/column-types.js';

export interface GrantRequest {
  granteeKind: 'department' | 'role';
  grantee: string;
  fields: string[] | null;
  purpose: string;
  expiresAt: string;
}

const iso = isoOrNull;

/** Access to a dataset beyond its owner: a request, then an approval or refusal (申请-审批). */
export class GrantsService {
  constructor(
    private readonly p: Platform,
    private readonly catalog: CatalogService,
  ) {}

  async request(name: string, input: GrantRequest, actor: Principal) {
    if (!can(actor, 'dataset.read')) throw new Forbidden('无权申请 (forbidden: dataset.read)', 'forbidden', { permission: 'dataset.read' });
    const d = await this.catalog.get(name);
    const spec = d.spec as unknown as DatasetSpec;
    const fields: Record<string, string> = {};
    if (input.granteeKind === 'role' && !isRole(input.grantee)) fields.grantee = 'unknown role';
    if (input.granteeKind === 'department' && !(await this.p.db.selectFrom('org_unit').select('code').where('code', '=', input.grantee).where('kind', '=', 'department').executeTakeFirst())) fields.grantee = 'unknown department code';
    const unknown = (input.fields ?? []).filter((f) => !spec.fields.some((s) => s.name === f));
    if (unknown.length) fields.fields = `unknown fields: ${unknown.join(', ')}`;
    const expires = new Date(input.expiresAt);
    if (Number.isNaN(expires.getTime()) || expires <= new Date()) fields.expiresAt = 'a future date';
    if (expires.getTime() - Date.now() > 3 * 365 * 86_400_000) fields.expiresAt = 'at most three years ahead';
    if (!input.purpose?.trim()) fields.purpose = 'required';
    if (Object.keys(fields).length) throw new Invalid('申请不合法 (invalid request)', fields);
    const row = await this.p.db
      .insertInto('dataset_grant')
      .values({ dataset_id: d.id, grantee_kind: input.granteeKind, grantee: input.grantee, fields: input.fields ? JSON.stringify(input.fields) : null, purpose: input.purpose.trim().slice(0, 500), expires_at: expires, status: 'requested', requested_by: actor.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.p.audit.record({ actor: actor.name, action: 'grant.request', target: `dataset:${d.name}`, detail: { grant: row.id, grantee: `${input.granteeKind}:${input.grantee}`, fields: input.fields } });
    return { id: row.id };
  }

  async decide(id: number, decision: 'approved' | 'refused' | 'revoked', note: string | null, actor: Principal) {
    if (!can(actor, 'grant.decide')) throw new Forbidden('无权审批 (forbidden: grant.decide)', 'forbidden', { permission: 'grant.decide' });
    const g = await this.p.db.selectFrom('dataset_grant').selectAll().where('id', '=', id).executeTakeFirst();
    if (!g) throw new NotFound('申请不存在 (no such grant)');
    const allowed = decision === 'revoked' ? g.status === 'approved' : g.status === 'requested';
    if (!allowed) throw new Conflict(`申请状态为 ${g.status} (grant is ${g.status})`, 'grant_state');
    if (decision !== 'revoked' && g.requested_by === actor.name) throw new Forbidden('不能审批自己的申请 (cannot decide your own request)', 'self_approval', { target: `grant:${id}` });
    await this.p.db.updateTable('dataset_grant').set({ status: decision, decided_by: actor.name, decided_at: new Date(), decision_note: note?.slice(0, 500) ?? null }).where('id', '=', id).where('status', '=', g.status).execute();
    await this.p.audit.record({ actor: actor.name, action: `grant.${decision}`, target: `grant:${id}`, detail: { dataset: g.dataset_id, note } });
  }

  async list(name: string | null, actor: Principal) {
    if (!can(actor, 'dataset.read')) throw new Forbidden('无权查看 (forbidden: dataset.read)', 'forbidden', { permission: 'dataset.read' });
    let q = this.p.db.selectFrom('dataset_grant as g').innerJoin('dataset as d', 'd.id', 'g.dataset_id').selectAll('g').select('d.name as dataset');
    if (name) q = q.where('d.name', '=', name);
    if (!can(actor, 'grant.decide')) q = q.where('g.requested_by', '=', actor.name);
    const rows = await q.orderBy('g.id', 'desc').limit(500).execute();
    return rows.map((g) => ({
      id: g.id, dataset: g.dataset, granteeKind: g.grantee_kind, grantee: g.grantee, fields: g.fields, purpose: g.purpose,
      expiresAt: iso(g.expires_at), status: g.status, requestedBy: g.requested_by, requestedAt: iso(g.requested_at),
      decidedBy: g.decided_by, decidedAt: iso(g.decided_at), note: g.decision_note,
    }));
  }
}
