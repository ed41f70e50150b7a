import type { RuleTarget } from '../dispatch-types';

/** A target as one select value: `town_centre`, or `department:D330112019` for a department. */
export function targetValue(t: RuleTarget): string {
  return t.kind === 'department' ? `department:${t.code}` : t.kind;
}

export function targetFrom(v: string): RuleTarget {
  if (v.startsWith('department:')) return { kind: 'department', code: v.slice('department:'.length) };
  return { kind: v as Exclude<RuleTarget['kind'], 'department'> };
}

export const GENERIC_TARGETS = ['town_centre', 'district_centre', 'village', 'grid'] as const;
