import type { ModuleMigrations } from '../db/migrate.js';
import * as foundation from './001-foundation.js';
import * as outboxQueue from './002-outbox-queue.js';

export const platformMigrations: ModuleMigrations = {
  prefix: '00-platform',
  migrations: { '001-foundation': foundation, '002-outbox-queue': outboxQueue },
};
