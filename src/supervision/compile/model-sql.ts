import { sql, type RawBuilder } from 'kysely';
import { SEALED_TYPES, type FieldType } from '../../ingest/contract.js';
import type { ModelSpec, Operand, Predicate, Source } from '../model/model-spec.js';
import { ModelCompileError, type CompileInput, type CompiledModel, type DatasetInfo, type HitRow } from './compile-types.js';
import { slidingWindow, type SlidingWindow } from './sliding-window.js';

export { ModelCompileError, PLAN_SETTINGS, type CompileInput, type CompiledModel, type DatasetInfo, type HitRow } from './compile-types.js';

const NUMERIC: ReadonlySet<FieldType> = new Set(['integer', 'number', 'money', 'area_mu', 'count']);

/**
 * Compiles a model to one SELECT over the published rows (`ingest_row`, current versions only),
 * joined through the identity module's records. Aliases and field names are checked against the
 * spec's patterns and the dataset contracts before they reach the text of the query; every value
 * (thresholds, enum values, the as-of date) is a bound parameter.
 */
export function compileModel(input: CompileInput): CompiledModel {
  return new Compiler(input).compile();
}

interface Level {
  /** The first FROM item of a subquery (the top level's is returned by `sources`). */
  from?: RawBuilder<unknown>;
  /** Aliases of sources declared at this level. */
  local: Map<string, Source>;
  /** Identity-record aliases made at this level, by `alias|parties`. */
  anchors: Map<string, string>;
  joins: RawBuilder<unknown>[];
  conds: RawBuilder<unknown>[];
  parent?: Level;
  /** A subquery's equal-join keys to the enclosing query: its own fields and the outer ones. */
  keys?: { inner: RawBuilder<unknown>[]; outer: RawBuilder<unknown>[] };
  /** Whether anything in a subquery besides its `keys` refers to an enclosing query. */
  correlated?: boolean;
  /** The top level's first source: its condition on current rows, and the first identity join made on it. */
  first?: { alias: string; current: RawBuilder<unknown>; anchor?: { join: RawBuilder<unknown>; rec: string; on: RawBuilder<unknown> } };
}

class Compiler {
  private n = 0;
  private readonly params: Record<string, number | string>;

  constructor(private readonly input: CompileInput) {
    this.params = { ...input.model.params, ...(input.params ?? {}) };
  }

