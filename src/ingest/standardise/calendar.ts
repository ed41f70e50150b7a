/**
 * Calendar arithmetic on plain integers: the date standardisers run on every row, and building a
 * Date object to validate each value costs more than the rest of the parse.
 */

export const DAY_MS = 86_400_000;
/** China has used UTC+8 all year, without daylight saving, since 1992. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** Years accepted in dates: four digits, and never a guessed century. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 2999;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function isCalendarDate(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of daysFromCivil. */
export function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** YYYY-MM-DD. */
export function isoDate(y: number, m: number, d: number): string {
  return `${y < 1000 ? `000${y}`.slice(-4) : y}-${pad2(m)}-${pad2(d)}`;
}

/**
 * The same string as `new Date(epochMs).toISOString()`, which costs ~450 ns a call on Node 20 —
 * more than the whole rest of a date-time standardisation.
 */
export function isoInstant(epochMs: number): string {
  const day = Math.floor(epochMs / DAY_MS);
  const [y, m, d] = civilFromDays(day);
  let rest = epochMs - day * DAY_MS;
  const ms = rest % 1000;
  rest = (rest - ms) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const h = (rest - min) / 60;
  return `${isoDate(y, m, d)}T${pad2(h)}:${pad2(min)}:${pad2(sec)}.${pad3(ms)}Z`;
}

/** The calendar day in China at `instant`, as YYYY-MM-DD. */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Excel serial days accepted: 1 (1900-01-01) to 80000 (2119-01-10). */
export const MAX_EXCEL_SERIAL = 80_000;

/**
 * Days since 1970-01-01 for the whole part of an Excel serial, or undefined for serial 60: Excel
 * copies Lotus 1-2-3 in treating 1900 as a leap year, so 60 is the day that never was (1900-02-29)
 * and every serial after it is one too high.
 */
export function excelSerialToEpochDay(serial: number): number | undefined {
  const whole = Math.floor(serial);
  if (whole === 60) return undefined;
  return whole < 60 ? whole - 25568 : whole - 25569;
}
