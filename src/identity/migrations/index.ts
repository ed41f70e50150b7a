import type { ModuleMigrations } from '../../platform/db/migrate.js';
import * as identity001 from './001-identity.js';
import * as identity002 from './002-marriage.js';

export const identityMigrations: ModuleMigrations = {
  prefix: '20-identity',
  migrations: { '001-identity': identity001, '002-marriage': identity002 },
};
