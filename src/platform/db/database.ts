import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGLITE_SHARED_BUFFERS, type Config } from '../config.js';
import type { Database } from './schema.js';
import { checkpointIfDue, PGLITE_WAL_GUARD, startWalGuard, type WalGuardOptions } from './pglite-wal.js';
import type { Executor } from './transaction.js';

export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** The raw pool, for COPY and other driver-level work; PGlite's pool has one connection. */
  readonly pool: pg.Pool;
  /** The PGlite instance behind the pool, when the engine is PGlite (for COPY from a blob). */
  readonly pglite?: PGlite;
  /**
   * Called between the slices of a long write inside one transaction: on PGlite, a checkpoint on
   * `ex` once the WAL has grown past the guard's bound (the guard itself waits for the transaction);
   * on a server nothing, its checkpointer does that on its own.
   */
  settleWal(ex: Executor): Promise<void>;
  close(): Promise<void>;
}

// BIGINT (int8) and NUMERIC come back as strings from pg by default; counts and money in this
// project stay within 2^53, so they are parsed as numbers once, here.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
// A calendar date is not an instant: as a JS Date it would shift by the server's time zone.
pg.types.setTypeParser(1082, (v) => v);

export interface OpenOptions {
  /** postgres://… for a server; otherwise PGlite. */
  databaseUrl?: string | null;
  /** Folder for PGlite's files; `null` keeps PGlite in memory (tests). */
  pgliteDir?: string | null;
  /** PGlite's shared buffers (PGLITE_SHARED_BUFFERS unless given). */
  pgliteSharedBuffers?: string;
  poolSize?: number;
}

/**
 * Opens Kysely over PGlite or PostgreSQL. Both go through Kysely's PostgresDialect and node-postgres,
 * so every query takes the same driver path on both engines.
 */
export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => {
      /* an idle client lost its server; the pool replaces it on next use */
    });
    pool.on('connect', (client) => {
      client.query("SET TIME ZONE 'UTC'").catch(() => undefined);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await sql`select 1`.execute(db);
    return { db, engine: 'postgres', pool, settleWal: async () => undefined, close: () => db.destroy() };
  }
  const startParams = pgliteStartParams(opts.pgliteSharedBuffers);
  let pglite: PGlite;
  if (opts.pgliteDir) {
    mkdirSync(opts.pgliteDir, { recursive: true });
    pglite = await PGlite.create(opts.pgliteDir, { startParams });
  } else {
    pglite = await PGlite.create({ startParams });
  }
  return wrapPGlite(pglite);
}

/** PGlite's start-up arguments: its own, with Tianmu's shared buffers (see PGLITE_SHARED_BUFFERS). */
export function pgliteStartParams(sharedBuffers = PGLITE_SHARED_BUFFERS): string[] {
  return [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`];
}

/** Puts Kysely over an open PGlite, checkpointing as its WAL grows (pglite-wal.ts); closing the handle closes PGlite too. */
export async function wrapPGlite(pglite: PGlite, walGuard: WalGuardOptions = PGLITE_WAL_GUARD): Promise<DatabaseHandle> {
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await sql`SET TIME ZONE 'UTC'`.execute(db);
  const stopWalGuard = startWalGuard(db, walGuard);
  return {
    db,
    engine: 'pglite',
    pool,
    pglite,
    settleWal: async (ex) => void (await checkpointIfDue(ex, walGuard.maxBytes)),
    close: async () => {
      stopWalGuard();
      await db.destroy();
      await pglite.close();
    },
  };
}

/** How the platform opens its database under a configuration: the server, or PGlite in the data folder. */
export function databaseOptionsFor(config: Config): OpenOptions {
  return { databaseUrl: config.databaseUrl, pgliteDir: pgliteDirFor(config.dataDir), pgliteSharedBuffers: config.pgliteSharedBuffers };
}

export function pgliteDirFor(dataDir: string): string {
  return join(dataDir, 'pglite');
}
