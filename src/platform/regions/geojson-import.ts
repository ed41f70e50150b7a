import { feature } from '@turf/helpers';
import { pointOnFeature } from '@turf/point-on-feature';
import type { Db } from '../db/transaction.js';
import { withTransaction } from '../db/transaction.js';
import { Invalid } from '../errors.js';
import { regionByCode, setGeometry, upsertRegions } from './regions.store.js';

export interface ImportResult {
  updated: number;
  created: number;
  errors: Array<{ index: number; code: string | null; reason: string }>;
}

const MAX_FEATURES = 20_000;

function ringOk(ring: unknown): boolean {
  if (!Array.isArray(ring) || ring.length < 4) return false;
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2) return false;
    const [lon, lat] = p;
    // China's extent; a swapped lat/lon or a projected coordinate falls outside it.
    if (typeof lon !== 'number' || typeof lat !== 'number' || lon < 73 || lon > 136 || lat < 3 || lat > 54) return false;
  }
  const a = ring[0] as number[];
  const b = ring[ring.length - 1] as number[];
  return a[0] === b[0] && a[1] === b[1];
}

function geometryProblem(g: { type?: unknown; coordinates?: unknown } | null | undefined): string | null {
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return 'geometry must be a Polygon or MultiPolygon';
  const polys = g.type === 'Polygon' ? [g.coordinates] : (g.coordinates as unknown[]);
  if (!Array.isArray(polys) || polys.length === 0) return 'no coordinates';
  for (const poly of polys) {
    if (!Array.isArray(poly) || poly.length === 0 || !poly.every(ringOk)) {
      return 'each ring needs ≥ 4 [lon, lat] positions within China (WGS-84), first equal to last';
    }
  }
  return null;
}

/**
 * Imports real boundaries. Each feature names its region by `properties.code`; existing regions get
 * the geometry (no longer approximate), and 15-digit grid codes under a known village are created.
 * Valid features are applied together in one transaction; refused ones are reported by index.
 */
export async function importBoundaries(db: Db, fc: unknown, progress?: (done: number, total: number) => void): Promise<ImportResult> {
  const features = (fc as { type?: string; features?: unknown[] })?.features;
  if ((fc as { type?: string })?.type !== 'FeatureCollection' || !Array.isArray(features)) {
    throw new Invalid('需要 GeoJSON FeatureCollection (expected a GeoJSON FeatureCollection)', { type: 'FeatureCollection' });
  }
  if (features.length > MAX_FEATURES) throw new Invalid(`要素过多 (at most ${MAX_FEATURES} features)`, { features: 'too many' });
  const result: ImportResult = { updated: 0, created: 0, errors: [] };
  await withTransaction(db, async (tx) => {
    for (const [index, raw] of features.entries()) {
      const f = raw as { properties?: Record<string, unknown>; geometry?: { type?: unknown; coordinates?: unknown } };
      const code = typeof f?.properties?.code === 'string' || typeof f?.properties?.code === 'number' ? String(f.properties.code) : null;
      if (!code || !/^\d{6}(\d{3}){0,3}$/.test(code)) {
        result.errors.push({ index, code, reason: 'properties.code must be a 6, 9, 12 or 15-digit region code' });
        continue;
      }
      const problem = geometryProblem(f.geometry);
      if (problem) {
        result.errors.push({ index, code, reason: problem });
        continue;
      }
      const c = pointOnFeature(feature(f.geometry as never)).geometry.coordinates;
      const g = { geometry: JSON.stringify(f.geometry), centroid_lon: c[0], centroid_lat: c[1], approximate: false };
      if (await regionByCode(tx, code)) {
        await setGeometry(tx, code, g);
        result.updated++;
      } else if (code.length === 15 && (await regionByCode(tx, code.slice(0, 12)))) {
        const name = typeof f.properties?.name === 'string' && f.properties.name.trim() ? f.properties.name.trim().slice(0, 64) : `网格 ${code.slice(12)}`;
        await upsertRegions(tx, [{ code, parent_code: code.slice(0, 12), level: 'grid', name, kind: 'grid', district_code: code.slice(0, 6), sort: Number(code.slice(12)), ...g }]);
        result.created++;
      } else {
        result.errors.push({ index, code, reason: 'no such region (and not a grid under a known village)' });
      }
      progress?.(index + 1, features.length);
    }
  });
  return result;
}
