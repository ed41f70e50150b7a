/** Enumerations: a value must be one of the contract's `values`, returned in the contract's spelling. */
import { cleanCell, removeSpaces } from './clean-cell.js';
import { toSimplified } from './to-simplified.js';
import { EMPTY, accept, quote, reject, type Standardiser } from './types.js';

const MAX_LENGTH = 100;
const DETAIL_VALUES = 12;

/** The loose form two spellings of one value share: half-width, no spaces, lower-case, simplified. */
function looseKey(s: string): string {
  return toSimplified(removeSpaces(cleanCell(s)).toLowerCase());
}

export function enumStandardiser(values: readonly string[]): Standardiser {
  const exact = new Map<string, string>();
  const loose = new Map<string, string | null>(); // null: two allowed values share this loose form
  for (const v of values) {
    exact.set(cleanCell(v), v);
    const key = looseKey(v);
    const seen = loose.get(key);
    loose.set(key, seen === undefined || seen === v ? v : null);
  }
  const allowed = describe(values);

  return (raw) => {
    if (raw.length > MAX_LENGTH * 4) return reject('unknown_enum', `a ${raw.length}-character value; allowed: ${allowed}`);
    const s = cleanCell(raw);
    if (s === '') return EMPTY;
    const hit = exact.get(s);
    if (hit !== undefined) return accept(hit);
    const looseHit = s.length <= MAX_LENGTH ? loose.get(looseKey(s)) : undefined;
    if (looseHit) return accept(looseHit);
    if (looseHit === null) return reject('unknown_enum', `${quote(s)} matches more than one allowed value when case is ignored; allowed: ${allowed}`);
    return reject('unknown_enum', `${quote(s)} is not allowed; allowed: ${allowed}`);
  };
}

function describe(values: readonly string[]): string {
  const shown = values.slice(0, DETAIL_VALUES).join(', ');
  const text = shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
  return values.length > DETAIL_VALUES ? `${text} (and ${values.length - DETAIL_VALUES} more)` : text;
}