  compile(): CompiledModel {
    const m = this.input.model;
    const top = this.level();
    const window = this.windowOf(m);
    const from = window ? this.windowSource(top, window) : this.sources(top, m.sources, 'sources');
    for (const [i, p] of m.where.entries()) top.conds.push(this.predicate(top, p, `where.${i}`));
    for (const [i, e] of m.exclusions.entries()) {
      const all = e.when.map((p, j) => this.predicate(top, p, `exclusions.${i}.when.${j}`));
      top.conds.push(sql`NOT COALESCE((${sql.join(all, sql` AND `)}), false)`);
    }
    const subject = this.subject(top);
    const place = m.place ? this.display(top, m.place, 'place') : sql`NULL`;
    const cols: RawBuilder<unknown>[] = [sql`${subject} AS subject`, sql`${place}::text AS place`];
    for (const e of m.evidence) cols.push(sql`${this.display(top, e.field, `evidence.${e.name}`)} AS ${sql.ref(`e_${e.name}`)}`);
    m.dedupKey.forEach((k, i) => cols.push(sql`${this.text(top, k, `dedupKey.${i}`)} AS ${sql.ref(`k_${i}`)}`));
    const aliases = m.sources.map((s) => s.as).filter((a) => !m.group || a !== m.group.collect);
    for (const a of aliases) cols.push(sql`${sql.raw(`s_${a}.id`)} AS ${sql.ref(`${a}_row`)}`, sql`${sql.raw(`s_${a}.batch_id`)} AS ${sql.ref(`${a}_batch`)}`, sql`${sql.raw(`s_${a}.line`)} AS ${sql.ref(`${a}_line`)}`);
    // Rows folded into one warning keep the first one's facts: the order must not depend on the plan.
    const order = sql.raw(['1', ...m.dedupKey.map((_, i) => `"k_${i}"`), ...aliases.map((a) => `"${a}_row"`)].join(', '));
    const g = m.group;
    if (g && window) {
      const a = sql.raw(`s_${g.anchor}`);
      const c = sql.raw(`s_${g.collect}`);
      // The collected rows' facts are read for the hits alone, by id, after the window has found them.
      const collected = sql`(SELECT json_agg(${this.collectedRow(this.dataset(m.sources[1].dataset, 'sources.1.dataset'), g.collect)} ORDER BY ${c}.id) FROM ingest_row ${c} WHERE ${c}.id = ANY(${a}.agg_rows))`;
      cols.push(sql`${a}.agg_count::int AS agg_count`, sql`${collected} AS collected`, sql`${a}.agg_sum AS agg_sum`);
      // A frame that leaves out the row itself can be empty, where the join would have no group at all.
      top.conds.push(sql`${a}.agg_count > 0`);
      top.conds.push(...g.having.map(([agg, op, v], i) => sql`${a}.${sql.raw(agg === 'count' ? 'agg_count' : 'agg_sum')} ${sql.raw(op)} ${this.operand(top, v as Operand, `group.having.${i}`)}`));
    }
    const head = window ? from : this.driving(top, from);
    const where = top.conds.length ? sql` WHERE ${sql.join(top.conds, sql` AND `)}` : sql``;
    const body = sql`${head} ${sql.join(top.joins, sql` `)}${where}`;
    if (!g || window) return { query: sql<HitRow>`SELECT ${sql.join(cols)} FROM ${body} ORDER BY ${order}`, aliases };

    const c = g.collect;
    const groupBy = cols.map((_, i) => i + 1).join(', ');
    cols.push(sql`count(*)::int AS agg_count`, sql`json_agg(${this.collectedRow(this.sourceOf(top, c), c)} ORDER BY ${sql.raw(`s_${c}.id`)}) AS collected`);
    const sumRef = g.having.map(([agg]) => agg).find((a) => a !== 'count');
    const sumExpr = sumRef ? this.field(top, sumRef.slice(4, -1), 'group.having') : null;
    cols.push(sumExpr ? sql`sum(${sumExpr}) AS agg_sum` : sql`NULL::numeric AS agg_sum`);
    const having = g.having.map(([agg, op, v], i) => sql`${agg === 'count' ? sql`count(*)` : sql`sum(${sumExpr!})`} ${sql.raw(op)} ${this.operand(top, v as Operand, `group.having.${i}`)}`);
    return {
      query: sql<HitRow>`SELECT ${sql.join(cols)} FROM ${body} GROUP BY ${sql.raw(groupBy)} HAVING ${sql.join(having, sql` AND `)} ORDER BY ${order}`,
      aliases,
    };
  }

  /**
   * The driving source read from its persons' identity records, when the query joins them anyway:
   * `FROM identity_record JOIN ingest_row` by row id, with no dataset filter on the row (a record's
   * row_id always names a row of its dataset). The planner multiplies the dataset filter's
   * selectivity (a fraction of all rows) into the join with the records, so the other order put a
   * single row where there are hundreds (officials), and from there it checked every contract
   * against every official's enterprise one by one instead of hashing them.
   */
  private driving(top: Level, from: RawBuilder<unknown>): RawBuilder<unknown> {
    const first = top.first;
    if (!first?.anchor) return from;
    const { join, rec, on } = first.anchor;
    top.joins.splice(top.joins.indexOf(join), 1);
    top.conds.splice(top.conds.indexOf(first.current), 1);
    const row = sql.raw(`s_${first.alias}`);
    return sql`identity_record ${sql.raw(rec)} JOIN ingest_row ${row} ON ${on} AND ${row}.valid_to IS NULL`;
  }

  /** A collected row as a grouped warning lists it: provenance and the first dozen unsealed fields. */
  private collectedRow(d: DatasetInfo, alias: string): RawBuilder<unknown> {
    const fields = d.fields;
    const shown = [...fields.keys()].filter((f) => !SEALED_TYPES.has(fields.get(f)!)).slice(0, 12);
    const row = (col: string) => sql.raw(`s_${alias}.${col}`);
    const obj = sql.join(shown.map((f) => sql`${sql.lit(f)}, ${row('data')}->${sql.lit(f)}`));
    return sql`json_build_object('row', ${row('id')}, 'batch', ${row('batch_id')}, 'line', ${row('line')}, 'fields', json_build_object(${obj}))`;
  }

