import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import { sql } from 'kysely';
import type { Db, Executor } from '../db/transaction.js';

interface Area {
  code: string;
  name: string;
  level: 'district' | 'town' | 'village' | 'grid';
  parent: string | null;
  geometry: Polygon | MultiPolygon | null;
  bbox: [number, number, number, number] | null;
}

export interface Located {
  district: Area | null;
  town: Area | null;
  village: Area | null;
  grid: Area | null;
}

/** How long a cached index is trusted before its fingerprint is checked against the database. */
const RECHECK_MS = 5_000;

function bboxOf(g: Polygon | MultiPolygon): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
    }
  }
  return [x0, y0, x1, y1];
}

/**
 * The district's regions with their polygons, cached in this process. Boundaries change rarely
 * (a GeoJSON import, the demo loader, possibly in another process), so instead of reloading per
 * case the cache keeps a fingerprint of the geometries and reloads when it differs. Point lookups
 * descend town → village → grid, testing only the children of the area found so far, with a
 * bounding-box check before the exact point-in-polygon test.
 */
export class RegionIndex {
  private areas = new Map<string, Area>();
  private children = new Map<string, Area[]>();
  private fingerprint: string | null = null;
  private checkedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  /** Drops the cache; the next lookup reloads. */
  invalidate(): void {
    this.fingerprint = null;
    this.checkedAt = 0;
  }

  /** `db` is the caller's executor: inside a transaction it must be the transaction (PGlite has one connection). */
  async area(code: string, db: Executor = this.db): Promise<Area | null> {
    await this.fresh(db);
    return this.areas.get(code) ?? null;
  }

  async name(code: string, db: Executor = this.db): Promise<string | null> {
    return (await this.area(code, db))?.name ?? null;
  }

  /** The district, town, village and grid containing a point (each null where none contains it). */
  async locate(lon: number, lat: number, db: Executor = this.db): Promise<Located> {
    await this.fresh(db);
    const district = [...this.areas.values()].find((a) => a.level === 'district') ?? null;
    const inside = (list: Area[] | undefined) =>
      (list ?? []).find((a) => a.geometry && a.bbox && lon >= a.bbox[0] && lon <= a.bbox[2] && lat >= a.bbox[1] && lat <= a.bbox[3] && booleanPointInPolygon([lon, lat], a.geometry)) ?? null;
    const town = district ? inside(this.children.get(district.code)) : null;
    const village = town ? inside(this.children.get(town.code)) : null;
    const grid = village ? inside(this.children.get(village.code)) : null;
    return { district, town, village, grid };
  }

  private async fresh(db: Executor): Promise<void> {
    if (this.fingerprint && Date.now() - this.checkedAt < RECHECK_MS) return;
    this.loading ??= this.reloadIfChanged(db).finally(() => {
      this.loading = null;
    });
    await this.loading;
  }

  private async reloadIfChanged(db: Executor): Promise<void> {
    const fp = await this.currentFingerprint(db);
    this.checkedAt = Date.now();
    if (fp === this.fingerprint) return;
    const rows = await db.selectFrom('region').select(['code', 'name', 'level', 'parent_code', 'geometry']).execute();
    const areas = new Map<string, Area>();
    const children = new Map<string, Area[]>();
    for (const r of rows) {
      const geometry = (r.geometry as Polygon | MultiPolygon | null) ?? null;
      const a: Area = { code: r.code, name: r.name, level: r.level, parent: r.parent_code, geometry, bbox: geometry ? bboxOf(geometry) : null };
      areas.set(a.code, a);
      if (a.parent) children.set(a.parent, [...(children.get(a.parent) ?? []), a]);
    }
    this.areas = areas;
    this.children = children;
    this.fingerprint = fp;
  }

  private async currentFingerprint(db: Executor): Promise<string> {
    const r = await sql<{ n: string; h: string | null }>`SELECT count(*)::text AS n, sum(hashtext(code || coalesce(geometry::text, '')))::text AS h FROM region`.execute(db);
    return `${r.rows[0].n}:${r.rows[0].h}`;
  }
}
