import type { ModuleMigrations } from '../../platform/db/migrate.js';
import * as events001 from './001-events.js';
import * as events002 from './002-attachment-links.js';

export const eventsMigrations: ModuleMigrations = {
  prefix: '30-events',
  migrations: { '001-events': events001, '002-attachment-links': events002 },
};
