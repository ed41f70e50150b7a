import type { ModuleMigrations } from '../../platform/db/migrate.js';
import * as ingest001 from './001-ingest.js';

export const ingestMigrations: ModuleMigrations = {
  prefix: '10-ingest',
  migrations: { '001-ingest': ingest001 },
};
