import { RegionIndex } from './region-index.js';
import type { Db } from '../db/transaction.js';
import { withTransaction } from '../db/transaction.js';
import { Forbidden, NotFound } from '../errors.js';
import type { Principal, Scope } from '../auth/principal.js';
import { scopeCovers } from '../auth/principal.js';
import type { ScopeResolver } from '../auth/users.service.js';
import type { GeoJSONGeometry, RegionTable } from '../tables.js';
import { commandCentreCode, departmentCode, DEPARTMENTS } from './departments.js';
import type { Divisions } from './divisions.js';
import * as store from './regions.store.js';

export interface RegionItem {
  code: string;
  name: string;
  level: RegionTable['level'];
  kind: string;
  parentCode: string | null;
  childCount: number;
  centroid: [number, number] | null;
  approximate: boolean;
}

type Row = Awaited<ReturnType<typeof store.childrenOf>>[number];

function item(r: Row): RegionItem {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    kind: r.kind,
    parentCode: r.parent_code,
    childCount: Number(r.child_count ?? 0),
    centroid: r.centroid_lon != null && r.centroid_lat != null ? [r.centroid_lon, r.centroid_lat] : null,
    approximate: r.approximate,
  };
}

const LEVEL_OF_LENGTH: Record<number, RegionTable['level']> = { 6: 'district', 9: 'town', 12: 'village', 15: 'grid' };

/** The district's regions (district, towns, villages, grids) and organisations. */
export class RegionsService implements ScopeResolver {
  /** Point-in-polygon lookups over the boundaries, cached in this process. */
  readonly index: RegionIndex;

  constructor(private readonly db: Db) {
    this.index = new RegionIndex(db);
  }

  /** Loads the real division codes, the 61 departments and the command centres. Idempotent. */
  async seedDivisions(d: Divisions): Promise<void> {
    const dc = d.district.code;
    const rows: Parameters<typeof store.upsertRegions>[1] = [
      { code: dc, parent_code: null, level: 'district', name: d.district.name, kind: 'district', district_code: dc, sort: 0 },
    ];
    d.towns.forEach((t, i) => {
      rows.push({ code: t.code, parent_code: dc, level: 'town', name: t.name, kind: t.kind, district_code: dc, sort: i });
      t.villages.forEach((v, j) => rows.push({ code: v.code, parent_code: t.code, level: 'village', name: v.name, kind: v.kind, district_code: dc, sort: j }));
    });
    await withTransaction(this.db, async (tx) => {
      await store.upsertRegions(tx, rows);
      await store.upsertOrgs(tx, [
        { code: commandCentreCode(dc), name: `${d.district.name}城市运行管理中心`, short_name: '城运中心', kind: 'district_centre', region_code: dc, district_code: dc, sort: 0 },
        ...d.towns.map((t, i) => ({ code: commandCentreCode(t.code), name: `${t.name}综合指挥室`, short_name: t.name, kind: 'command_centre' as const, region_code: t.code, district_code: dc, sort: i })),
        ...DEPARTMENTS.map((dep, i) => ({ code: departmentCode(dc, i), name: dep.name, short_name: dep.short, kind: 'department' as const, region_code: dc, district_code: dc, sort: i })),
      ]);
    });
  }

  async summary() {
    const [levels, orgs, approximate, district] = await Promise.all([
      store.countByLevel(this.db),
      store.countOrgsByKind(this.db),
      store.anyApproximate(this.db),
      this.db.selectFrom('region').select(['code', 'name']).where('level', '=', 'district').executeTakeFirst(),
    ]);
    const n = (l: string) => Number(levels.find((r) => r.level === l)?.n ?? 0);
    const o = (k: string) => Number(orgs.find((r) => r.kind === k)?.n ?? 0);
    return {
      district: district ?? null,
      counts: { towns: n('town'), villages: n('village'), grids: n('grid'), departments: o('department'), commandCentres: o('command_centre') },
      approximateBoundaries: approximate,
    };
  }

  /** Children of a region; without a parent, what the caller's scope starts at. */
  async children(p: Principal, parent?: string): Promise<RegionItem[]> {
    if (!parent) {
      if (p.scope.kind === 'district' || p.scope.kind === 'department') {
        const district = await this.db.selectFrom('region').select('code').where('level', '=', 'district').executeTakeFirst();
        return district ? (await store.childrenOf(this.db, district.code)).map(item) : [];
      }
      const own = await store.regionByCode(this.db, p.scope.code);
      return own ? [item(own)] : [];
    }
    this.assertVisible(p, parent);
    return (await store.childrenOf(this.db, parent)).map(item);
  }

  async get(p: Principal, code: string) {
    this.assertVisible(p, code);
    const r = await store.regionByCode(this.db, code);
    if (!r) throw new NotFound(`区域 ${code} 不存在 (no such region)`);
    const path: Array<{ code: string; name: string; level: string }> = [];
    let parent = r.parent_code;
    while (parent) {
      const up = await store.regionByCode(this.db, parent);
      if (!up) break;
      path.unshift({ code: up.code, name: up.name, level: up.level });
      parent = up.parent_code;
    }
    return { ...item(r), geometry: r.geometry, path };
  }

  async geojson(p: Principal, level: RegionTable['level'], parent?: string) {
    if (parent) this.assertVisible(p, parent);
    const prefix = parent ?? (p.scope.kind === 'town' || p.scope.kind === 'village' ? p.scope.code : null);
    const rows = await store.regionsByLevel(this.db, level, prefix);
    return {
      type: 'FeatureCollection' as const,
      features: rows.map((r) => ({
        type: 'Feature' as const,
        properties: { code: r.code, name: r.name, level: r.level, approximate: r.approximate },
        geometry: r.geometry as GeoJSONGeometry,
      })),
    };
  }

  async orgs(kind?: 'department' | 'command_centre' | 'district_centre') {
    const rows = await store.listOrgs(this.db, kind);
    return rows.map((r) => ({ code: r.code, name: r.name, shortName: r.short_name, kind: r.kind, regionCode: r.region_code, regionName: r.region_name }));
  }

  async scopeName(scope: Scope): Promise<string | null> {
    if (typeof scope?.code !== 'string') return null;
    if (scope.kind === 'department') return (await store.orgByCode(this.db, scope.code))?.name ?? null;
    const r = await store.regionByCode(this.db, scope.code);
    if (!r || LEVEL_OF_LENGTH[scope.code.length] !== scope.kind) return null;
    return r.name;
  }

  /**
   * Region codes nest by prefix, so visibility is a prefix test in either direction: a town user
   * may see its town, everything under it, and the district above it (for the map frame).
   */
  private assertVisible(p: Principal, code: string): void {
    if (p.scope.kind === 'district' || p.scope.kind === 'department') return;
    if (scopeCovers(p.scope, code) || (p.scope.code.startsWith(code) && code.length === 6)) return;
    throw new Forbidden('超出数据权限范围 (forbidden: outside your scope)', 'out_of_scope', { region: code });
  }
}