  /** The window form of a grouped model (sliding-window.ts), when its range field is a date or a number. */
  private windowOf(m: ModelSpec): SlidingWindow | null {
    const w = slidingWindow(m);
    if (!w) return null;
    const t = this.dataset(m.sources[0].dataset, 'sources.0.dataset').fields.get(w.order);
    return t === 'date' || (t !== undefined && NUMERIC.has(t)) ? w : null;
  }

  /**
   * The anchor's rows, each with the count, sum and ids of the rows in its frame, as the FROM item
   * of the top level. Rows with a NULL partition or range value are left out: the self-join's `=`
   * and range comparisons match none of them, where a window would group them together.
   */
  private windowSource(top: Level, w: SlidingWindow): RawBuilder<unknown> {
    const m = this.input.model;
    const g = m.group!;
    const [anchor, collect] = m.sources;
    const d = this.dataset(collect.dataset, 'sources.1.dataset');
    const inner = this.level();
    inner.local.set(collect.as, collect);
    const row = sql.raw(`s_${collect.as}`);
    const conds: RawBuilder<unknown>[] = [sql`${row}.dataset_id = ${sql.lit(d.id)} AND ${row}.valid_to IS NULL`];
    for (const i of w.conditions) conds.push(this.predicate(inner, collect.where![i], `sources.1.where.${i}`));
    const keys = w.partition.map((f, j) => this.fieldOf(d, collect.as, f, `sources.1.join.equal.${j}`));
    const order = this.fieldOf(d, collect.as, w.order, 'sources.1.where');
    for (const k of [...keys, order]) conds.push(sql`${k} IS NOT NULL`);
    const unit = d.fields.get(w.order) === 'date' ? (n: number) => sql.raw(`INTERVAL '${n} days'`) : (n: number) => sql.raw(String(n));
    const bound = (n: number | null, open: string) => (n === null ? sql.raw(open) : n === 0 ? sql.raw('CURRENT ROW') : sql`${unit(Math.abs(n))} ${sql.raw(n < 0 ? 'PRECEDING' : 'FOLLOWING')}`);
    const sumRef = g.having.map(([agg]) => agg).find((a) => a !== 'count');
    const sum = sumRef ? sql`sum(${this.field(inner, sumRef.slice(4, -1), 'group.having')}) OVER w` : sql`NULL::numeric`;
    top.local.set(anchor.as, anchor);
    return sql`(SELECT ${row}.id, ${row}.batch_id, ${row}.line, ${row}.data, ${row}.masked, count(*) OVER w AS agg_count, ${sum} AS agg_sum, array_agg(${row}.id) OVER w AS agg_rows FROM ingest_row ${row} WHERE ${sql.join(conds, sql` AND `)} WINDOW w AS (PARTITION BY ${sql.join(keys)} ORDER BY ${order} RANGE BETWEEN ${bound(w.from, 'UNBOUNDED PRECEDING')} AND ${bound(w.to, 'UNBOUNDED FOLLOWING')})) ${sql.raw(`s_${anchor.as}`)}`;
  }

  private level(parent?: Level): Level {
    return { local: new Map(), anchors: new Map(), joins: [], conds: [], parent };
  }

  private dataset(name: string, path: string): DatasetInfo {
    const d = this.input.datasets.get(name);
    if (!d) throw new ModelCompileError(`数据集 ${name} 未登记或未发布 (dataset ${name} is not registered or has no published batch)`, path);
    return d;
  }

