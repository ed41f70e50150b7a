import { Migrator, sql, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface ModuleMigrations {
  /** Sort prefix plus module name, e.g. `00-platform`: modules migrate in this order. */
  readonly prefix: string;
  readonly migrations: Record<string, Migration>;
}

class ModuleMigrationProvider implements MigrationProvider {
  constructor(private readonly modules: readonly ModuleMigrations[]) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const all: Record<string, Migration> = {};
    for (const m of this.modules) {
      for (const [name, migration] of Object.entries(m.migrations)) all[`${m.prefix}/${name}`] = migration;
    }
    return all;
  }
}

export interface MigrationReport {
  applied: string[];
}

/** Applies every pending migration of every module, in prefix order, inside Kysely's migration lock. */
export async function migrateToLatest(db: Kysely<Database>, modules: readonly ModuleMigrations[]): Promise<MigrationReport> {
  if (await allApplied(db, modules)) return { applied: [] };
  const migrator = new Migrator({
    db,
    provider: new ModuleMigrationProvider(modules),
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
    // A module added later sorts before an already-applied one of another module.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const where = failed ? ` in migration ${failed.migrationName}` : '';
    throw new Error(`Database migration failed${where}: ${(error as Error).message ?? String(error)}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * True when every migration is already recorded. A restart usually has nothing to apply, and
 * Kysely's Migrator first introspects every table in the schema (a third of a second on PGlite).
 * Anything missing, including the table itself, goes through the Migrator and its lock.
 */
async function allApplied(db: Kysely<Database>, modules: readonly ModuleMigrations[]): Promise<boolean> {
  const names = modules.flatMap((m) => Object.keys(m.migrations).map((n) => `${m.prefix}/${n}`));
  const table = await sql<{ t: string | null }>`SELECT to_regclass('schema_migration')::text AS t`.execute(db);
  if (!table.rows[0]?.t) return false;
  const done = new Set((await sql<{ name: string }>`SELECT name FROM schema_migration`.execute(db)).rows.map((x) => x.name));
  return names.every((n) => done.has(n));
}
