import type { Severity } from './event-messages.js';

export interface CategorySeed {
  code: string;
  zh: string;
  en: string;
  groupZh: string;
  groupEn: string;
  severity: Severity;
  radiusM: number;
  windowMinutes: number;
}

/** Supervision warnings about residents and enterprises, routed to towns and departments (officials' go to 纪委监委 as supervision-warning). */
export const SUPERVISION_CATEGORIES: readonly CategorySeed[] = [
  { code: 'supervision-livelihood', zh: '民生补助预警', en: 'Livelihood subsidy warning', groupZh: '公权力监督', groupEn: 'Supervision of public power', severity: 'medium', radiusM: 0, windowMinutes: 0 },
  { code: 'supervision-housing', zh: '公租房预警', en: 'Public rental housing warning', groupZh: '公权力监督', groupEn: 'Supervision of public power', severity: 'medium', radiusM: 0, windowMinutes: 0 },
  { code: 'supervision-engineering', zh: '工程项目预警', en: 'Engineering project warning', groupZh: '公权力监督', groupEn: 'Supervision of public power', severity: 'medium', radiusM: 0, windowMinutes: 0 },
];

/**
 * The 一网统管 categories a county operations centre starts with. Admins edit them through the
 * taxonomy API; the radius and window say how close two reports must be to be one case (a fire is
 * seen from far away by many cameras, a pothole is reported by the same street).
 */
export const DEFAULT_TAXONOMY: readonly CategorySeed[] = [
  { code: 'smoke-fire', zh: '森林火情', en: 'Smoke or fire', groupZh: '应急安全', groupEn: 'Emergency and safety', severity: 'critical', radiusM: 1000, windowMinutes: 360 },
  { code: 'flood-waterlogging', zh: '积水内涝', en: 'Flooding or waterlogging', groupZh: '应急安全', groupEn: 'Emergency and safety', severity: 'high', radiusM: 300, windowMinutes: 240 },
  { code: 'geological-hazard', zh: '地质灾害隐患', en: 'Landslide or geological hazard', groupZh: '应急安全', groupEn: 'Emergency and safety', severity: 'high', radiusM: 300, windowMinutes: 1440 },
  { code: 'illegal-construction', zh: '违章搭建', en: 'Illegal construction', groupZh: '城市管理', groupEn: 'City management', severity: 'medium', radiusM: 100, windowMinutes: 10080 },
  { code: 'road-damage', zh: '道路破损', en: 'Damaged road', groupZh: '城市管理', groupEn: 'City management', severity: 'medium', radiusM: 50, windowMinutes: 4320 },
  { code: 'sanitation', zh: '环境卫生', en: 'Litter and sanitation', groupZh: '城市管理', groupEn: 'City management', severity: 'low', radiusM: 100, windowMinutes: 1440 },
  { code: 'illegal-parking', zh: '违规停车', en: 'Illegal parking', groupZh: '城市管理', groupEn: 'City management', severity: 'low', radiusM: 50, windowMinutes: 120 },
  { code: 'street-vending', zh: '占道经营', en: 'Street vending on the road', groupZh: '城市管理', groupEn: 'City management', severity: 'low', radiusM: 100, windowMinutes: 240 },
  { code: 'river-pollution', zh: '河道污染', en: 'River pollution', groupZh: '生态环境', groupEn: 'Environment', severity: 'high', radiusM: 500, windowMinutes: 1440 },
  { code: 'noise', zh: '噪声扰民', en: 'Noise nuisance', groupZh: '生态环境', groupEn: 'Environment', severity: 'low', radiusM: 200, windowMinutes: 120 },
  { code: 'straw-burning', zh: '秸秆焚烧', en: 'Straw burning', groupZh: '生态环境', groupEn: 'Environment', severity: 'medium', radiusM: 500, windowMinutes: 240 },
  { code: 'farmland-misuse', zh: '耕地非农化', en: 'Farmland put to non-farm use', groupZh: '自然资源', groupEn: 'Natural resources', severity: 'medium', radiusM: 200, windowMinutes: 10080 },
  { code: 'device-alarm', zh: '设备告警', en: 'Device alarm', groupZh: '物联感知', groupEn: 'IoT sensing', severity: 'medium', radiusM: 200, windowMinutes: 120 },
  { code: 'supervision-warning', zh: '监督预警', en: 'Supervision warning', groupZh: '公权力监督', groupEn: 'Supervision of public power', severity: 'medium', radiusM: 0, windowMinutes: 0 },
  ...SUPERVISION_CATEGORIES,
  { code: 'health-risk', zh: '健康风险', en: 'Health risk', groupZh: '乡村医疗', groupEn: 'Rural health', severity: 'medium', radiusM: 0, windowMinutes: 0 },
  { code: 'indicator-breach', zh: '指标越限', en: 'Indicator out of range', groupZh: '驾驶舱', groupEn: 'Cockpit indicators', severity: 'medium', radiusM: 0, windowMinutes: 0 },
  { code: 'citizen-other', zh: '其他群众诉求', en: 'Other citizen request', groupZh: '群众诉求', groupEn: 'Citizen requests', severity: 'low', radiusM: 0, windowMinutes: 0 },
];
