import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
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
