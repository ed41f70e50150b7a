import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { DatabaseHandle } from './database.js';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * One field of COPY's text format: backslash, tab and line breaks escaped, `\N` for NULL. JSON
 * almost never needs escaping here (it has no raw tabs or newlines), unlike CSV where every one of
 * its quotes would have to be doubled.
 */
export function copyField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  return NEEDS_ESCAPE.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s;
}

/**
 * Bulk-loads lines of COPY text format (tab-separated fields made with copyField) into a table:
 * through pg-copy-streams on a server, through PGlite's blob COPY when embedded. The pool's
 * connection is held meanwhile, so on PGlite nothing else shares the single session. The lines may
 * come already encoded as UTF-8 (a worker thread's transferred buffer).
 */
export async function copyRows(handle: DatabaseHandle, table: string, columns: string[], text: string | Uint8Array): Promise<void> {
  if (text.length === 0) return;
  if (!/^[a-z_][a-z0-9_]*$/.test(table) || !columns.every((c) => /^[a-z_][a-z0-9_]*$/.test(c))) throw new Error('copyRows: bad identifier');
  const statement = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  const client = await handle.pool.connect();
  try {
    if (handle.pglite) {
      await handle.pglite.query(statement.replace('STDIN', "'/dev/blob'"), [], { blob: new Blob([text as BlobPart]) });
    } else {
      await pipeline(Readable.from([text]), client.query(copyFrom(statement)));
    }
  } finally {
    client.release();
  }
}
