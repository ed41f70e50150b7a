import type { ModuleMigrations } from '../../platform/db/migrate.js';
import * as identity001 from './001-identity.js';
import * as identity002 from './002-marriage.js';
import * as identity003 from './003-first-load.js';
import * as identity004 from './004-unassigned-index.js';
import * as identity005 from './005-golden-json.js';
import * as identity006 from './006-redundant-indexes.js';

export const identityMigrations: ModuleMigrations = {
  prefix: '20-identity',
  migrations: { '001-identity': identity001, '002-marriage': identity002, '003-first-load': identity003, '004-unassigned-index': identity004, '005-golden-json': identity005, '006-redundant-indexes': identity006 },
};
