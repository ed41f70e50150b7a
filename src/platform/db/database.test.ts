import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/engines.js';
import { loadConfig } from '../config.js';
import { PGlite } from '@electric-sql/pglite';
import { databaseOptionsFor, openDatabase, pgliteStartParams, wrapPGlite } from './database.js';
import { checkpointIfDue, walSinceCheckpoint } from './pglite-wal.js';
import type { Db } from './transaction.js';

/** SHOW shared_buffers on a handle. */
async function sharedBuffers(db: Db): Promise<string> {
  const r = await sql<{ shared_buffers: string }>`SHOW shared_buffers`.execute(db);
  return r.rows[0].shared_buffers;
}

describe('embedded database (PGlite)', () => {
  it('runs with 32MB of shared buffers, as the tests\' engine does, or with the size TIANMU_PGLITE_SHARED_BUFFERS gives', async () => {
    const tested = await openTestDatabase('pglite');
    try {
      expect(await sharedBuffers(tested.db)).toBe('32MB');
    } finally {
      await tested.close();
    }
    // The way the platform opens it, from the environment's setting to PGlite in the data folder.
    const dataDir = mkdtempSync(join(tmpdir(), 'tianmu-pglite-buffers-'));
    const configured = await openDatabase(databaseOptionsFor(loadConfig({ TIANMU_PGLITE_SHARED_BUFFERS: '16MB', TIANMU_DATA_DIR: dataDir })));
    try {
      expect(await sharedBuffers(configured.db)).toBe('16MB');
      // Still PGlite's own settings beside it.
      const r = await sql<{ search_path: string }>`SHOW search_path`.execute(configured.db);
      expect(r.rows[0].search_path).toBe('public');
    } finally {
      await configured.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('checkpoints as its WAL grows, which PGlite, with no checkpointer, never does by itself', async () => {
    const handle = await wrapPGlite(await PGlite.create({ startParams: pgliteStartParams() }), { everyMs: 50, maxBytes: 2 ** 20 });
    const pending = () => walSinceCheckpoint(handle.db);
    try {
      await sql`CREATE TABLE wal_probe (v text)`.execute(handle.db);
      // About 15 MB of WAL in one statement; the guard checkpoints once it has run.
      await sql`INSERT INTO wal_probe SELECT repeat('x', 200) FROM generate_series(1, 50000)`.execute(handle.db);
      let n = await pending();
      for (let i = 0; i < 200 && n > 2 ** 20; i++) {
        await new Promise((r) => setTimeout(r, 25));
        n = await pending();
      }
      expect(n).toBeLessThanOrEqual(2 ** 20);
      // Below the bound nothing is done; above it, a checkpoint.
      expect(await checkpointIfDue(handle.db, 2 ** 30)).toBe(false);
      await sql`INSERT INTO wal_probe SELECT repeat('y', 200) FROM generate_series(1, 20000)`.execute(handle.db);
      expect(await checkpointIfDue(handle.db, 2 ** 20)).toBe(true);
      expect(await pending()).toBeLessThan(2 ** 20);
    } finally {
      await handle.close();
    }
  });

  it('checkpoints between the statements of one open transaction when asked (settleWal), which the guard cannot', async () => {
    // The guard's period is out of reach: only settleWal can checkpoint here.
    const handle = await wrapPGlite(await PGlite.create({ startParams: pgliteStartParams() }), { everyMs: 3_600_000, maxBytes: 2 ** 20 });
    try {
      await sql`CREATE TABLE wal_tx_probe (v text)`.execute(handle.db);
      const seen = await handle.db.transaction().execute(async (tx) => {
        const out: number[] = [];
        for (let i = 0; i < 3; i++) {
          await sql`INSERT INTO wal_tx_probe SELECT repeat('x', 200) FROM generate_series(1, 20000)`.execute(tx);
          await handle.settleWal(tx);
          out.push(await walSinceCheckpoint(tx));
        }
        return out;
      });
      // Each slice's ~6 MB of WAL was checkpointed before the next, inside the transaction; all of it committed.
      expect(seen.every((n) => n < 2 ** 20)).toBe(true);
      expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM wal_tx_probe`.execute(handle.db)).rows[0].n)).toBe(60000);
    } finally {
      await handle.close();
    }
  });
});
