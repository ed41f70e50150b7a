/**
 * Resident identity numbers (公民身份号码) per GB 11643-1999: 6-digit region code, 8-digit birth
 * date, 3-digit sequence (odd for men, even for women) and a check character (ISO 7064 MOD 11-2).
 */
import { compactIdentifier } from './normalize-text.js';

export type ResidentIdProblem = 'empty' | 'format' | 'birth_date' | 'check_digit' | 'region';

export type ResidentIdResult =
  | {
      ok: true;
      /** 18 characters, check character 'X' upper-case. */
      id: string;
      /** YYYY-MM-DD */
      birthDate: string;
      sex: 'M' | 'F';
      /** The 6-digit region code where the number was first issued. */
      regionCode: string;
      /** The input was a 15-digit first-generation number. */
      converted15: boolean;
    }
  | {
      ok: false;
      reason: ResidentIdProblem;
      detail: string;
      /** Present only for 'check_digit': the normalised number, so callers can keep and flag it. */
      id?: string;
    };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

// Province-level codes of GB/T 2260, plus 81/82/83 used by residence permits for Hong Kong, Macao
// and Taiwan residents (GB 11643 format, issued since 2018).
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

const EARLIEST_BIRTH = '1890-01-01';
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The check character for the first 17 digits of a resident ID. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new Error(`residentIdCheckChar needs exactly 17 digits, got "${first17}"`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Validates and normalises a resident ID. Whitespace, invisible and full-width characters and a
 * lower-case x are cleaned first; 15-digit numbers are converted to 18. A number whose only fault
 * is its check digit comes back with reason 'check_digit' and the normalised `id`: it may be a
 * typo in one digit, so it is flagged for a person to look at, never "corrected" here.
 */
export function parseResidentId(raw: string, opts: { today?: Date } = {}): ResidentIdResult {
  const s = compactIdentifier(raw ?? '').toUpperCase();
  if (s === '') return { ok: false, reason: 'empty', detail: 'resident ID is empty' };

  let first17: string;
  let given: string | undefined;
  let converted15 = false;
  if (/^\d{17}[\dX]$/.test(s)) {
    first17 = s.slice(0, 17);
    given = s[17];
  } else if (/^\d{15}$/.test(s)) {
    // First-generation IDs omit the century, and were issued only to people born in the 1900s.
    first17 = s.slice(0, 6) + '19' + s.slice(6);
    converted15 = true;
  } else {
    return { ok: false, reason: 'format', detail: describeFormatProblem(s) };
  }

  const regionCode = first17.slice(0, 6);
  if (!PROVINCES.has(regionCode.slice(0, 2))) {
    return {
      ok: false,
      reason: 'region',
      detail: `region code ${regionCode} does not start with a province code`,
    };
  }

  const birthDate = `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`;
  const dateProblem = birthDateProblem(birthDate, opts.today ?? new Date());
  if (dateProblem) return { ok: false, reason: 'birth_date', detail: dateProblem };

  const check = residentIdCheckChar(first17);
  const id = first17 + (given ?? check);
  if (given !== undefined && given !== check) {
    return {
      ok: false,
      reason: 'check_digit',
      detail: `check character is ${given}, expected ${check}`,
      id,
    };
  }
  const sex = (first17.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
  return { ok: true, id, birthDate, sex, regionCode, converted15 };
}

/** True when `raw` is a valid 18-digit or convertible 15-digit resident ID. */
export function isValidResidentId(raw: string): boolean {
  return parseResidentId(raw).ok;
}

/**
 * Builds a valid ID from its parts (for demo and test data generators).
 * @param region6 6-digit region code, @param birth YYYYMMDD, @param seq3 3-digit sequence
 */
export function makeResidentId(region6: string, birth: string, seq3: string): string {
  if (!/^\d{6}$/.test(region6)) throw new Error(`region must be 6 digits, got "${region6}"`);
  if (!/^\d{8}$/.test(birth)) throw new Error(`birth must be YYYYMMDD, got "${birth}"`);
  if (!/^\d{3}$/.test(seq3)) throw new Error(`sequence must be 3 digits, got "${seq3}"`);
  const first17 = region6 + birth + seq3;
  return first17 + residentIdCheckChar(first17);
}

function describeFormatProblem(s: string): string {
  if (/[^\dX]/.test(s)) return 'resident ID may contain only digits and a final X';
  if (s.includes('X') && !/^\d+X$/.test(s)) return 'X may appear only as the last character';
  return `resident ID has ${s.length} characters, expected 18 (or 15 for an old ID)`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;
// The last "today" asked about, by its day number: ingest and identity check millions of IDs a run,
// and formatting a date for each cost a microsecond apiece.
let todayCache = { day: NaN, iso: '' };

function chinaDayIso(today: Date): string {
  const day = Math.floor((today.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
  if (day !== todayCache.day) todayCache = { day, iso: new Date(day * DAY_MS).toISOString().slice(0, 10) };
  return todayCache.iso;
}

function birthDateProblem(iso: string, today: Date): string | undefined {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (m < 1 || m > 12 || d < 1 || d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1])) {
    return `birth date ${iso} is not a calendar date`;
  }
  if (iso < EARLIEST_BIRTH) return `birth date ${iso} is before ${EARLIEST_BIRTH.slice(0, 4)}`;
  // "Today" is the calendar day in China (UTC+8 all year, no daylight saving since 1991).
  if (iso > chinaDayIso(today)) return `birth date ${iso} is in the future`;
  return undefined;
}
