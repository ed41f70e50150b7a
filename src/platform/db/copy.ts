import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { DatabaseHandle } from './database.js';

/** One CSV field: quoted, inner quotes doubled; null stays an unquoted empty field (NULL in COPY CSV). */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return `"${s.includes('"') ? s.replace(/"/g, '""') : s}"`;
}

/**
 * Bulk-loads CSV text (no header) into a table with COPY, the fastest way into PostgreSQL: through
 * pg-copy-streams on a server, through PGlite's blob COPY when embedded. The pool's connection is
 * held meanwhile, so on PGlite nothing else shares the single session during the COPY.
 */
export async function copyCsv(handle: DatabaseHandle, table: string, columns: string[], csv: string): Promise<void> {
  if (!csv) return;
  if (!/^[a-z_][a-z0-9_]*$/.test(table) || !columns.every((c) => /^[a-z_][a-z0-9_]*$/.test(c))) throw new Error('copyCsv: bad identifier');
  const statement = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  const client = await handle.pool.connect();
  try {
    if (handle.pglite) {
      await handle.pglite.query(statement.replace('STDIN', "'/dev/blob'"), [], { blob: new Blob([csv]) });
    } else {
      await pipeline(Readable.from([csv]), client.query(copyFrom(statement)));
    }
  } finally {
    client.release();
  }
}
