import type { ModuleMigrations } from '../../platform/db/migrate.js';
import * as ingest001 from './001-ingest.js';
import * as ingest002 from './002-sources.js';
import * as ingest003 from './003-row-foreign-keys.js';
import * as ingest004 from './004-current-id-index.js';
import * as ingest005 from './005-since-batch-indexes.js';
import * as ingest006 from './006-retired-key-index.js';
import * as ingest007 from './007-reject-stored-row.js';
import * as ingest008 from './008-batch-mode.js';
import * as ingest009 from './009-batch-hold.js';
import * as ingest010 from './010-reject-claims.js';

export const ingestMigrations: ModuleMigrations = {
  prefix: '10-ingest',
  migrations: { '001-ingest': ingest001, '002-sources': ingest002, '003-row-foreign-keys': ingest003, '004-current-id-index': ingest004, '005-since-batch-indexes': ingest005, '006-retired-key-index': ingest006, '007-reject-stored-row': ingest007, '008-batch-mode': ingest008, '009-batch-hold': ingest009, '010-reject-claims': ingest010 },
};
