import { toHalfWidth, stripInvisible } from '../../platform/ids/index.js';
import { Invalid } from '../../platform/errors.js';
import type { DatasetSpec } from '../contract.js';

export interface HeaderMap {
  /** Column index in the file for each contract field, in contract order; -1 when absent. */
  indexes: number[];
  missingOptional: string[];
  extra: string[];
}

const norm = (s: string) => stripInvisible(toHalfWidth(s)).replace(/\s+/g, '').toLowerCase();

/**
 * Matches a file's header to the contract by column name or alias (ignoring width, spaces and
 * case). A missing required column refuses the whole file: its rows could only be rejected.
 */
export function mapHeader(spec: DatasetSpec, columns: string[]): HeaderMap {
  const position = new Map<string, number>();
  columns.forEach((c, i) => {
    const k = norm(c);
    if (k && !position.has(k)) position.set(k, i);
  });
  const used = new Set<number>();
  const missingRequired: string[] = [];
  const missingOptional: string[] = [];
  const indexes = spec.fields.map((f) => {
    for (const name of [f.column, ...(f.aliases ?? [])]) {
      const i = position.get(norm(name));
      if (i !== undefined) {
        used.add(i);
        return i;
      }
    }
    (f.required ? missingRequired : missingOptional).push(f.column);
    return -1;
  });
  if (missingRequired.length) {
    throw new Invalid(`文件表头与数据集契约不符：缺少必填列 ${missingRequired.join('、')} (header does not match the contract)`, {
      header: `missing required columns: ${missingRequired.join(', ')}; found: ${columns.slice(0, 50).join(', ')}`,
    }, 'header_mismatch');
  }
  return { indexes, missingOptional, extra: columns.filter((_, i) => !used.has(i)) };
}
