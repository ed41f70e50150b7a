import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, pgliteStartParams, wrapPGlite, type DatabaseHandle, type Engine } from '../db/database.js';

const pgliteVersion = (JSON.parse(readFileSync(new URL('../../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * A fresh PGlite runs initdb, which takes seconds; loading a dump of an initialised one takes about
 * one. The dump is made once per PGlite version and kept in the system temp folder.
 */
async function pgliteFromTemplate(): Promise<PGlite> {
  const file = join(tmpdir(), `tianmu-pglite-template-${pgliteVersion}.tar`);
  if (existsSync(file)) {
    try {
      return await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]), startParams: pgliteStartParams() });
    } catch {
      /* a damaged template: make a new one below */
    }
  }
  const fresh = await PGlite.create({ startParams: pgliteStartParams() });
  const dump = await fresh.dumpDataDir('none');
  const tmp = `${file}.${process.pid}`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, file);
  return fresh;
}

/**
 * The engines integration tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
 * In CI a missing TEST_DATABASE_URL is an error, not a silent skip.
 */
export function testEngines(): Engine[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI) throw new Error('CI is set but TEST_DATABASE_URL is not: the PostgreSQL half of the suite would be skipped');
  return url ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A fresh, empty database: in-memory PGlite, or a new PostgreSQL database created for this test
 * file on the TEST_DATABASE_URL server and dropped on close.
 */
export async function openTestDatabase(engine: Engine): Promise<DatabaseHandle> {
  if (engine === 'pglite') return wrapPGlite(await pgliteFromTemplate());
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `tianmu_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
