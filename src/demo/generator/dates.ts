/**
 * Dates as whole days since 1970-01-01 (UTC): an Int32Array can hold 650,000 of them, and age
 * arithmetic is a subtraction. The formats below are the ones departments actually export.
 */

const MS_PER_DAY = 86_400_000;

/**
 * "No date" in event columns (death, marriage, 低保 approval), so typed arrays can start zeroed.
 * It is 1970-01-01, a real day: births may fall on it, events are moved off it.
 */
export const NO_DAY = 0;

/** The day the synthetic district is "as of"; births run up to it. */
export const REFERENCE_DAY = dayOf(2025, 6, 30);
export const DAYS_PER_YEAR = 365.2425;

export function dayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

// Millions of dates are formatted per run, over a span of only ~47,000 distinct days, so the
// calendar breakdown is memoised as yyyymmdd (0 = not yet computed).
const CACHE_FROM = dayOf(1900, 1, 1);
const packed = new Int32Array(dayOf(2031, 1, 1) - CACHE_FROM);

function yyyymmdd(day: number): number {
  const k = day - CACHE_FROM;
  if (k >= 0 && k < packed.length && packed[k] !== 0) return packed[k];
  const dt = new Date(day * MS_PER_DAY);
  const v = dt.getUTCFullYear() * 10_000 + (dt.getUTCMonth() + 1) * 100 + dt.getUTCDate();
  if (k >= 0 && k < packed.length) packed[k] = v;
  return v;
}

export function ymd(day: number): Ymd {
  const v = yyyymmdd(day);
  return { y: Math.floor(v / 10_000), m: Math.floor(v / 100) % 100, d: v % 100 };
}

export function yearOf(day: number): number {
  return Math.floor(yyyymmdd(day) / 10_000);
}

const p2 = (n: number): string => (n < 10 ? '0' + n : String(n));

/** 2015-03-02 */
export function isoDate(day: number): string {
  const { y, m, d } = ymd(day);
  return `${y}-${p2(m)}-${p2(d)}`;
}

/** 20150302, as inside an ID number */
export function compactDate(day: number): string {
  const { y, m, d } = ymd(day);
  return `${y}${p2(m)}${p2(d)}`;
}

/** 2015/3/2, what Excel shows for a date cell in a zh-CN locale */
export function slashDate(day: number): string {
  const { y, m, d } = ymd(day);
  return `${y}/${m}/${d}`;
}

/** 2015年3月2日 */
export function chineseDate(day: number): string {
  const { y, m, d } = ymd(day);
  return `${y}年${m}月${d}日`;
}

/** 1985.03 */
export function dotYearMonth(day: number): string {
  const { y, m } = ymd(day);
  return `${y}.${p2(m)}`;
}

/** 1985年3月 */
export function chineseYearMonth(day: number): string {
  const { y, m } = ymd(day);
  return `${y}年${m}月`;
}

/**
 * Excel's serial number for a date (days since 1899-12-30, which absorbs Excel's phantom
 * 1900-02-29 for every date after March 1900): what a date cell becomes when a sheet is saved as
 * CSV from a column formatted as number.
 */
export function excelSerial(day: number): number {
  return day + 25_569;
}

/** Whole years between two days (an age on a given day). */
export function yearsBetween(from: number, to: number): number {
  const a = ymd(from);
  const b = ymd(to);
  let years = b.y - a.y;
  if (b.m < a.m || (b.m === a.m && b.d < a.d)) years--;
  return years;
}

/** A day `years` (fractional) after `day`; calendar-exact is not needed for synthetic dates. */
export function addYears(day: number, years: number): number {
  return Math.round(day + years * DAYS_PER_YEAR);
}

/** 1987.5.3, as typed from a paper register */
export function dotDate(day: number): string {
  const { y, m, d } = ymd(day);
  return `${y}.${m}.${d}`;
}
