import type { Insertable } from 'kysely';
import type { Executor } from '../db/transaction.js';
import type { OrgUnitTable, RegionTable } from '../tables.js';

const CHUNK = 500;

export async function upsertRegions(db: Executor, rows: Insertable<RegionTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('region')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          kind: eb.ref('excluded.kind'),
          parent_code: eb.ref('excluded.parent_code'),
          sort: eb.ref('excluded.sort'),
        })),
      )
      .execute();
  }
}

export async function setGeometry(
  db: Executor,
  code: string,
  g: { geometry: string; centroid_lon: number; centroid_lat: number; approximate: boolean },
): Promise<boolean> {
  const r = await db.updateTable('region').set(g).where('code', '=', code).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function upsertOrgs(db: Executor, rows: Insertable<OrgUnitTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('org_unit')
    .values(rows)
    .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), short_name: eb.ref('excluded.short_name') })))
    .execute();
}

const LIST_COLUMNS = ['code', 'name', 'level', 'kind', 'parent_code', 'centroid_lon', 'centroid_lat', 'approximate'] as const;

export async function childrenOf(db: Executor, parent: string) {
  return db
    .selectFrom('region as r')
    .select(LIST_COLUMNS.map((c) => `r.${c}` as const))
    .select((eb) => eb.selectFrom('region as c').whereRef('c.parent_code', '=', 'r.code').select(eb.fn.countAll<number>().as('n')).as('child_count'))
    .where('r.parent_code', '=', parent)
    .orderBy('r.sort')
    .orderBy('r.code')
    .execute();
}

export async function regionByCode(db: Executor, code: string) {
  return db
    .selectFrom('region as r')
    .selectAll('r')
    .select((eb) => eb.selectFrom('region as c').whereRef('c.parent_code', '=', 'r.code').select(eb.fn.countAll<number>().as('n')).as('child_count'))
    .where('r.code', '=', code)
    .executeTakeFirst();
}

export async function regionsByLevel(db: Executor, level: RegionTable['level'], parentPrefix: string | null) {
  let q = db.selectFrom('region').select(['code', 'name', 'level', 'geometry', 'approximate']).where('level', '=', level).where('geometry', 'is not', null);
  if (parentPrefix) q = q.where('code', 'like', `${parentPrefix}%`);
  return q.orderBy('code').execute();
}

export async function countByLevel(db: Executor) {
  return db.selectFrom('region').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').execute();
}

export async function countOrgsByKind(db: Executor) {
  return db.selectFrom('org_unit').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
}

export async function anyApproximate(db: Executor): Promise<boolean> {
  const r = await db.selectFrom('region').select('code').where('approximate', '=', true).limit(1).executeTakeFirst();
  return !!r;
}

export async function listOrgs(db: Executor, kind?: OrgUnitTable['kind']) {
  let q = db
    .selectFrom('org_unit as o')
    .innerJoin('region as r', 'r.code', 'o.region_code')
    .select(['o.code', 'o.name', 'o.short_name', 'o.kind', 'o.region_code', 'r.name as region_name']);
  if (kind) q = q.where('o.kind', '=', kind);
  return q.orderBy('o.kind').orderBy('o.sort').orderBy('o.code').execute();
}

export async function orgByCode(db: Executor, code: string) {
  return db.selectFrom('org_unit').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function regionsUnder(db: Executor, code: string, level: RegionTable['level']) {
  return db.selectFrom('region').select(['code', 'name', 'kind', 'geometry']).where('level', '=', level).where('parent_code', '=', code).orderBy('code').execute();
}
