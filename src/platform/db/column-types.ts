import type { ColumnType, JSONColumnType } from 'kysely';

/** Column types shared by every module's table declarations. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills by default (now()). */
export type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb, written as a JSON string and read back parsed. */
export type Json<T extends object | null = Record<string, unknown>> = JSONColumnType<T, string, string>;
/** jsonb with a database default. */
export type DefaultJson<T> = ColumnType<T, string | undefined, string>;

/** An optional timestamp as ISO 8601 (UTC) for API answers. */
export function isoOrNull(d: Date | string | null | undefined): string | null {
  return d ? new Date(d).toISOString() : null;
}
