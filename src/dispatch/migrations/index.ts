import type { ModuleMigrations } from '../../platform/db/migrate.js';
import * as dispatch001 from './001-dispatch.js';

export const dispatchMigrations: ModuleMigrations = {
  prefix: '40-dispatch',
  migrations: { '001-dispatch': dispatch001 },
};