  /** Emits the FROM item of the first source and JOINs of the rest; returns the FROM item. */
  private sources(lv: Level, sources: Source[], path: string): RawBuilder<unknown> {
    let from: RawBuilder<unknown> = sql``;
    sources.forEach((s, i) => {
      const d = this.dataset(s.dataset, `${path}.${i}.dataset`);
      const row = sql.raw(`s_${s.as}`);
      const current = sql`${row}.dataset_id = ${sql.lit(d.id)} AND ${row}.valid_to IS NULL`;
      if (!s.join) {
        if (lv.parent) throw new ModelCompileError('a source inside exists/notExists must join to an outer source', `${path}.${i}.join`);
        from = sql`ingest_row ${row}`;
        lv.conds.push(current);
        lv.first = { alias: s.as, current };
      } else if ('equal' in s.join) {
        const inner = s.join.equal.map(([f], j) => this.fieldOf(d, s.as, f, `${path}.${i}.join.equal.${j}`));
        const correlated = lv.correlated;
        const outer = s.join.equal.map(([, ref], j) => this.field(lv, ref, `${path}.${i}.join.equal.${j}`));
        if (lv.parent && !lv.from) {
          lv.correlated = correlated;
          lv.from = sql`ingest_row ${row}`;
          lv.conds.push(current);
          lv.keys = { inner, outer };
        } else lv.joins.push(sql`JOIN ingest_row ${row} ON ${current} AND ${sql.join(inner.map((x, j) => sql`${x} = ${outer[j]}`), sql` AND `)}`);
      } else {
        const target = 'samePerson' in s.join ? s.join.samePerson : s.join.relativeOf;
        const other = this.anchor(lv, target, s.join.parties, `${path}.${i}.join`);
        const rec = sql.raw(`i_${s.as}`);
        let entity: RawBuilder<unknown> = sql`${other}.entity_id`;
        if ('relativeOf' in s.join) {
          // LATERAL: the relatives of each outer person are looked up through the view's indexes,
          // instead of the view being expanded for everyone and joined afterwards.
          const kin = sql.raw(`k_${s.as}`);
          const kinds = s.join.relations.filter((r) => r !== 'self');
          const branches: RawBuilder<unknown>[] = [];
          if (s.join.relations.includes('self')) branches.push(sql`SELECT ${other}.entity_id AS b`);
          // DISTINCT: a spouse in the same household is one relative, and it keeps the planner
          // from flattening the subquery into a join over every pair in the district.
          if (kinds.length) branches.push(sql`SELECT DISTINCT kin.b FROM supervision_kin kin WHERE kin.a = ${other}.entity_id AND kin.relation IN (${sql.join(kinds.map((r) => sql.lit(r)))})`);
          lv.joins.push(sql`JOIN LATERAL (${sql.join(branches, sql` UNION `)}) ${kin} ON true`);
          entity = sql`${kin}.b`;
        }
        const on = sql`${rec}.entity_id = ${entity} AND ${rec}.dataset = ${sql.lit(d.name)} AND ${rec}.party = ${sql.lit(s.join.party)} AND ${rec}.active`;
        // No dataset_id filter on rows read through their records: a record's row_id always names
        // a row of its dataset, and the filter (a fraction of all rows) is what shrinks the
        // estimate of the join to a row or two, after which the planner checks every row of the
        // next source against them one by one.
        if ('samePerson' in s.join && this.sourceOf(lv, target).name === d.name) {
          // Rows of a dataset paired with rows of the same dataset about the same person (payments
          // from two towns): the records and their rows join as one unit, which the planner can
          // hash once, at the cost of one more pass over a dataset the query reads anyway, instead
          // of looking up every person's records and rows one by one (it takes a dataset's records
          // joined with their rows for a fraction of their number, so it never sees that the
          // lookups run into the hundreds of thousands).
          lv.joins.push(sql`JOIN (identity_record ${rec} JOIN ingest_row ${row} ON ${row}.id = ${rec}.row_id AND ${row}.valid_to IS NULL) ON ${on}`);
        } else {
          lv.joins.push(sql`JOIN identity_record ${rec} ON ${on}`);
          lv.joins.push(sql`JOIN ingest_row ${row} ON ${row}.id = ${rec}.row_id AND ${row}.valid_to IS NULL`);
        }
        lv.anchors.set(`${s.as}|${s.join.party}`, `i_${s.as}`);
      }
      lv.local.set(s.as, s);
      for (const [j, p] of (s.where ?? []).entries()) lv.conds.push(this.predicate(lv, p, `${path}.${i}.where.${j}`));
    });
    return from;
  }

