import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/engines.js';
import { loadConfig } from '../config.js';
import { databaseOptionsFor, openDatabase } from './database.js';
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
});
