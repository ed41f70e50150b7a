import type { ModelSpec, Operand, Predicate } from '../model/model-spec.js';

/**
 * A grouped model that folds rows of a dataset into each row of the same dataset within a range
 * of one field ("contracts of the same buyer and contractor signed in the 90 days from this one")
 * is a window over one scan: each row's frame is the rows that the self-join would collect.
 * Compiled as a join and GROUP BY, the planner has to pair every row with every other of its
 * partition, and it guesses a handful of rows for the JSON conditions, so it picks a nested loop
 * over thousands; the window sorts the rows once.
 */
export interface SlidingWindow {
  /** Fields that the collected rows share with the anchor (the equal join): PARTITION BY. */
  partition: string[];
  /** The field the range is on: ORDER BY. */
  order: string;
  /** Frame bounds as offsets from the anchor's value (days for dates); null is unbounded. */
  from: number | null;
  to: number | null;
  /** Indexes of the collected source's conditions other than the range: the rows the window runs over. */
  conditions: number[];
}

/**
 * The window form of a model's group, or null when the model is not of that shape: exactly two
 * sources of one dataset, the collected one joined to the anchor by equal fields of the same
 * names, both with the same conditions apart from the range (so the anchors are the rows the
 * window runs over), and nothing else naming the collected source.
 */
export function slidingWindow(m: ModelSpec): SlidingWindow | null {
  const g = m.group;
  if (!g || m.sources.length !== 2) return null;
  const [anchor, collect] = m.sources;
  if (anchor.as !== g.anchor || collect.as !== g.collect || anchor.join || anchor.dataset !== collect.dataset) return null;
  if (!collect.join || !('equal' in collect.join)) return null;
  const partition: string[] = [];
  for (const [field, ref] of collect.join.equal) {
    if (ref !== `${anchor.as}.${field}`) return null;
    partition.push(field);
  }
  let order: string | null = null;
  let from: number | null = null;
  let to: number | null = null;
  const conditions: number[] = [];
  for (const [i, p] of (collect.where ?? []).entries()) {
    const bound = rangeBound(p, collect.as, anchor.as);
    if (!bound) {
      conditions.push(i);
      continue;
    }
    if (order !== null && bound.field !== order) return null;
    order = bound.field;
    if (bound.op === '>=') {
      if (from !== null) return null;
      from = bound.days;
    } else {
      if (to !== null) return null;
      to = bound.days;
    }
  }
  if (order === null || (from !== null && to !== null && from > to)) return null;
  const renamed = conditions.map((i) => rename(collect.where![i], collect.as, anchor.as));
  if (renamed.some((p) => p === null) || JSON.stringify(renamed) !== JSON.stringify(anchor.where ?? [])) return null;
  const elsewhere = { where: m.where, exclusions: m.exclusions, evidence: m.evidence, dedupKey: m.dedupKey, place: m.place, subject: m.subject, having: g.having.map(([, , v]) => v) };
  if (names(elsewhere, collect.as)) return null;
  return { partition, order, from, to, conditions };
}

/** `[collect.f, '>=' | '<=', {field: anchor.f, days}]`: one end of the frame. */
function rangeBound(p: Predicate, collect: string, anchor: string): { field: string; op: '>=' | '<='; days: number } | null {
  if (!Array.isArray(p)) return null;
  const [ref, op, v] = p as [string, string, Operand | undefined];
  if ((op !== '>=' && op !== '<=') || !ref.startsWith(`${collect}.`)) return null;
  if (!v || typeof v !== 'object' || Array.isArray(v) || !('field' in v)) return null;
  const field = ref.slice(collect.length + 1);
  if (v.field !== `${anchor}.${field}`) return null;
  return { field, op, days: v.days ?? 0 };
}

/** A condition on one alias rewritten for another; null when it names any other source. */
function rename(p: Predicate, from: string, to: string): Predicate | null {
  const ref = (r: string) => (r.startsWith(`${from}.`) ? `${to}.${r.slice(from.length + 1)}` : null);
  if (Array.isArray(p)) {
    const [left, op, ...rest] = p as [string, string, ...Operand[]];
    const l = ref(left);
    if (!l) return null;
    const operands: Operand[] = [];
    for (const o of rest) {
      if (o && typeof o === 'object' && !Array.isArray(o) && 'field' in o) {
        const f = ref(o.field);
        if (!f) return null;
        operands.push({ ...o, field: f });
      } else operands.push(o);
    }
    return [l, op, ...operands] as Predicate;
  }
  if ('any' in p) {
    const any = p.any.map((q) => rename(q, from, to));
    return any.some((q) => q === null) ? null : { any: any as Predicate[] };
  }
  return null;
}

/** Whether any field reference in a part of a model names the alias. */
function names(v: unknown, alias: string): boolean {
  if (typeof v === 'string') return v.startsWith(`${alias}.`) || v === alias;
  if (Array.isArray(v)) return v.some((x) => names(x, alias));
  if (v && typeof v === 'object') return Object.values(v).some((x) => names(x, alias));
  return false;
}