  /**
   * The identity record(s) of a source's parties, as an alias. At the source's own level it is an
   * inner join (no file, no match); a subquery anchoring an outer row makes its own.
   */
  private anchor(lv: Level, alias: string, parties: string[], path: string): RawBuilder<unknown> {
    const key = `${alias}|${parties.join(',')}`;
    const found = lv.anchors.get(key);
    if (found) return sql.raw(found);
    const owner = this.levelOf(lv, alias, path);
    const s = owner.local.get(alias)!;
    const d = this.dataset(s.dataset, path);
    const name = `a${++this.n}_${alias}`;
    const rec = sql.raw(name);
    const on = sql`${rec}.dataset = ${sql.lit(d.name)} AND ${rec}.row_id = ${sql.raw(`s_${alias}`)}.id AND ${rec}.party IN (${sql.join(parties.map((p) => sql.lit(p)))}) AND ${rec}.active AND ${rec}.entity_id IS NOT NULL`;
    if (lv.parent && !lv.from) {
      lv.from = sql`identity_record ${rec}`;
      lv.conds.push(on);
    } else {
      const join = sql`JOIN identity_record ${rec} ON ${on}`;
      lv.joins.push(join);
      if (lv.first?.alias === alias && !lv.first.anchor) lv.first.anchor = { join, rec: name, on };
    }
    lv.anchors.set(key, name);
    return rec;
  }

  private levelOf(lv: Level, alias: string, path: string): Level {
    for (let l: Level | undefined = lv; l; l = l.parent) {
      if (l.local.has(alias)) return l;
      l.correlated = true;
    }
    throw new ModelCompileError(`${alias} is not a source in scope`, path);
  }

  private sourceOf(lv: Level, alias: string): DatasetInfo {
    const s = this.levelOf(lv, alias, alias).local.get(alias)!;
    return this.dataset(s.dataset, alias);
  }

  private subject(top: Level): RawBuilder<unknown> {
    const s = this.input.model.subject;
    if (s.kind === 'person') return sql`${this.anchor(top, s.source, [s.party], 'subject')}.entity_id`;
    if (!s.field) throw new ModelCompileError('an enterprise subject names its credit-code field', 'subject.field');
    // Enterprise files are keyed by credit code (identity/records/enterprise-sync.ts); the run maps codes to files.
    return this.fieldOf(this.sourceOf(top, s.source), s.source, s.field, 'subject.field');
  }

  private split(ref: string): [string, string] {
    const i = ref.indexOf('.');
    return [ref.slice(0, i), ref.slice(i + 1)];
  }

  private typeOf(d: DatasetInfo, field: string, path: string): FieldType {
    const t = d.fields.get(field);
    if (!t) throw new ModelCompileError(`数据集 ${d.name} 没有字段 ${field} (dataset ${d.name} has no field ${field})`, path);
    return t;
  }

  /** A field typed for comparison: numbers as numeric, dates as date, the rest as text (sealed fields: their keyed hash). */
  private fieldOf(d: DatasetInfo, alias: string, field: string, path: string): RawBuilder<unknown> {
    const t = this.typeOf(d, field, path);
    const text = sql`(${sql.raw(`s_${alias}`)}.data->>${sql.lit(field)})`;
    if (NUMERIC.has(t)) return sql`${text}::numeric`;
    if (t === 'date') return sql`${text}::date`;
    if (t === 'datetime') return sql`${text}::timestamptz`;
    return text;
  }

  private field(lv: Level, ref: string, path: string): RawBuilder<unknown> {
    const [alias, field] = this.split(ref);
    return this.fieldOf(this.sourceOf(lv, alias), alias, field, path);
  }

  private text(lv: Level, ref: string, path: string): RawBuilder<unknown> {
    const [alias, field] = this.split(ref);
    this.typeOf(this.sourceOf(lv, alias), field, path);
    return sql`(${sql.raw(`s_${alias}`)}.data->>${sql.lit(field)})`;
  }

