import { registerPermissions } from '../platform/auth/roles.js';
import type { TianmuModule } from '../platform/module.js';
import type { Platform } from '../platform/platform.js';
import { CatalogService } from './catalog.service.js';
import { DatasetReader } from './dataset-reader.js';
import { DatasetViewService } from './dataset-view.service.js';
import { GrantsService } from './grants.service.js';
import { ingestCli } from './ingest.cli.js';
import { IngestService } from './ingest.service.js';
import { SourcesService } from './sources/sources.service.js';
import { ingestMigrations } from './migrations/index.js';
import { ingestRoutes } from './ingest.routes.js';
import { sourcesRoutes } from './sources/sources.routes.js';

export interface IngestServices {
  catalog: CatalogService;
  ingest: IngestService;
  views: DatasetViewService;
  grants: GrantsService;
  sources: SourcesService;
  /** Bulk reads of published rows for other modules. */
  reader: DatasetReader;
}

const services = new WeakMap<Platform, IngestServices>();

/** The ingest module's services on a platform; other modules read datasets through these. */
export function ingestOf(p: Platform): IngestServices {
  const s = services.get(p);
  if (!s) throw new Error('ingest module not initialised');
  return s;
}

registerPermissions({
  'dataset.read': ['admin', 'data_steward', 'analyst', 'leader', 'inspector', 'discipline_inspector', 'town_operator', 'window_staff', 'clinician'],
  'dataset.manage': ['admin', 'data_steward'],
  'ingest.write': ['admin', 'data_steward'],
  'quarantine.export': ['admin', 'data_steward'],
  'grant.decide': ['admin', 'data_steward'],
});

/** 数据归集治理: dataset catalog, ingestion, standardisation, quality, quarantine, lineage, sharing. */
export const ingestModule: TianmuModule = {
  name: 'ingest',
  migrations: ingestMigrations,
  init(p) {
    const catalog = new CatalogService(p.db, p.audit);
    const ingest = new IngestService(p, catalog);
    services.set(p, { catalog, ingest, views: new DatasetViewService(p, catalog), grants: new GrantsService(p, catalog), sources: new SourcesService(p, catalog, ingest), reader: new DatasetReader(p, catalog) });
  },
  start(p) {
    ingestOf(p).sources.startScheduler();
  },
  routes(app, p) {
    ingestRoutes(app, p, ingestOf(p));
    sourcesRoutes(app, ingestOf(p).sources);
  },
  cli: ingestCli,
};
