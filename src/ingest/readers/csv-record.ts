/** Field-level CSV parsing for records that contain quotes, and the header's delimiter guess. */

const QUOTE = 34;
const LF = 10;
const CR = 13;
const DELIMITERS = [',', '\t', ';', '|'];

export const INCOMPLETE = 0;
export const STRAY_QUOTE = 1;
export const EOF_IN_QUOTES = 2;

export interface RecordState {
  /** Index just past the record's line end, when cells were returned. */
  end: number;
  /** The text ran out inside a quoted field: only a further `"` can complete the record. */
  openQuote: boolean;
}

/**
 * Parses one record starting at `start`: its cells, or INCOMPLETE (more text needed), STRAY_QUOTE
 * (a quote inside an unquoted field, or text right after a closing quote) or EOF_IN_QUOTES.
 */
export function parseRecord(buf: string, start: number, delimCode: number, final: boolean, state: RecordState): string[] | number {
  const len = buf.length;
  const cells: string[] = [];
  state.openQuote = false;
  let i = start;
  for (;;) {
    if (i < len && buf.charCodeAt(i) === QUOTE) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const k = buf.indexOf('"', j);
        if (k === -1) {
          state.openQuote = true;
          return final ? EOF_IN_QUOTES : INCOMPLETE;
        }
        if (k + 1 >= len && !final) return INCOMPLETE;
        if (buf.charCodeAt(k + 1) === QUOTE) {
          value += buf.slice(j, k + 1);
          j = k + 2;
          continue;
        }
        value += buf.slice(j, k);
        i = k + 1;
        break;
      }
      cells.push(value);
      if (i >= len) return final ? finish(cells, len, state) : INCOMPLETE;
      const c = buf.charCodeAt(i);
      if (c === delimCode) {
        i++;
        continue;
      }
      if (c === LF) return finish(cells, i + 1, state);
      if (c === CR) {
        if (i + 1 >= len) return final ? finish(cells, len, state) : INCOMPLETE;
        if (buf.charCodeAt(i + 1) === LF) return finish(cells, i + 2, state);
      }
      return STRAY_QUOTE;
    }
    let j = i;
    for (; j < len; j++) {
      const c = buf.charCodeAt(j);
      if (c === delimCode || c === LF) break;
      if (c === QUOTE) return STRAY_QUOTE;
    }
    if (j >= len) {
      if (!final) return INCOMPLETE;
      cells.push(stripCr(buf.slice(i, len)));
      return finish(cells, len, state);
    }
    if (buf.charCodeAt(j) === delimCode) {
      cells.push(buf.slice(i, j));
      i = j + 1;
      continue;
    }
    cells.push(stripCr(buf.slice(i, j)));
    return finish(cells, j + 1, state);
  }
}

function finish(cells: string[], end: number, state: RecordState): string[] {
  state.end = end;
  return cells;
}

export function stripCr(text: string): string {
  return text.charCodeAt(text.length - 1) === CR ? text.slice(0, -1) : text;
}

/** The candidate seen most often outside quotes in the header line; comma on a tie or none. */
export function detectDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"(?:[^"]|"")*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = unquoted.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}
