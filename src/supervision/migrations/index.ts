import type { ModuleMigrations } from '../../platform/db/migrate.js';
import * as supervision001 from './001-supervision.js';

export const supervisionMigrations: ModuleMigrations = {
  prefix: '50-supervision',
  migrations: { '001-supervision': supervision001 },
};
