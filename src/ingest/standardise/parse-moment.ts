/**
 * Reads the date and time notations Chinese departments use into parts, shared by the date and
 * datetime standardisers. Only notations with a four-digit year come first are read: 05/01/23,
 * 1/5/2023 and 23-5-1 each have two readings, and guessing one would be a silent fix.
 */
import { isCalendarDate } from './calendar.js';

export type Moment =
  | {
      kind: 'date';
      y: number;
      m: number;
      d: number;
      /** Milliseconds since local midnight; undefined when no time was written. */
      timeMs?: number;
      /** Minutes east of UTC when a zone was written (Z → 0). */
      offsetMin?: number;
    }
  | { kind: 'month'; y: number; m: number }
  | { kind: 'serial'; value: number }
  | { kind: 'error'; detail: string };

// 2023-05-01, 2023/5/1, 2023.05.01, 2023年5月1日, 2023年05月01号, each optionally followed by a time:
// 08:30, 8:30:15.123, 8时30分, 8点30分15秒, with an optional zone (Z, +08:00, +0800, +08).
const YMD =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:\s*T?\s*(\d{1,2})\s*[:时点]\s*(\d{1,2})\s*(?:[:分]\s*(\d{1,2})(?:\.(\d{1,9}))?\s*秒?|分)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
// 20230501 and 20230501083000, as database exports write them.
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/;
// 1985.03, 1985-03, 1985/3, 1985年3月: a month without a day.
const YEAR_MONTH = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月?份?)$/;
const SERIAL = /^\d{1,5}(?:\.\d+)?$/;
const SHORT_YEAR = /^\d{1,2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,4}/;

/** Parts of a date or date-time; calendar validity is checked, plausibility is not. */
export function parseMoment(s: string): Moment {
  const first = s.charCodeAt(0);
  if (first < 0x30 || first > 0x39) return { kind: 'error', detail: 'does not start with a four-digit year' };

  const fixed = parseFixedWidth(s);
  if (fixed !== undefined) return fixed;
  let m = YMD.exec(s);
  if (m !== null) return fromParts(m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
  m = COMPACT.exec(s);
  if (m !== null) return fromParts(m[1], m[2], m[3], m[4], m[5], m[6], undefined, undefined);
  m = YEAR_MONTH.exec(s);
  if (m !== null) {
    const y = +m[1];
    const month = +(m[2] ?? m[3]);
    if (!isCalendarDate(y, month, 1)) return { kind: 'error', detail: `${m[1]}-${m[2] ?? m[3]} is not a month` };
    return { kind: 'month', y, m: month };
  }
  if (SERIAL.test(s)) {
    const value = +s;
    // A bare 1985 is far likelier a year than Excel's 7 June 1905.
    if (value >= 1900 && value <= 2100 && s.length === 4) return { kind: 'error', detail: 'a year alone is not a date' };
    return { kind: 'serial', value };
  }
  if (SHORT_YEAR.test(s)) return { kind: 'error', detail: 'the year must be written with four digits, first (2023-05-01)' };
  return { kind: 'error', detail: 'not a date in a known notation' };
}

/**
 * The zero-padded shapes database exports write (2023-05-01, 2023-05-01 08:30, 2023/05/01 08:30:00,
 * 2023-05-01T08:30:00Z) read by position: they are most of the values, and the general regex
 * with its optional groups costs several times as much.
 */
function parseFixedWidth(s: string): Moment | undefined {
  const n = s.length;
  const zulu = s.charCodeAt(n - 1) === 0x5a; // Z
  const len = zulu ? n - 1 : n;
  if (len !== 10 && len !== 16 && len !== 19) return undefined;
  const sep = s.charCodeAt(4);
  if ((sep !== 0x2d && sep !== 0x2f) || s.charCodeAt(7) !== sep) return undefined;
  const y = num(s, 0, 4);
  const m = num(s, 5, 7);
  const d = num(s, 8, 10);
  if (y < 0 || m < 0 || d < 0 || !isCalendarDate(y, m, d)) return undefined;
  if (len === 10) return zulu ? undefined : { kind: 'date', y, m, d };
  const t = s.charCodeAt(10);
  if ((t !== 0x20 && t !== 0x54) || s.charCodeAt(13) !== 0x3a) return undefined;
  const h = num(s, 11, 13);
  const min = num(s, 14, 16);
  const sec = len === 19 ? (s.charCodeAt(16) === 0x3a ? num(s, 17, 19) : -1) : 0;
  if (h < 0 || min < 0 || sec < 0 || h > 23 || min > 59 || sec > 59) return undefined;
  const timeMs = ((h * 60 + min) * 60 + sec) * 1000;
  return zulu ? { kind: 'date', y, m, d, timeMs, offsetMin: 0 } : { kind: 'date', y, m, d, timeMs };
}

/** The decimal number in s[from, to), or -1 when a character there is not a digit. */
function num(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function fromParts(
  ys: string, ms: string, ds: string,
  hs: string | undefined, mins: string | undefined, ss: string | undefined, frac: string | undefined, zone: string | undefined,
): Moment {
  const y = +ys;
  const m = +ms;
  const d = +ds;
  if (!isCalendarDate(y, m, d)) return { kind: 'error', detail: `${ys}-${ms}-${ds} is not a calendar date` };
  if (hs === undefined) return { kind: 'date', y, m, d };

  const h = +hs;
  const min = +mins!;
  const sec = ss === undefined ? 0 : +ss;
  if (h > 23 || min > 59 || sec > 59) return { kind: 'error', detail: `${hs}:${mins}${ss ? `:${ss}` : ''} is not a time of day` };
  const fracMs = frac === undefined ? 0 : Math.round(+`0.${frac}` * 1000);
  const timeMs = ((h * 60 + min) * 60 + sec) * 1000 + fracMs;
  if (zone === undefined) return { kind: 'date', y, m, d, timeMs };
  const offsetMin = zoneMinutes(zone);
  // Real zones run from UTC−12 to UTC+14.
  if (offsetMin < -720 || offsetMin > 840) return { kind: 'error', detail: `${zone} is not a time zone offset` };
  return { kind: 'date', y, m, d, timeMs, offsetMin };
}

function zoneMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (+digits.slice(0, 2) * 60 + (digits.length > 2 ? +digits.slice(2, 4) : 0));
}
