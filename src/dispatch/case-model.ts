/** The case lifecycle of 闭环处置: statuses, actions, the escalation ladder. Pure, no I/O. */

export const CASE_STATUSES = ['reported', 'dispatched', 'accepted', 'in_progress', 'resolved', 'verified', 'closed', 'returned'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const UNIT_KINDS = ['district_centre', 'command_centre', 'department', 'village', 'grid'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  kind: UnitKind;
  /** Org code for centres and departments (C330112116, D330112019), region code for villages and grids. */
  code: string;
}

export const ACTIONS = ['dispatch', 'accept', 'start', 'resolve', 'return', 'escalate', 'verify', 'close', 'reopen'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Who may take an action: `handler` — someone in the unit handling the case (or its assignee);
 * `dispatcher` — the command centre over the case's town, or the district; `system` — dispatch itself.
 */
export type Actor = 'handler' | 'dispatcher' | 'system';

export interface ActionRule {
  from: readonly CaseStatus[];
  /** null: the status does not change (an escalation of a case being worked on). */
  to: CaseStatus | null;
  by: readonly Actor[];
  permission: string;
  noteRequired: boolean;
}

export const ACTION_RULES: Readonly<Record<Action, ActionRule>> = {
  dispatch: { from: ['reported', 'returned'], to: 'dispatched', by: ['system', 'dispatcher'], permission: 'dispatch.dispatch', noteRequired: false },
  accept: { from: ['dispatched'], to: 'accepted', by: ['handler'], permission: 'dispatch.handle', noteRequired: false },
  start: { from: ['accepted'], to: 'in_progress', by: ['handler'], permission: 'dispatch.handle', noteRequired: false },
  resolve: { from: ['accepted', 'in_progress'], to: 'resolved', by: ['handler'], permission: 'dispatch.handle', noteRequired: true },
  return: { from: ['dispatched', 'accepted'], to: 'returned', by: ['handler'], permission: 'dispatch.handle', noteRequired: true },
  escalate: { from: ['dispatched', 'accepted', 'in_progress', 'returned'], to: null, by: ['system', 'dispatcher'], permission: 'dispatch.dispatch', noteRequired: false },
  verify: { from: ['resolved'], to: 'verified', by: ['dispatcher'], permission: 'dispatch.verify', noteRequired: false },
  close: { from: ['verified'], to: 'closed', by: ['dispatcher'], permission: 'dispatch.verify', noteRequired: false },
  reopen: { from: ['resolved', 'verified', 'closed'], to: 'dispatched', by: ['dispatcher'], permission: 'dispatch.verify', noteRequired: true },
};

/** The status a case moves to, or null when the action is not allowed from `from`. */
export function nextStatus(action: Action, from: CaseStatus): CaseStatus | null {
  const rule = ACTION_RULES[action];
  if (!rule.from.includes(from)) return null;
  // An escalation of a case nobody accepted hands it to the next level to accept; one being worked on keeps its status.
  if (action === 'escalate') return from === 'returned' ? 'dispatched' : from;
  return rule.to;
}

/** Statuses in which the case is still open for the hub (Open311 `open`). */
export function hubStatus(s: CaseStatus): 'open' | 'closed' {
  return s === 'closed' ? 'closed' : 'open';
}

/** The region a unit stands for; a department stands for none (it acts across the district). */
export function unitRegion(u: Unit): string | null {
  if (u.kind === 'grid' || u.kind === 'village') return u.code;
  if (u.kind === 'command_centre' || u.kind === 'district_centre') return u.code.slice(1);
  return null;
}

export function commandCentreOf(regionCode: string): Unit {
  return regionCode.length === 6 ? { kind: 'district_centre', code: `C${regionCode}` } : { kind: 'command_centre', code: `C${regionCode.slice(0, 9)}` };
}

/** The escalation ladder: grid → village → town command centre → district centre; a department → district centre. */
export function nextLevel(u: Unit, districtCode: string): Unit | null {
  switch (u.kind) {
    case 'grid':
      return { kind: 'village', code: u.code.slice(0, 12) };
    case 'village':
      return commandCentreOf(u.code.slice(0, 9));
    case 'command_centre':
    case 'department':
      return { kind: 'district_centre', code: `C${districtCode}` };
    case 'district_centre':
      return null;
  }
}

const RANK: Record<UnitKind, number> = { grid: 0, village: 1, command_centre: 2, department: 2, district_centre: 3 };

/** The higher of two units on the ladder (escalations never move a case down). */
export function higher(a: Unit, b: Unit | null): Unit {
  return b && RANK[b.kind] > RANK[a.kind] ? b : a;
}
