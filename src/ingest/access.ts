import { sql } from 'kysely';
import type { Principal } from '../platform/auth/principal.js';
import { can } from '../platform/auth/principal.js';
import type { Executor } from '../platform/db/transaction.js';
import { Forbidden } from '../platform/errors.js';
import { maskAddress, maskName } from '../platform/ids/index.js';
import { SEALED_TYPES, type DatasetSpec, type FieldSpec } from './contract.js';
import type { DatasetRow } from './catalog.service.js';

export interface RowAccess {
  /** Fields the caller may see; others are left out. */
  fields: FieldSpec[];
  /** How each visible field is shown. */
  show: (f: FieldSpec, value: unknown, masked: string | undefined) => unknown;
  via: 'owner' | 'steward' | 'level' | 'grant';
}

/**
 * Who may read a dataset's rows, and how masked. L1–L2 rows are open to anyone holding
 * `dataset.read`; L3–L4 rows to the owning department, stewards and administrators, and to others
 * only through an approved, unexpired grant (which may also narrow the fields). Sealed fields are
 * always masked; L3 also masks names and addresses; L4 masks every personal field.
 */
export async function rowAccess(db: Executor, p: Principal, d: DatasetRow): Promise<RowAccess> {
  if (!can(p, 'dataset.read')) throw new Forbidden('无权查看数据集 (forbidden: dataset.read)', 'forbidden', { permission: 'dataset.read', target: `dataset:${d.name}` });
  const spec = d.spec as unknown as DatasetSpec;
  let fields = spec.fields;
  let via: RowAccess['via'] = 'level';
  if (p.role === 'admin' || p.role === 'data_steward') via = 'steward';
  else if (p.scope.kind === 'department' && p.scope.code === d.department_code) via = 'owner';
  else if (d.level === 'L3' || d.level === 'L4') {
    const grant = await db
      .selectFrom('dataset_grant')
      .select(['fields'])
      .where('dataset_id', '=', d.id)
      .where('status', '=', 'approved')
      .where('expires_at', '>', sql<Date>`now()`)
      .where((eb) => eb.or([eb.and([eb('grantee_kind', '=', 'role'), eb('grantee', '=', p.role)]), eb.and([eb('grantee_kind', '=', 'department'), eb('grantee', '=', p.scope.code)])]))
      .executeTakeFirst();
    if (!grant) throw new Forbidden(`${d.level} 级数据需经申请审批后查看 (an approved access grant is needed)`, 'grant_required', { target: `dataset:${d.name}` });
    if (grant.fields) fields = fields.filter((f) => (grant.fields as string[]).includes(f.name));
    via = 'grant';
  }
  const level = d.level;
  const show = (f: FieldSpec, value: unknown, masked: string | undefined): unknown => {
    if (SEALED_TYPES.has(f.type)) return masked ?? null;
    if (value == null) return null;
    if ((level === 'L3' || level === 'L4') && f.type === 'person_name') return maskName(String(value));
    if ((level === 'L3' || level === 'L4') && f.type === 'address') return maskAddress(String(value));
    if (level === 'L4' && (f.type === 'date' || f.type === 'geo_point' || f.type === 'credit_code')) return '***';
    return value;
  };
  return { fields, show, via };
}
