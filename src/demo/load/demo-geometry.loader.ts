import { centroid } from '@turf/centroid';
import { feature } from '@turf/helpers';
import type { Platform } from '../../platform/platform.js';
import { districtOutline, splitArea, townCells, type Area } from '../../platform/regions/demo-geometry.js';
import { upsertRegions, setGeometry, regionsUnder } from '../../platform/regions/regions.store.js';
import { withTransaction } from '../../platform/db/transaction.js';

/** Communities are denser than villages, so they get more grids (网格). */
function gridCount(code: string, kind: string): number {
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return kind === 'community' ? 4 + (h % 3) : 2 + (h % 3);
}

/**
 * Draws approximate polygons for the district, towns and villages, and creates grids under each
 * village with their own polygons. Everything it writes is marked approximate.
 */
export async function loadDemoGeometry(p: Platform, progress: (done: number, total: number) => Promise<void>): Promise<{ grids: number }> {
  const district = await p.db.selectFrom('region').select(['code']).where('level', '=', 'district').executeTakeFirstOrThrow();
  const towns = await regionsUnder(p.db, district.code, 'town');
  let grids = 0;
  await withTransaction(p.db, async (tx) => {
    const outline = districtOutline();
    const c = centroid(outline).geometry.coordinates;
    await setGeometry(tx, district.code, { geometry: JSON.stringify(outline.geometry), centroid_lon: c[0], centroid_lat: c[1], approximate: true });
    const cells = townCells(towns.map((t) => t.code));
    let done = 0;
    for (const cell of cells) {
      await setGeometry(tx, cell.code, { geometry: JSON.stringify(cell.geometry), centroid_lon: cell.centroid[0], centroid_lat: cell.centroid[1], approximate: true });
      const villages = await regionsUnder(tx, cell.code, 'village');
      const villageCells = splitArea(feature(cell.geometry) as Area, villages.map((v) => v.code));
      for (const [i, vc] of villageCells.entries()) {
        const v = villages[i];
        await setGeometry(tx, vc.code, { geometry: JSON.stringify(vc.geometry), centroid_lon: vc.centroid[0], centroid_lat: vc.centroid[1], approximate: true });
        const n = gridCount(v.code, v.kind);
        const codes = Array.from({ length: n }, (_, k) => `${v.code}${String(k + 1).padStart(3, '0')}`);
        const gridCells = splitArea(feature(vc.geometry) as Area, codes);
        await upsertRegions(
          tx,
          gridCells.map((g, k) => ({
            code: g.code,
            parent_code: v.code,
            level: 'grid' as const,
            name: `${v.name.replace(/村委会$|居委会$/, '村')}第${k + 1}网格`,
            kind: 'grid',
            district_code: district.code,
            geometry: JSON.stringify(g.geometry),
            centroid_lon: g.centroid[0],
            centroid_lat: g.centroid[1],
            approximate: true,
            sort: k,
          })),
        );
        grids += n;
      }
      await progress(++done, cells.length);
    }
  });
  return { grids };
}
