/**
 * Mainland China phone numbers: mobiles (1[3-9] + 9 digits) and landlines (area code + 7–8 digit
 * local number), normalised to "13812345678" and "0571-63712345".
 */
import { toHalfWidth, stripInvisible } from './normalize-text.js';

export type PhoneResult =
  | { ok: true; phone: string; kind: 'mobile' | 'landline' }
  | { ok: false; reason: 'empty' | 'format'; detail: string };

export const MOBILE = /^1[3-9]\d{9}$/;
// Beijing (010) and the 02x areas have 3-digit codes, every other area a 4-digit one, so the digit
// stream alone says where the area code ends even when a typist put the dash in the wrong place.
const LANDLINE = /^(0(?:10|2\d|[3-9]\d{2}))([2-9]\d{6,7})$/;
const SEPARATORS = /[\s\-()（）]/g;
// "+86", "0086", "(+86)" and "86" followed by a separator; a bare "86" glued to the number is
// handled below, because it is only a country code when what follows is a whole mobile number.
const COUNTRY_PREFIX = /^(?:\(\+?86\)|（\+?86）|\+\s*86|0086|86(?=[\s-]))[\s-]*/;

/** Validates and normalises a mainland mobile or landline number. */
export function parsePhone(raw: string): PhoneResult {
  const s = stripInvisible(toHalfWidth(raw ?? ''));
  if (s === '') return { ok: false, reason: 'empty', detail: 'phone number is empty' };

  const international = COUNTRY_PREFIX.test(s);
  let digits = s.replace(COUNTRY_PREFIX, '').replace(SEPARATORS, '');
  if (!/^\d+$/.test(digits)) {
    return { ok: false, reason: 'format', detail: 'phone number may contain only digits, spaces, dashes and parentheses' };
  }
  if (!international && digits.length === 13 && digits.startsWith('86') && MOBILE.test(digits.slice(2))) {
    digits = digits.slice(2);
  }
  if (MOBILE.test(digits)) return { ok: true, phone: digits, kind: 'mobile' };

  // Dialled from abroad, a landline drops its trunk prefix 0: +86 571 63712345.
  if (international && !digits.startsWith('0')) digits = '0' + digits;
  const m = LANDLINE.exec(digits);
  if (m) return { ok: true, phone: `${m[1]}-${m[2]}`, kind: 'landline' };

  return { ok: false, reason: 'format', detail: describeFormatProblem(digits) };
}

/** True when `raw` is a valid mainland mobile or landline number. */
export function isValidPhone(raw: string): boolean {
  return parsePhone(raw).ok;
}

function describeFormatProblem(digits: string): string {
  if (digits.startsWith('1')) {
    return digits.length === 11
      ? `mobile number ${digits.slice(0, 3)}… has no valid network prefix (13x–19x)`
      : `mobile number has ${digits.length} digits, expected 11`;
  }
  if (digits.startsWith('0')) {
    return 'landline must be an area code (010, 02x or 0xxx) followed by a 7–8 digit local number';
  }
  return 'not a mobile number (1xx…, 11 digits) or a landline with area code (0xxx-xxxxxxx)';
}
