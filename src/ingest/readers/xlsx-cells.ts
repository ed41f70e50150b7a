/** Turns SpreadsheetML cell values into the text a department would see in the sheet. */

/** Date/time letters outside quoted text and [..] sections (colours, locales, conditions). */
export function isDateFormat(code: string): boolean {
  return /[ymdhs]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

/**
 * Excel keeps 15 significant digits, so 17-digit artefacts in the XML (0.30000000000000004 for
 * =0.1+0.2) are rounded back to what the sheet shows.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  const shortest = String(n);
  // Up to 15 characters cannot hold more than 15 significant digits: nothing to round.
  if (Number.isInteger(n) || shortest.length <= 15) return shortest;
  return String(Number(n.toPrecision(15)));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const DAY_SECONDS = 86_400;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * An Excel serial date as wall-clock text without a time zone (Excel has none): YYYY-MM-DD,
 * YYYY-MM-DDTHH:mm:ss, or HH:mm:ss for a bare time (a serial below 1). Rounded to the second, as
 * serials carry float noise. Serials before 1900-03-01 are off by Excel's 1900 leap-year bug.
 */
export function formatSerialDate(serial: number, date1904: boolean): string {
  const seconds = Math.round(serial * DAY_SECONDS);
  const days = Math.floor(seconds / DAY_SECONDS);
  const rest = seconds - days * DAY_SECONDS;
  const time = `${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
  if (days === 0 && !date1904) return time;
  const d = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + days * DAY_SECONDS * 1000);
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return rest === 0 ? day : `${day}T${time}`;
}

/**
 * One cell from its type attribute `t` and decoded <v> or inline text. Formulas need nothing
 * special: <v> holds the cached result and `t` its type (str, b, e or a number).
 */
export function cellValue(type: string | undefined, text: string, isDate: boolean, date1904: boolean, shared: readonly string[]): string {
  switch (type) {
    case 's':
      return shared[Number(text)] ?? '';
    case 'str':
    case 'inlineStr':
    case 'e':
      return text;
    case 'b':
      return text === '1' || text === 'true' ? 'TRUE' : text === '' ? '' : 'FALSE';
    case 'd':
      // ISO 8601 date cells (rare, Strict OOXML): drop a zero time.
      return text.replace(/T00:00(:00(\.0+)?)?Z?$/, '');
    default: {
      if (text === '') return '';
      const n = Number(text);
      if (Number.isNaN(n)) return text;
      return isDate ? formatSerialDate(n, date1904) : formatNumber(n);
    }
  }
}
