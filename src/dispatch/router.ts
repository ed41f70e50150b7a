import type { CaseOpened } from '../events/event-messages.js';
import type { Db, Executor } from '../platform/db/transaction.js';
import { listOrgs } from '../platform/regions/regions.store.js';
import type { Unit } from './case-model.js';
import type { RegionIndex } from '../platform/regions/region-index.js';
import { decide, type Decision, type Place, type Rule } from './routing-rules.js';
import type { RulesService } from './rules.service.js';

export interface Routing extends Decision {
  place: Place;
  assignee: string | null;
}

/** What routing reads from the database, read once for a batch of cases. */
export interface RoutingTables {
  rules: Rule[];
  gridWorkers: GridWorker[];
}

interface GridWorker {
  username: string;
  scope_kind: string;
  scope_code: string;
}

/** The grid worker for a grid: one scoped to the grid itself or to its village, the first by name if several. */
function gridWorkerOf(workers: GridWorker[], gridCode: string): string | null {
  const village = gridCode.slice(0, 12);
  return workers.find((w) => (w.scope_kind === 'village' && w.scope_code === village) || w.scope_code === gridCode)?.username ?? null;
}

const LEVEL_BY_LENGTH: Record<number, 'town' | 'village' | 'grid'> = { 9: 'town', 12: 'village', 15: 'grid' };

/** Decides who handles a case: where it is (point in polygon, else reported codes), which rule applies, which grid worker. */
export class Router {
  private orgNames: Map<string, string> | null = null;

  constructor(
    private readonly index: RegionIndex,
    private readonly rules: RulesService,
    private readonly db: Db,
  ) {}

  /** Rules and grid workers as they are now; edits made after this call apply to the next batch. */
  async tables(db: Executor): Promise<RoutingTables> {
    const [rules, gridWorkers] = await Promise.all([this.rules.list(db), this.gridWorkers(db)]);
    return { rules, gridWorkers };
  }

  async route(db: Executor, c: Pick<CaseOpened, 'category' | 'severity' | 'location' | 'districtCode'>, tables?: RoutingTables): Promise<Routing> {
    const t = tables ?? (await this.tables(db));
    const reasons: string[] = [];
    const place = await this.placeOf(db, c, reasons);
    const decision = decide(t.rules, c.category, c.severity, place);
    reasons.push(...decision.reasons);
    let assignee: string | null = null;
    if (decision.unit.kind === 'grid') {
      assignee = gridWorkerOf(t.gridWorkers, decision.unit.code);
      reasons.push(assignee ? `网格员 ${assignee} (grid worker of the grid's village)` : '该网格暂无网格员账号，由村社处理 (no grid worker account for this grid)');
    }
    return { ...decision, reasons, place, assignee };
  }

  /** The town, village and grid of a case's location. */
  async placeOf(db: Executor, c: Pick<CaseOpened, 'location' | 'districtCode'>, reasons: string[]): Promise<Place> {
    const { lon, lat, regionCode, gridCode } = c.location;
    const place: Place = { districtCode: c.districtCode, townCode: null, villageCode: null, gridCode: null };
    if (lon != null && lat != null) {
      const at = await this.index.locate(lon, lat, db);
      place.townCode = at.town?.code ?? null;
      place.villageCode = at.village?.code ?? null;
      place.gridCode = at.grid?.code ?? null;
      const names = [at.town, at.village, at.grid].filter((a) => a).map((a) => a!.name);
      reasons.push(names.length ? `位置 (${lon}, ${lat}) 落在 ${names.join(' / ')} (point in polygon)` : `位置 (${lon}, ${lat}) 不在已知边界内 (point outside every known boundary)`);
    }
    // Codes the reporter gave fill what the point did not settle (no point, or no polygons yet).
    for (const code of [gridCode, regionCode]) {
      if (!code || !code.startsWith(c.districtCode) || !(await this.index.area(code, db))) continue;
      const level = LEVEL_BY_LENGTH[code.length];
      if (!level) continue;
      const before = `${place.townCode}${place.villageCode}${place.gridCode}`;
      place.townCode ??= code.slice(0, 9);
      if (level !== 'town') place.villageCode ??= code.slice(0, 12);
      if (level === 'grid') place.gridCode ??= code;
      if (before !== `${place.townCode}${place.villageCode}${place.gridCode}`) reasons.push(`按上报的区划代码 ${code} (from the reported region code)`);
    }
    return place;
  }

  /** The grid worker for a grid: a grid_worker user scoped to the grid's village (the first by name if several). */
  async gridWorker(db: Executor, gridCode: string): Promise<string | null> {
    return gridWorkerOf(await this.gridWorkers(db), gridCode);
  }

  private async gridWorkers(db: Executor): Promise<GridWorker[]> {
    return db.selectFrom('app_user').select(['username', 'scope_kind', 'scope_code']).where('role', '=', 'grid_worker').where('locked', '=', false).orderBy('username').execute();
  }

  /** Whether a unit exists in the district: an org (centre, department) or a village or grid region. */
  async unitExists(u: Unit, districtCode: string, db: Executor = this.db): Promise<boolean> {
    if (u.kind === 'village' || u.kind === 'grid') {
      const a = await this.index.area(u.code, db);
      return !!a && a.level === u.kind && u.code.startsWith(districtCode);
    }
    const org = await db.selectFrom('org_unit').select(['kind', 'district_code']).where('code', '=', u.code).executeTakeFirst();
    return !!org && org.kind === u.kind && org.district_code === districtCode;
  }

  /** A unit's display name: the org's name for centres and departments, the region's for villages and grids. */
  async unitName(u: Unit, db: Executor = this.db): Promise<string> {
    if (u.kind === 'village' || u.kind === 'grid') return (await this.index.name(u.code, db)) ?? u.code;
    if (!this.orgNames?.has(u.code)) this.orgNames = new Map((await listOrgs(db)).map((o) => [o.code, o.name]));
    return this.orgNames.get(u.code) ?? u.code;
  }
}
