import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';

// Leading characters that make Excel/WPS/Numbers read a cell as a formula; the full-width forms
// are included because some spreadsheet apps normalise them to ASCII.
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Prefixes `'` to a cell that a spreadsheet would evaluate (OWASP CSV injection), so quarantined
 * rows stay inert when downloaded. Plain signed numbers such as -12.5 are left as they are.
 */
export function neutraliseFormula(cell: string): string {
  if (cell === '' || !FORMULA_START.has(cell[0])) return cell;
  if ((cell[0] === '-' || cell[0] === '+') && PLAIN_NUMBER.test(cell)) return cell;
  return `'${cell}`;
}

export interface SafeCsvOptions {
  /** UTF-8 byte-order mark first, so Excel in China opens the file as UTF-8; default true. */
  bom?: boolean;
  /** End `out` when done; default true. */
  end?: boolean;
}

/**
 * Writes rows as CSV (CRLF, quoted where needed) with every cell neutralised. Quoting and
 * backpressure come from csv-stringify; only its formula escaping is replaced, because that one
 * also marks negative numbers given as strings.
 */
export async function toSafeCsv(rows: AsyncIterable<string[]> | Iterable<string[]>, out: Writable, opts: SafeCsvOptions = {}): Promise<void> {
  const stringifier = stringify({
    bom: opts.bom ?? true,
    record_delimiter: 'windows',
    // record_delimiter turns this off by default; cells with a bare LF or CR must still be quoted.
    quote_record_delimiter: true,
    cast: { string: (value) => neutraliseFormula(value) },
  });
  await pipeline(Readable.from(rows as AsyncIterable<string[]>), stringifier, out, { end: opts.end ?? true });
}
