import type { ModuleMigrations } from '../../platform/db/migrate.js';
import * as events001 from './001-events.js';
import * as events002 from './002-attachment-links.js';
import * as events003 from './003-supervision-categories.js';

export const eventsMigrations: ModuleMigrations = {
  prefix: '30-events',
  migrations: { '001-events': events001, '002-attachment-links': events002, '003-supervision-categories': events003 },
};
