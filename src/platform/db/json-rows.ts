import { sql, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';

/** A row for `insertJsonRows`: column values as JSON would carry them; a jsonb column's value is the object itself, not its text. */
export type JsonRow<T extends keyof Database> = { [K in keyof Database[T]]?: unknown };

/**
 * An INSERT of many rows that travel as one JSON document, which PostgreSQL spreads over the
 * table's columns (`json_populate_recordset`): one parameter whatever the batch size, where a
 * multi-row VALUES costs thousands of parameters to bind, send and plan. Columns are named from
 * the first row, so a column left out gets its default.
 */
export function insertJsonRows<T extends keyof Database & string>(table: T, rows: ReadonlyArray<JsonRow<T>>, returning?: RawBuilder<unknown>): RawBuilder<unknown> {
  const cols = sql.join(Object.keys(rows[0] as object).map((c) => sql.ref(c)));
  return sql`INSERT INTO ${sql.table(table)} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows)}::json) ${returning ?? sql``}`;
}
