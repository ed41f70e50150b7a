/** Dates (YYYY-MM-DD) and date-times (ISO 8601 in UTC) from the notations of parse-moment.ts. */
import {
  DAY_MS, MAX_EXCEL_SERIAL, SHANGHAI_OFFSET_MS, civilFromDays, daysFromCivil, excelSerialToEpochDay, isCalendarDate, isoDate, isoInstant, shanghaiDay,
} from './calendar.js';
import { cleanCell, collapseSpaces } from './clean-cell.js';
import { parseMoment } from './parse-moment.js';
import { EMPTY, accept, quote, reject, type Flag, type StdResult, type Standardiser } from './types.js';

// No date notation is longer than this; a longer cell is rejected before any regex sees it.
const MAX_LENGTH = 64;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Dates. A time of day is dropped; with a zone it is first moved to China's calendar day. A month
 * without a day becomes its first day, flagged month_only; a day after `today` is kept, flagged.
 */
export function dateStandardiser(today: Date): Standardiser {
  const todayIso = shanghaiDay(today);
  const dated = (iso: string, extra?: Flag): StdResult => {
    if (iso > todayIso) return accept(iso, extra ? [extra, 'future_date'] : ['future_date']);
    return extra ? accept(iso, [extra]) : accept(iso);
  };

  return (raw) => {
    if (raw.length > MAX_LENGTH * 4) return reject('unparseable_date', `${raw.length} characters is not a date`);
    const s = collapseSpaces(cleanCell(raw));
    if (s === '') return EMPTY;
    // Already standard: the most common value in a re-exported file.
    if (s.length === 10 && ISO_DATE.test(s)) {
      if (isCalendarDate(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10))) return dated(s);
      return reject('unparseable_date', `${quote(s)} is not a calendar date`);
    }
    if (s.length > MAX_LENGTH) return reject('unparseable_date', `${s.length} characters is not a date`);

    const p = parseMoment(s);
    switch (p.kind) {
      case 'date': {
        if (p.offsetMin === undefined || p.timeMs === undefined) return dated(isoDate(p.y, p.m, p.d));
        const instant = daysFromCivil(p.y, p.m, p.d) * DAY_MS + p.timeMs - p.offsetMin * 60_000;
        const [y, m, d] = civilFromDays(Math.floor((instant + SHANGHAI_OFFSET_MS) / DAY_MS));
        return dated(isoDate(y, m, d));
      }
      case 'month':
        return dated(isoDate(p.y, p.m, 1), 'month_only');
      case 'serial': {
        const day = serialDay(p.value);
        if (typeof day === 'string') return reject('unparseable_date', `${quote(s)}: ${day}`);
        const [y, m, d] = civilFromDays(day);
        return dated(isoDate(y, m, d));
      }
      default:
        return reject('unparseable_date', `${quote(s)}: ${p.detail}`);
    }
  };
}

/**
 * Date-times. A time without a zone is China's (UTC+8). A date alone is kept as its midnight and
 * flagged date_only; a month alone is not a moment and is rejected.
 */
export function datetimeStandardiser(today: Date): Standardiser {
  // The first instant of tomorrow in China: anything from there on is on a later calendar day.
  const tomorrow = (Math.floor((today.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - SHANGHAI_OFFSET_MS;
  const timed = (epochMs: number, extra?: Flag): StdResult => {
    const iso = isoInstant(epochMs);
    if (epochMs >= tomorrow) return accept(iso, extra ? [extra, 'future_date'] : ['future_date']);
    return extra ? accept(iso, [extra]) : accept(iso);
  };

  return (raw) => {
    if (raw.length > MAX_LENGTH * 4) return reject('unparseable_datetime', `${raw.length} characters is not a date-time`);
    const s = collapseSpaces(cleanCell(raw));
    if (s === '') return EMPTY;
    if (s.length > MAX_LENGTH) return reject('unparseable_datetime', `${s.length} characters is not a date-time`);

    const p = parseMoment(s);
    switch (p.kind) {
      case 'date': {
        const midnight = daysFromCivil(p.y, p.m, p.d) * DAY_MS;
        if (p.timeMs === undefined) return timed(midnight - SHANGHAI_OFFSET_MS, 'date_only');
        const offsetMs = p.offsetMin === undefined ? SHANGHAI_OFFSET_MS : p.offsetMin * 60_000;
        return timed(midnight + p.timeMs - offsetMs);
      }
      case 'serial': {
        const day = serialDay(p.value);
        if (typeof day === 'string') return reject('unparseable_datetime', `${quote(s)}: ${day}`);
        const timeMs = Math.round((p.value - Math.floor(p.value)) * DAY_MS);
        return timed(day * DAY_MS + timeMs - SHANGHAI_OFFSET_MS);
      }
      case 'month':
        return reject('unparseable_datetime', `${quote(s)}: a month is not a date-time`);
      default:
        return reject('unparseable_datetime', `${quote(s)}: ${p.detail}`);
    }
  };
}

/** Days since 1970 for an Excel serial, or why it is not one. */
function serialDay(value: number): number | string {
  if (value < 1 || value > MAX_EXCEL_SERIAL) return `as an Excel serial day it is outside 1–${MAX_EXCEL_SERIAL}`;
  return excelSerialToEpochDay(value) ?? 'Excel serial 60 is 1900-02-29, a day that does not exist';
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}
