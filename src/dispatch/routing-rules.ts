import { z } from 'zod';
import { SEVERITIES, type Severity } from '../events/event-messages.js';
import { commandCentreOf, type Unit } from './case-model.js';

const regionPrefix = z.string().regex(/^\d{6}(\d{3}){0,3}$/, 'a 6, 9, 12 or 15-digit region code');
const category = z.string().min(1).max(64).regex(/^[\p{L}\p{N}_.\-]+\*?$/u, 'a category code, or a prefix ending in *');

export const ruleMatch = z.object({
  /** Category codes; `env.*` matches a family; empty matches any. */
  categories: z.array(category).max(100).default([]),
  severities: z.array(z.enum(SEVERITIES)).max(4).default([]),
  /** Region code prefixes the location must lie in; empty matches anywhere (and no location). */
  regions: z.array(regionPrefix).max(100).default([]),
});

export const ruleTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('town_centre') }),
  z.object({ kind: z.literal('district_centre') }),
  z.object({ kind: z.literal('village') }),
  z.object({ kind: z.literal('grid') }),
  z.object({ kind: z.literal('department'), code: z.string().regex(/^D\d{9}$/, 'a department org code such as D330112019') }),
]);

export const ruleInput = z.object({
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  match: ruleMatch,
  target: ruleTarget,
  alsoNotify: z.array(ruleTarget).max(10).default([]),
});

export type RuleMatch = z.infer<typeof ruleMatch>;
export type RuleTarget = z.infer<typeof ruleTarget>;
export type RuleInput = z.infer<typeof ruleInput>;
export interface Rule extends RuleInput {
  id: number;
  position: number;
}

/** Where a case happened, as far as it is known. */
export interface Place {
  districtCode: string;
  townCode: string | null;
  villageCode: string | null;
  gridCode: string | null;
}

export interface Decision {
  unit: Unit;
  alsoNotify: Unit[];
  ruleId: number | null;
  reasons: string[];
}

const TARGET_LABEL: Record<RuleTarget['kind'], string> = {
  town_centre: '镇街综合指挥室',
  district_centre: '区城运中心',
  village: '村社',
  grid: '网格',
  department: '部门',
};

const MISSING_ZH = { town: '镇街', village: '村社', grid: '网格' } as const;

function categoryMatches(patterns: string[], code: string): boolean {
  return patterns.length === 0 || patterns.some((p) => (p.endsWith('*') ? code.startsWith(p.slice(0, -1)) : p === code));
}

export function ruleMatches(m: RuleMatch, category: string, severity: Severity, place: Place): boolean {
  if (!categoryMatches(m.categories, category)) return false;
  if (m.severities.length > 0 && !m.severities.includes(severity)) return false;
  if (m.regions.length > 0) {
    const finest = place.gridCode ?? place.villageCode ?? place.townCode;
    if (!finest || !m.regions.some((r) => finest.startsWith(r))) return false;
  }
  return true;
}

/**
 * Turns a target into a unit at the case's place. A target finer than what is known about the
 * place (a grid for a case with no grid) falls back up the ladder to the district centre, and the
 * reason says so.
 */
export function resolveTarget(t: RuleTarget, place: Place, reasons: string[]): Unit {
  const district: Unit = { kind: 'district_centre', code: `C${place.districtCode}` };
  const fallback = (missing: 'town' | 'village' | 'grid', next: () => Unit): Unit => {
    reasons.push(`未知${MISSING_ZH[missing]}，转上一级 (no ${missing} known for the location; falling back)`);
    return next();
  };
  const town = (): Unit => (place.townCode ? commandCentreOf(place.townCode) : fallback('town', () => district));
  const village = (): Unit => (place.villageCode ? { kind: 'village', code: place.villageCode } : fallback('village', town));
  switch (t.kind) {
    case 'district_centre':
      return district;
    case 'department':
      return { kind: 'department', code: t.code };
    case 'town_centre':
      return town();
    case 'village':
      return village();
    case 'grid':
      return place.gridCode ? { kind: 'grid', code: place.gridCode } : fallback('grid', village);
  }
}

/** Applies the first enabled rule that matches (by position); with none, the district centre decides. */
export function decide(rules: readonly Rule[], category: string, severity: Severity, place: Place): Decision {
  const reasons: string[] = [];
  const rule = [...rules].sort((a, b) => a.position - b.position).find((r) => r.enabled && ruleMatches(r.match, category, severity, place));
  if (!rule) {
    reasons.push(`无匹配规则，兜底至区城运中心 (no rule matches ${category}/${severity}: district fallback)`);
    return { unit: { kind: 'district_centre', code: `C${place.districtCode}` }, alsoNotify: [], ruleId: null, reasons };
  }
  reasons.push(`规则 #${rule.id}「${rule.name}」：${TARGET_LABEL[rule.target.kind]} (rule #${rule.id} matched ${category}/${severity})`);
  const unit = resolveTarget(rule.target, place, reasons);
  const also = rule.alsoNotify.map((t) => resolveTarget(t, place, [])).filter((u) => u.code !== unit.code);
  if (also.length > 0) reasons.push(`同时通知 ${also.map((u) => u.code).join(', ')} (also notified)`);
  return { unit, alsoNotify: also, ruleId: rule.id, reasons };
}
