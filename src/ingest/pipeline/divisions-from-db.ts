import type { Executor } from '../../platform/db/transaction.js';
import type { Divisions } from '../../platform/regions/divisions.js';

/** The district's towns and villages as the village resolver wants them, from the region table. */
export async function districtDivisions(db: Executor, districtCode: string): Promise<Divisions> {
  const rows = await db.selectFrom('region').select(['code', 'name', 'kind', 'level', 'parent_code']).where('district_code', '=', districtCode).where('level', 'in', ['district', 'town', 'village']).orderBy('sort').execute();
  const district = rows.find((r) => r.level === 'district');
  const towns = rows.filter((r) => r.level === 'town');
  return {
    source: 'region table',
    district: { code: districtCode, name: district?.name ?? districtCode, city: '', province: '' },
    towns: towns.map((t) => ({
      code: t.code,
      name: t.name,
      kind: t.kind,
      villages: rows.filter((v) => v.level === 'village' && v.parent_code === t.code).map((v) => ({ code: v.code, name: v.name, kind: v.kind })),
    })),
  };
}
