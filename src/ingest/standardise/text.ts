/** Free text and addresses: cleaned, never interpreted. */
import { cleanCell, collapseSpaces } from './clean-cell.js';
import { toSimplified } from './to-simplified.js';
import { EMPTY, accept, reject, type Flag, type StdResult } from './types.js';

/** Longest text value kept, in characters; longer cells are rejected. */
export const MAX_TEXT_LENGTH = 10_000;
/** Longest address kept; real ones are under 200 characters. */
export const MAX_ADDRESS_LENGTH = 1_000;
// Cleaning can only shrink a value by removing invisible characters and spaces, so a raw cell this
// much longer than the limit is rejected before it is scanned: a 10 MB cell costs nothing.
const SCAN_FACTOR = 4;

const TRADITIONAL: Flag[] = ['traditional_converted'];

function tooLong(length: number, max: number): StdResult {
  return reject('value_too_long', `${length} characters, at most ${max} allowed`);
}

/**
 * Text as the department wrote it: invisible characters removed, full-width letters and digits
 * made half-width, trimmed. Full-width punctuation (，。：) stays, because it is correct in Chinese
 * prose, and so does inner layout. Content is never interpreted: SQL, scripts and formulas are
 * plain strings here (escaping them is each exporter's job).
 */
export function standardiseText(raw: string): StdResult {
  if (raw.length > MAX_TEXT_LENGTH * SCAN_FACTOR) return tooLong(raw.length, MAX_TEXT_LENGTH);
  const s = cleanCell(raw, 'alnum');
  if (s === '') return EMPTY;
  if (s.length > MAX_TEXT_LENGTH) return tooLong(s.length, MAX_TEXT_LENGTH);
  return accept(s);
}

/** An address: cleaned, whitespace collapsed, traditional characters made simplified. */
export function standardiseAddress(raw: string): StdResult {
  if (raw.length > MAX_ADDRESS_LENGTH * SCAN_FACTOR) return tooLong(raw.length, MAX_ADDRESS_LENGTH);
  const cleaned = collapseSpaces(cleanCell(raw));
  if (cleaned === '') return EMPTY;
  if (cleaned.length > MAX_ADDRESS_LENGTH) return tooLong(cleaned.length, MAX_ADDRESS_LENGTH);
  const s = toSimplified(cleaned);
  return s === cleaned ? accept(s) : accept(s, TRADITIONAL.slice());
}