  /** What an inspector sees: sealed fields masked, the rest as stored. */
  private display(lv: Level, ref: string, path: string): RawBuilder<unknown> {
    const [alias, field] = this.split(ref);
    const t = this.typeOf(this.sourceOf(lv, alias), field, path);
    return sql`(${sql.raw(`s_${alias}`)}.${sql.raw(SEALED_TYPES.has(t) ? 'masked' : 'data')}->>${sql.lit(field)})`;
  }

  private operand(lv: Level, v: Operand, path: string): RawBuilder<unknown> {
    if (Array.isArray(v)) return sql.val(v);
    if (typeof v !== 'object') return sql.val(v);
    if ('param' in v) {
      if (!(v.param in this.params)) throw new ModelCompileError(`parameter ${v.param} has no value`, path);
      return sql.val(this.params[v.param]);
    }
    if ('asOf' in v) return sql`(${sql.val(this.input.asOf)}::date + ${sql.lit(v.asOf)})`;
    const f = this.field(lv, v.field, path);
    return v.days ? sql`(${f} + ${sql.lit(v.days)})` : f;
  }

  private predicate(lv: Level, p: Predicate, path: string): RawBuilder<unknown> {
    if (Array.isArray(p)) return this.comparison(lv, p, path);
    if ('any' in p) return sql`(${sql.join(p.any.map((q, i) => this.predicate(lv, q, `${path}.any.${i}`)), sql` OR `)})`;
    const negate = 'notExists' in p;
    const sub = 'exists' in p ? p.exists : p.notExists;
    const inner = this.level(lv);
    this.sources(inner, sub.sources, `${path}.sources`);
    for (const [i, q] of (sub.where ?? []).entries()) inner.conds.push(this.predicate(inner, q, `${path}.where.${i}`));
    const keys = inner.keys;
    if (keys && !inner.correlated) {
      // Tied to the outer row by equal keys alone: an uncorrelated IN runs as one hashed subplan,
      // built once, whatever the planner guesses of the row counts (it takes the JSON fields'
      // rows for a handful, and planned NOT EXISTS as a nested loop scanning the subquery's
      // dataset once per outer row). COALESCE: a NULL key matches nothing, as in EXISTS.
      const body = sql`SELECT ${sql.join(keys.inner)} FROM ${inner.from!} ${sql.join(inner.joins, sql` `)} WHERE ${sql.join(inner.conds, sql` AND `)}`;
      const found = sql`COALESCE((${sql.join(keys.outer)}) IN (${body}), false)`;
      return negate ? sql`NOT ${found}` : found;
    }
    // Otherwise the keys correlate in WHERE, not in a JOIN's ON, where PostgreSQL can still pull EXISTS up into a join.
    if (keys) inner.conds.push(...keys.inner.map((x, j) => sql`${x} = ${keys.outer[j]}`));
    const where = inner.conds.length ? sql` WHERE ${sql.join(inner.conds, sql` AND `)}` : sql``;
    const body = sql`SELECT 1 FROM ${inner.from!} ${sql.join(inner.joins, sql` `)}${where}`;
    return negate ? sql`NOT EXISTS (${body})` : sql`EXISTS (${body})`;
  }

  private comparison(lv: Level, p: Extract<Predicate, unknown[]>, path: string): RawBuilder<unknown> {
    const [ref, op, right] = p as [string, string, Operand | undefined];
    const left = this.field(lv, ref, path);
    const needs = () => {
      if (right === undefined) throw new ModelCompileError(`${op} needs a value`, path);
      return this.operand(lv, right, path);
    };
    switch (op) {
      case 'is_null': return sql`${left} IS NULL`;
      case 'not_null': return sql`${left} IS NOT NULL`;
      case 'in': return sql`${left} = ANY(${needs()})`;
      case 'not_in': return sql`NOT (${left} = ANY(${needs()}))`;
      case 'starts_with': return sql`left(${left}, length(${needs()}::text)) = ${needs()}::text`;
      case 'not_starts_with': return sql`left(${left}, length(${needs()}::text)) <> ${needs()}::text`;
      case 'same_month': return sql`date_trunc('month', ${left}) = date_trunc('month', ${needs()})`;
      case '!=': return sql`${left} <> ${needs()}`;
      default: return sql`${left} ${sql.raw(op)} ${needs()}`;
    }
  }
}
