/** Plain numbers, integers and counts. */
import { cleanCell } from './clean-cell.js';
import { decimalToNumber, plainNumber, readDecimal } from './decimal-text.js';
import { EMPTY, accept, quote, reject, type StdResult } from './types.js';

const MAX_LENGTH = 64;
// A count may carry the measure word it counts in ("3人", "2户"); the word is dropped, the number kept.
const MEASURE_WORD = /[人个户次名头只辆间套台件处家座条张份]$/;

/** The number written in `s`, or why not. Percentages are refused: 12% read as 12 or 0.12 is a guess. */
function readNumber(raw: string): number | string | null {
  if (raw.length > MAX_LENGTH * 4) return `${raw.length} characters is not a number`;
  // Inner spaces are not removed: "12 34" may be two numbers, and "1 234" a European grouping.
  const s = cleanCell(raw);
  if (s === '') return null;
  const plain = plainNumber(s);
  if (plain !== undefined) return plain;
  if (s.endsWith('%') || s.endsWith('‰')) return `${quote(s)} is a percentage; write the number it stands for`;
  const d = s.length <= MAX_LENGTH ? readDecimal(s) : undefined;
  if (d === undefined) return `${quote(s)} is not a number`;
  const v = decimalToNumber(d);
  return Number.isFinite(v) ? v : `${quote(s)} is too large`;
}

export function standardiseNumber(raw: string): StdResult {
  const v = readNumber(raw);
  if (v === null) return EMPTY;
  if (typeof v === 'string') return reject('unparseable_number', v);
  return accept(v + 0); // + 0 turns -0 into 0
}

export function standardiseInteger(raw: string): StdResult {
  const v = readNumber(raw);
  if (v === null) return EMPTY;
  if (typeof v === 'string') return reject('unparseable_integer', v);
  return integerResult(v, raw);
}

/** A count of things: an integer that is not negative. */
export function standardiseCount(raw: string): StdResult {
  let v = readNumber(raw);
  if (typeof v === 'string' && raw.length <= MAX_LENGTH) {
    const s = cleanCell(raw);
    if (s.length > 1 && MEASURE_WORD.test(s)) {
      const n = plainNumber(s.slice(0, -1).trimEnd());
      if (n !== undefined) v = n;
    }
  }
  if (v === null) return EMPTY;
  if (typeof v === 'string') return reject('unparseable_integer', v);
  if (v < 0) return reject('unparseable_integer', `a count cannot be negative (${v})`);
  return integerResult(v, raw);
}

function integerResult(v: number, raw: string): StdResult {
  if (!Number.isInteger(v)) return reject('unparseable_integer', `${quote(raw.trim())} is not a whole number`);
  // Beyond 2^53 a number is not held exactly: an 18-digit ID in an integer column would change.
  if (!Number.isSafeInteger(v)) return reject('unparseable_integer', `${quote(raw.trim())} is too large to hold exactly; declare the field as text`);
  return accept(v + 0);
}
