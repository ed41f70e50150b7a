import type { TFunction } from 'i18next';
import type { Operand, Predicate, SourceSpec } from '../supervision-types';

/** What sentences are written with: the UI language, the model's parameters, and field names as column headers. */
export interface Wording {
  t: TFunction;
  params: Record<string, unknown>;
  /** `e.status` → `e.经营状态`; the reference itself when the contract is not at hand. */
  field: (ref: string) => string;
}

/**
 * A model's conditions as sentences an inspector can check against the regulation
 * ("e.经营状态 属于 “存续”、“在业”"), built from the same JSON the server compiles to SQL.
 */
export function operandText(w: Wording, o: Operand): string {
  const { t } = w;
  if (typeof o === 'string') return `“${o}”`;
  if (typeof o === 'number') return String(o);
  if (Array.isArray(o)) return o.map((x) => (typeof x === 'string' ? `“${x}”` : String(x))).join('、');
  if ('param' in o) return t('supervision.pred.param', { name: o.param, value: w.params[o.param] ?? '?' });
  if ('asOf' in o) return o.asOf === 0 ? t('supervision.pred.asOf') : t('supervision.pred.asOfDays', { days: o.asOf > 0 ? `+${o.asOf}` : o.asOf });
  if (o.days) return t('supervision.pred.fieldDays', { field: w.field(o.field), days: o.days > 0 ? `+${o.days}` : o.days });
  return w.field(o.field);
}

export function predicateText(w: Wording, p: Predicate): string {
  const { t } = w;
  if (Array.isArray(p)) {
    const [field, op, ...rest] = p;
    const verb = t(`supervision.op.${op}`, { defaultValue: op });
    if (op === 'is_null' || op === 'not_null') return `${w.field(field)} ${verb}`;
    return `${w.field(field)} ${verb} ${rest.map((o) => operandText(w, o)).join(' ')}`;
  }
  if ('any' in p) return t('supervision.pred.any', { list: p.any.map((q) => `（${predicateText(w, q)}）`).join(t('supervision.pred.or')) });
  const sub = 'exists' in p ? p.exists : p.notExists;
  const sources = sub.sources.map((s) => sourceText(w, s)).join('；');
  const where = (sub.where ?? []).map((q) => predicateText(w, q));
  const body = where.length ? `${sources}；${where.join(t('supervision.pred.and'))}` : sources;
  const negated = 'notExists' in p;
  return t(negated ? 'supervision.pred.notExists' : 'supervision.pred.exists', { body });
}

/** How a source is joined to an earlier one. */
export function joinText(w: Wording, s: SourceSpec): string {
  const { t } = w;
  const { join } = s;
  if (!join) return t('supervision.join.first');
  const parties = (ps?: string[], party?: string) => {
    const from = (ps ?? ['']).filter(Boolean);
    return [from.length ? t('supervision.join.parties', { parties: from.join('、') }) : '', party ? t('supervision.join.party', { party }) : ''].join('');
  };
  if ('samePerson' in join) return t('supervision.join.samePerson', { alias: join.samePerson }) + parties(join.parties, join.party);
  if ('relativeOf' in join) {
    const rel = (join.relations ?? ['spouse', 'household']).map((r) => t(`supervision.join.relation.${r}`, { defaultValue: r })).join('、');
    return t('supervision.join.relativeOf', { alias: join.relativeOf, relations: rel }) + parties(join.parties, join.party);
  }
  return t('supervision.join.equal', { pairs: join.equal.map(([f, ref]) => `${w.field(`${s.as}.${f}`)} = ${w.field(ref)}`).join(t('supervision.pred.and')) });
}

export function sourceText(w: Wording, s: SourceSpec): string {
  const where = (s.where ?? []).map((q) => predicateText(w, q));
  return `${s.dataset} ${s.as}（${joinText(w, s)}）${where.length ? `：${where.join(w.t('supervision.pred.and'))}` : ''}`;
}

/** Every source of a model by alias, including those inside exists/notExists, for naming fields. */
export function sourcesByAlias(v: unknown, out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(v)) v.forEach((x) => sourcesByAlias(x, out));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.as === 'string' && typeof o.dataset === 'string') out.set(o.as, o.dataset);
    Object.values(o).forEach((x) => sourcesByAlias(x, out));
  }
  return out;
}
