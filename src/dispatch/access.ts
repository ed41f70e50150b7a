import { sql, type ExpressionBuilder } from 'kysely';
import type { Principal } from '../platform/auth/principal.js';
import type { Database } from '../platform/db/schema.js';
import type { Actor } from './case-model.js';

/** What access decisions need to know about a case (a row or a feed item carry it alike). */
export interface CasePlace {
  districtCode: string;
  townCode: string | null;
  villageCode: string | null;
  gridCode: string | null;
  unitKind: string;
  unitCode: string;
  unitRegion: string | null;
  assignee: string | null;
  escalatedCode: string | null;
  alsoNotify: string[];
}

const within = (code: string | null, prefix: string) => !!code && code.startsWith(prefix);

/**
 * Whether a principal sees a case: the district sees all of it; a town or village user the cases
 * located in, or handled by a unit in, their area; a department its own cases and those it is told
 * about; a grid worker also what is assigned to them by name.
 */
export function canSee(p: Principal, c: CasePlace): boolean {
  if (c.assignee && c.assignee === p.name) return true;
  const s = p.scope;
  if (s.kind === 'department') return c.unitCode === s.code || c.escalatedCode === s.code || c.alsoNotify.includes(s.code);
  if (s.kind === 'district') return c.districtCode.startsWith(s.code);
  return [c.townCode, c.villageCode, c.gridCode, c.unitRegion].some((code) => within(code, s.code)) || c.alsoNotify.some((code) => code === `C${s.code}`);
}

/** Whether a principal may act as the case's handler, or as its dispatcher/verifier. */
export function actsAs(p: Principal, c: CasePlace, role: Actor): boolean {
  const s = p.scope;
  if (role === 'system') return false;
  if (role === 'handler') {
    if (c.assignee === p.name) return true;
    if (s.kind === 'department') return c.unitKind === 'department' && c.unitCode === s.code;
    if (s.kind === 'district') return c.districtCode.startsWith(s.code);
    // A user one level up may act for a unit below (a town operator for a grid in the town); a
    // village-scoped grid worker only for their village's grids and not for another assignee's case.
    if (c.unitKind === 'grid' && c.assignee && s.kind === 'village') return false;
    return within(c.unitRegion, s.code);
  }
  // Dispatching, verifying and closing belong to the command centres: the town's, or the district's.
  if (s.kind === 'district') return c.districtCode.startsWith(s.code);
  if (s.kind === 'town') return within(c.townCode, s.code) || within(c.unitRegion, s.code);
  return false;
}

/** The same visibility rule as `canSee`, as a SQL filter on dispatch_case. */
export function visibleFilter(p: Principal) {
  const s = p.scope;
  const like = `${s.code}%`;
  return (eb: ExpressionBuilder<Database, 'dispatch_case'>) => {
    const mine = eb('dispatch_case.assignee', '=', p.name);
    if (s.kind === 'department') {
      return eb.or([mine, eb('dispatch_case.unit_code', '=', s.code), eb('dispatch_case.escalated_code', '=', s.code), sql<boolean>`dispatch_case.also_notify @> ${JSON.stringify([{ code: s.code }])}::jsonb`]);
    }
    if (s.kind === 'district') return eb.or([mine, eb('dispatch_case.district_code', 'like', like)]);
    return eb.or([
      mine,
      eb('dispatch_case.town_code', 'like', like),
      eb('dispatch_case.village_code', 'like', like),
      eb('dispatch_case.grid_code', 'like', like),
      eb('dispatch_case.unit_region', 'like', like),
      sql<boolean>`dispatch_case.also_notify @> ${JSON.stringify([{ code: `C${s.code}` }])}::jsonb`,
    ]);
  };
}
