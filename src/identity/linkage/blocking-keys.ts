/**
 * Blocking keys: per rule, per record, one integer naming the block (-1 when a column of the rule
 * is empty, so records without the value are never paired by that rule). A compared column blocks
 * on its normalised value, so "Smith " and "SMITH" fall in one block; any other column on its
 * trimmed text.
 */
import type { PreparedTable } from './prepare.js';

export interface RuleKeys {
  readonly columns: readonly string[];
  readonly keys: Int32Array;
  /** Records per key. */
  readonly sizes: Int32Array;
  /** Readable value of a key, for reports. */
  describe(key: number): string;
}

function columnCodes(p: PreparedTable, column: string): { codes: Int32Array; values: readonly string[] } {
  const field = p.fields.find((f) => f.spec.column === column);
  if (field) return { codes: field.codes, values: field.values };
  const col = p.table.columns.get(column);
  if (!col) throw new Error(`column ${column} is not in the table`);
  return col;
}

export function ruleKeys(p: PreparedTable, columns: readonly string[]): RuleKeys {
  const parts = columns.map((c) => columnCodes(p, c));
  const n = p.table.size;
  const keys = Int32Array.from(parts[0].codes);
  let distinct = parts[0].values.length;
  // Combined keys are folded in one column at a time as numbers (key × values + code), renumbered
  // densely after each step: no per-record string is built, and the products stay far below 2^53.
  for (let i = 1; i < parts.length; i++) {
    const next = parts[i];
    const width = next.values.length;
    const dense = new Map<number, number>();
    for (let r = 0; r < n; r++) {
      const k = keys[r];
      const c = next.codes[r];
      if (k < 0 || c < 0) {
        keys[r] = -1;
        continue;
      }
      const combined = k * width + c;
      let d = dense.get(combined);
      if (d === undefined) dense.set(combined, (d = dense.size));
      keys[r] = d;
    }
    distinct = dense.size;
  }
  const sizes = new Int32Array(distinct);
  const first = new Int32Array(distinct).fill(-1);
  for (let r = 0; r < n; r++) {
    const k = keys[r];
    if (k < 0) continue;
    if (sizes[k]++ === 0) first[k] = r;
  }
  return {
    columns,
    keys,
    sizes,
    describe: (key) => parts.map((part) => part.values[part.codes[first[key]]]).join(' | '),
  };
}
