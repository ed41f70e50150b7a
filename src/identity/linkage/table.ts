/**
 * Records held column by column, each column dictionary-encoded: a million records of ten columns
 * are a few million distinct strings and Int32Arrays, not ten million small objects.
 */
import { Invalid } from '../../platform/errors.js';
import { GrowableInt32 } from './growable.js';

export interface EncodedColumn {
  /** Distinct trimmed non-empty values. */
  readonly values: readonly string[];
  /** Per record an index into `values`, or -1 when the cell is empty. */
  readonly codes: Int32Array;
}

export interface RecordTable {
  readonly size: number;
  readonly ids: readonly string[];
  /** 0 for the first file, 1 for the second when linking two; all 0 when deduplicating. */
  readonly source: Uint8Array;
  readonly sources: number;
  readonly columns: ReadonlyMap<string, EncodedColumn>;
}

/** Builds a RecordTable row by row; `add` takes cells in the order of `columns`. */
export class TableBuilder {
  private readonly ids: string[] = [];
  private readonly source: number[] = [];
  private readonly dicts: Map<string, number>[];
  private readonly values: string[][];
  private readonly codes: GrowableInt32[];
  private readonly seenIds: Set<string>[] = [new Set(), new Set()];
  private readonly idIndex: number;

  private readonly encodeId: boolean;
  private readonly trusted: boolean;

  /**
   * `columns` are the cells `add` receives, the id column among them. The id column is kept in
   * `ids` only (not dictionary-encoded: every value is distinct) unless `encodeId` is set, for a
   * blocking rule on it. `trusted` cells come from the database: trimmed already, ids a primary
   * key's, so neither is checked again (the set of seen ids was half of building a million
   * records' table).
   */
  constructor(private readonly columns: readonly string[], idColumn: string, opts: { encodeId?: boolean; trusted?: boolean } = {}) {
    this.encodeId = opts.encodeId ?? false;
    this.trusted = opts.trusted ?? false;
    this.idIndex = columns.indexOf(idColumn);
    if (this.idIndex < 0) throw new Invalid(`the id column "${idColumn}" is not among the columns`, { id: 'unknown column' }, 'unknown_column');
    this.dicts = columns.map(() => new Map());
    this.values = columns.map(() => []);
    this.codes = columns.map(() => new GrowableInt32());
  }

  /** Adds one record; `where` names it in errors (file and line). */
  add(cells: readonly string[], source: 0 | 1, where: string): void {
    const trusted = this.trusted;
    const id = trusted ? cells[this.idIndex] : (cells[this.idIndex] ?? '').trim();
    if (id === '' || id === undefined) throw new Invalid(`${where}: the record has no id`, { id: 'empty' }, 'missing_id');
    if (!trusted) {
      const seen = this.seenIds[source];
      if (seen.has(id)) throw new Invalid(`${where}: the id "${id}" appears more than once`, { id: 'duplicate' }, 'duplicate_id');
      seen.add(id);
    }
    this.ids.push(id);
    this.source.push(source);
    for (let c = 0; c < this.columns.length; c++) {
      if (c === this.idIndex && !this.encodeId) continue;
      const v = trusted ? cells[c] : (cells[c] ?? '').trim();
      if (v === '') {
        this.codes[c].push(-1);
        continue;
      }
      let code = this.dicts[c].get(v);
      if (code === undefined) {
        code = this.values[c].length;
        this.values[c].push(v);
        this.dicts[c].set(v, code);
      }
      this.codes[c].push(code);
    }
  }

  build(): RecordTable {
    const columns = new Map<string, EncodedColumn>();
    this.columns.forEach((name, c) => {
      if (c !== this.idIndex || this.encodeId) columns.set(name, { values: this.values[c], codes: this.codes[c].toArray() });
    });
    const source = Uint8Array.from(this.source);
    return { size: this.ids.length, ids: this.ids, source, sources: source.some((s) => s === 1) ? 2 : 1, columns };
  }
}

/** A table from plain objects (tests, callers that already hold rows); missing keys are empty cells. */
export function tableFromRecords(records: readonly object[], idColumn: string, columns: readonly string[], source: readonly (0 | 1)[] = []): RecordTable {
  const all = [...new Set([idColumn, ...columns])];
  const b = new TableBuilder(all, idColumn, { encodeId: columns.includes(idColumn) });
  records.forEach((r, i) => {
    const row = r as Record<string, unknown>;
    b.add(all.map((c) => (row[c] == null ? '' : String(row[c]))), source[i] ?? 0, `record ${i + 1}`);
  });
  return b.build();
}
