/**
 * Normalises each compared field once per distinct raw value and re-encodes it: equal normalised
 * values share one code, so "exact" is an integer comparison and every cache is per distinct value.
 */
import { COMPARISONS, MISSING, type Comparison } from './comparisons/index.js';
import type { FieldSpec, LinkConfig } from './config.js';
import { normalizeValue } from './normalize.js';
import type { RecordTable } from './table.js';

export interface FieldData {
  readonly spec: FieldSpec;
  readonly comparison: Comparison<unknown>;
  /** Per record the normalised value's code, -1 when missing. */
  readonly codes: Int32Array;
  readonly values: readonly string[];
  /** Records holding each value, per source (index 0 and 1). */
  readonly counts: readonly [Int32Array, Int32Array];
  /** Records with a value, per source. */
  readonly nonNull: readonly [number, number];
  readonly aux: unknown;
}

export interface PreparedTable {
  readonly table: RecordTable;
  readonly config: LinkConfig;
  readonly fields: readonly FieldData[];
}

export function prepareTable(table: RecordTable, config: LinkConfig): PreparedTable {
  return { table, config, fields: config.fields.map((spec) => prepareField(table, spec)) };
}

function prepareField(table: RecordTable, spec: FieldSpec): FieldData {
  const col = table.columns.get(spec.column);
  if (!col) throw new Error(`column ${spec.column} is not in the table`);
  const dict = new Map<string, number>();
  const values: string[] = [];
  const rawToNorm = new Int32Array(col.values.length);
  col.values.forEach((raw, i) => {
    const v = normalizeValue(spec.type, raw);
    if (v === null) {
      rawToNorm[i] = -1;
      return;
    }
    let code = dict.get(v);
    if (code === undefined) dict.set(v, (code = values.push(v) - 1));
    rawToNorm[i] = code;
  });
  const codes = new Int32Array(table.size);
  const counts: [Int32Array, Int32Array] = [new Int32Array(values.length), new Int32Array(values.length)];
  const nonNull: [number, number] = [0, 0];
  for (let r = 0; r < table.size; r++) {
    const raw = col.codes[r];
    const c = raw < 0 ? -1 : rawToNorm[raw];
    codes[r] = c;
    if (c >= 0) {
      counts[table.source[r]][c]++;
      nonNull[table.source[r]]++;
    }
  }
  const comparison = COMPARISONS[spec.type];
  return { spec, comparison, codes, values, counts, nonNull, aux: comparison.prepare(values) };
}

/** The stored level (0 missing, 1 exact, 2… further labels) of records `a` and `b` on one field. */
export function compareField(f: FieldData, a: number, b: number): number {
  const ca = f.codes[a];
  const cb = f.codes[b];
  if (ca < 0 || cb < 0) return MISSING;
  if (ca === cb) return 1;
  return f.comparison.level(f.aux, ca, cb) + 1;
}
