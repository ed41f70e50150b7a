import type { RuleInput } from './routing-rules.js';

/**
 * Seeded routing rules, by the hub's default taxonomy codes (src/events/default-taxonomy.ts).
 * Departments are named by short name and resolved to org codes when seeding. First match wins.
 */
type Seed = Omit<RuleInput, 'target' | 'alsoNotify'> & { target: SeedTarget; alsoNotify?: SeedTarget[] };
type SeedTarget = { kind: 'town_centre' | 'district_centre' | 'village' | 'grid' } | { kind: 'department'; short: string };

const any = { severities: [], regions: [] };
const town = { kind: 'town_centre' } as const;
const district = { kind: 'district_centre' } as const;
const grid = { kind: 'grid' } as const;
const dept = (short: string) => ({ kind: 'department', short }) as const;

export const DEFAULT_RULES: Seed[] = [
  { name: '森林火情（特别严重）→ 镇街指挥室 + 区城运中心', enabled: true, match: { categories: ['smoke-fire'], severities: ['critical'], regions: [] }, target: town, alsoNotify: [district, dept('林业局'), dept('应急管理局')] },
  { name: '森林火情 → 镇街指挥室', enabled: true, match: { categories: ['smoke-fire'], ...any }, target: town, alsoNotify: [dept('林业局')] },
  { name: '积水内涝 → 镇街指挥室', enabled: true, match: { categories: ['flood-waterlogging'], ...any }, target: town, alsoNotify: [dept('应急管理局')] },
  { name: '地质灾害隐患 → 镇街指挥室', enabled: true, match: { categories: ['geological-hazard'], ...any }, target: town, alsoNotify: [dept('规划资源局')] },
  { name: '河道污染 → 生态环境局', enabled: true, match: { categories: ['river-pollution'], ...any }, target: dept('生态环境局'), alsoNotify: [town] },
  { name: '噪声扰民 → 生态环境局', enabled: true, match: { categories: ['noise'], ...any }, target: dept('生态环境局') },
  { name: '秸秆焚烧 → 镇街指挥室', enabled: true, match: { categories: ['straw-burning'], ...any }, target: town, alsoNotify: [dept('生态环境局')] },
  { name: '违章搭建 → 综合执法局', enabled: true, match: { categories: ['illegal-construction'], ...any }, target: dept('综合执法局'), alsoNotify: [town] },
  { name: '道路破损 → 交通运输局', enabled: true, match: { categories: ['road-damage'], ...any }, target: dept('交通运输局') },
  { name: '违规停车 → 交警大队', enabled: true, match: { categories: ['illegal-parking'], ...any }, target: dept('交警大队') },
  { name: '占道经营 → 城管局', enabled: true, match: { categories: ['street-vending'], ...any }, target: dept('城管局') },
  { name: '耕地非农化 → 农业农村局', enabled: true, match: { categories: ['farmland-misuse'], ...any }, target: dept('农业农村局'), alsoNotify: [dept('规划资源局')] },
  { name: '监督预警 → 纪委监委', enabled: true, match: { categories: ['supervision-warning'], ...any }, target: dept('纪委监委') },
  { name: '民生补助预警 → 镇街指挥室（民政局）', enabled: true, match: { categories: ['supervision-livelihood'], ...any }, target: town, alsoNotify: [dept('民政局')] },
  { name: '公租房预警 → 镇街指挥室（住建局）', enabled: true, match: { categories: ['supervision-housing'], ...any }, target: town, alsoNotify: [dept('住建局')] },
  { name: '工程项目预警 → 纪委监委（财政局）', enabled: true, match: { categories: ['supervision-engineering'], ...any }, target: dept('纪委监委'), alsoNotify: [dept('财政局')] },
  { name: '健康风险 → 卫健局', enabled: true, match: { categories: ['health-risk'], ...any }, target: dept('卫健局') },
  { name: '指标越限 → 区城运中心', enabled: true, match: { categories: ['indicator-breach'], ...any }, target: district },
  { name: '环境卫生、设备告警、其他诉求 → 网格', enabled: true, match: { categories: ['sanitation', 'device-alarm', 'citizen-other'], ...any }, target: grid },
  { name: '其他特别严重事件 → 镇街指挥室 + 区城运中心', enabled: true, match: { categories: [], severities: ['critical'], regions: [] }, target: town, alsoNotify: [district] },
];

/** Seeded SLA limits in minutes: '*' is any category or severity; the most specific row wins. */
export const DEFAULT_SLAS: Array<{ category: string; severity: string; accept: number; resolve: number }> = [
  { category: '*', severity: 'critical', accept: 15, resolve: 240 },
  { category: '*', severity: 'high', accept: 30, resolve: 720 },
  { category: '*', severity: 'medium', accept: 120, resolve: 2880 },
  { category: '*', severity: 'low', accept: 480, resolve: 10080 },
  { category: 'smoke-fire', severity: '*', accept: 10, resolve: 180 },
  { category: 'smoke-fire', severity: 'critical', accept: 5, resolve: 120 },
  { category: 'flood-waterlogging', severity: '*', accept: 15, resolve: 360 },
  { category: 'river-pollution', severity: '*', accept: 60, resolve: 1440 },
];

/** Resolves department short names to org codes; a seed naming an unknown department is skipped. */
export function seedRules(departments: Map<string, string>): RuleInput[] {
  const target = (t: SeedTarget) => (t.kind === 'department' ? (departments.has(t.short) ? { kind: 'department' as const, code: departments.get(t.short)! } : null) : t);
  return DEFAULT_RULES.flatMap((s) => {
    const main = target(s.target);
    if (!main) return [];
    const also = (s.alsoNotify ?? []).map(target).filter((t) => t !== null);
    return [{ name: s.name, enabled: s.enabled, match: s.match, target: main, alsoNotify: also }];
  });
}
