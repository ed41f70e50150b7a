/** The result shapes every standardiser returns; see docs/standardisation.md for the catalogue. */
import type { VillageResolver } from './village-resolver.js';

/**
 * Why a kept value deserves a second look. The named ones are the catalogue; the open `string`
 * lets a new standardiser add a flag without a breaking change to every consumer.
 */
export type Flag =
  | 'check_digit'
  | 'birth_date_implausible'
  | 'org_code'
  | 'unknown_village'
  | 'converted_15'
  | 'future_date'
  | 'unit_converted'
  | 'traditional_converted'
  | 'landline'
  | 'month_only'
  | 'date_only'
  | 'rounded'
  | 'swapped_lat_lon'
  | (string & {});

/** A standardised value: text, a number, a [lon, lat] pair, or null for an empty cell. */
export type StdValue = string | number | [number, number] | null;

export type RejectReason =
  | 'unparseable_date'
  | 'unparseable_datetime'
  | 'unparseable_number'
  | 'unparseable_integer'
  | 'unparseable_money'
  | 'unparseable_area'
  | 'unparseable_resident_id'
  | 'unparseable_credit_code'
  | 'unparseable_phone'
  | 'unknown_enum'
  | 'unparseable_geo_point'
  | 'unknown_village_code'
  | 'value_too_long';

export type StdResult =
  /** value is null when the raw value is empty or blank. */
  | { ok: true; value: StdValue; flags?: Flag[] }
  /** The value cannot be read as its type: the row is rejected with this reason. */
  | { ok: false; reason: RejectReason; detail: string };

export interface StandardiseContext {
  villages: VillageResolver;
  /** The ingest's "now": dates after this calendar day (in China) are flagged future_date. */
  today: Date;
}

export type Standardiser = (raw: string) => StdResult;

// One shared object for every empty cell: blank cells are common and need no allocation.
export const EMPTY: StdResult = Object.freeze({ ok: true, value: null }) as StdResult;

export function accept(value: StdValue, flags?: Flag[]): StdResult {
  return flags === undefined ? { ok: true, value } : { ok: true, value, flags };
}

export function reject(reason: RejectReason, detail: string): StdResult {
  return { ok: false, reason, detail };
}

/** Shows a raw value in a reject detail without echoing a huge or multi-line cell back. */
export function quote(s: string): string {
  const short = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return JSON.stringify(short);
}
