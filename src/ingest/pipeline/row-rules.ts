import type { QualityRule } from '../contract.js';

export type RuleResult = { reason: string; detail: string; action: 'reject' | 'flag' } | null;

/** Row-level custom rules (min, max, pattern, not_future); unique and ref run in SQL over the batch. */
export function compileRowRule(rule: QualityRule, today: Date): (v: unknown) => RuleResult {
  const fail = (detail: string): RuleResult => ({ reason: `rule:${rule.name}`, detail, action: rule.action });
  const todayIso = today.toISOString().slice(0, 10);
  switch (rule.check) {
    case 'min':
      return (v) => (typeof v === 'number' ? (v < Number(rule.value) ? fail(`${v} < ${rule.value}`) : null) : typeof v === 'string' && v < String(rule.value) ? fail(`${v} < ${rule.value}`) : null);
    case 'max':
      return (v) => (typeof v === 'number' ? (v > Number(rule.value) ? fail(`${v} > ${rule.value}`) : null) : typeof v === 'string' && v > String(rule.value) ? fail(`${v} > ${rule.value}`) : null);
    case 'pattern': {
      const re = new RegExp(String(rule.value ?? ''), 'u');
      return (v) => (re.test(String(v)) ? null : fail(`does not match ${rule.value}`));
    }
    case 'not_future':
      return (v) => (typeof v === 'string' && v.slice(0, 10) > todayIso ? fail(`${v} is in the future`) : null);
    default:
      return () => null;
  }
}
