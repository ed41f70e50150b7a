import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import pg from 'pg';

const PAGE = 5000;

function cell(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return v.toString();
  if (Buffer.isBuffer(v)) return v.toString('base64');
  return typeof v === 'object' ? JSON.stringify(v) : v;
}

/**
 * Runs a query on a department's PostgreSQL in a read-only transaction, through a server-side
 * cursor so the result never sits in memory whole, and writes the rows as NDJSON: the batch then
 * goes through the same reader and pipeline as an uploaded file, and the file is its lineage.
 */
export async function pullPostgres(url: string, query: string, out: string, timeoutSeconds = 600): Promise<number> {
  const client = new pg.Client({ connectionString: url, statement_timeout: timeoutSeconds * 1000, application_name: 'tianmu-pull' });
  await client.connect();
  const file = createWriteStream(out);
  let rows = 0;
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    await client.query(`DECLARE tianmu_pull NO SCROLL CURSOR FOR ${query}`);
    for (;;) {
      const page = await client.query(`FETCH ${PAGE} FROM tianmu_pull`);
      for (const r of page.rows as Record<string, unknown>[]) {
        const obj: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r)) obj[k] = cell(v);
        if (!file.write(`${JSON.stringify(obj)}\n`)) await once(file, 'drain');
      }
      rows += page.rows.length;
      if (page.rows.length < PAGE) break;
    }
    await client.query('COMMIT');
  } finally {
    file.end();
    await finished(file).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
  return rows;
}
