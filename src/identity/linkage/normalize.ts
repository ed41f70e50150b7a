/**
 * Turns a raw cell into the form a field is compared in, once per distinct value. Null means
 * "missing": empty cells and the placeholders departments type instead of leaving a cell blank.
 */
import { dateStandardiser } from '../../ingest/standardise/date.js';
import { toSimplified } from '../../ingest/standardise/to-simplified.js';
import { compactIdentifier, parsePhone, parseResidentId, stripInvisible, toHalfWidth } from '../../platform/ids/index.js';
import type { FieldType } from './config.js';

const PLACEHOLDERS = new Set(['-', '--', '—', '/', '\\', '?', '0', 'null', 'nil', 'none', 'na', 'n/a', 'unknown', '无', '空', '不详', '未知', '暂无']);

// The date standardiser flags future dates but still reads them; "today" only matters for that flag.
const readDate = dateStandardiser(new Date('2100-01-01T00:00:00Z'));
// parseResidentId builds a Date for "today" on every call unless given one: once per process is enough.
const TODAY = { today: new Date() };

function text(raw: string): string {
  return stripInvisible(toHalfWidth(raw));
}

function name(raw: string): string {
  return toSimplified(text(raw).toLowerCase()).replace(/[.,'’`"-]/g, ' ').replace(/\s+/g, ' ').trim();
}

function chineseName(raw: string): string {
  // Typists put spaces between the characters (张 三) and several kinds of middle dot in minority names.
  return toSimplified(text(raw).toLowerCase()).replace(/[\s\u00B7\u30FB\uFF65\u2022\u2027.]/g, '');
}

function date(raw: string): string {
  const r = readDate(raw);
  if (r.ok && typeof r.value === 'string') return r.value.replace(/-/g, '');
  // An impossible date (19081309) is usually a typo of a real one: keep its digits for the one-digit level.
  const digits = compactIdentifier(raw).replace(/[^\d]/g, '');
  return digits.length === 8 ? digits : compactIdentifier(raw).toUpperCase();
}

const CLEAN_ID18 = /^\d{17}[\dX]$/;
const CLEAN_MOBILE = /^1[3-9]\d{9}$/;

function idNumber(raw: string): string {
  // Most IDs arrive clean: their comparison form is the text itself, valid or not, so the full
  // validation (a few microseconds, a million times) is kept for the ones that need cleaning or 15→18.
  if (CLEAN_ID18.test(raw)) return raw;
  const r = parseResidentId(raw, TODAY);
  // A wrong check digit is kept as typed (r.id), never corrected: the comparison sees the one-digit difference.
  if (r.ok) return r.id;
  if (r.reason === 'check_digit' && r.id) return r.id;
  return compactIdentifier(raw).toUpperCase();
}

function phone(raw: string): string {
  if (CLEAN_MOBILE.test(raw)) return raw;
  const r = parsePhone(raw);
  return r.ok ? r.phone.replace('-', '') : compactIdentifier(raw).replace(/[^\dA-Za-z]/g, '');
}

function numeric(raw: string): string {
  const s = compactIdentifier(raw).replace(/,/g, '');
  const n = Number(s);
  return s !== '' && Number.isFinite(n) ? String(n) : s;
}

const NORMALISERS: Record<FieldType, (raw: string) => string> = {
  name,
  chinese_name: chineseName,
  date,
  id_number: idNumber,
  phone,
  address: (raw) => toSimplified(text(raw).toLowerCase()),
  postcode: (raw) => compactIdentifier(raw).toUpperCase(),
  exact: text,
  numeric,
};

/** The comparison form of `raw` for a field of `type`, or null when the value is missing. */
export function normalizeValue(type: FieldType, raw: string): string | null {
  const t = raw.trim().toLowerCase();
  // Zero is a real amount or count, but never a real name, date or identifier.
  if (PLACEHOLDERS.has(t) && !(type === 'numeric' && t === '0')) return null;
  const v = NORMALISERS[type](raw);
  return v === '' ? null : v;
}
