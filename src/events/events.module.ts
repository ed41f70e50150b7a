import { registerPermissions } from '../platform/auth/roles.js';
import type { TianmuModule } from '../platform/module.js';
import type { Platform } from '../platform/platform.js';
import { attachmentsRoutes } from './attachments.routes.js';
import { AttachmentsService } from './attachments.service.js';
import { CaseViewsService } from './case-views.service.js';
import { eventsRoutes } from './events.routes.js';
import { HubService } from './hub.service.js';
import { eventsMigrations } from './migrations/index.js';
import { open311Routes } from './open311/open311.routes.js';
import { TaxonomyService } from './taxonomy.service.js';

export interface EventsServices {
  /** publish(), setCaseStatus(): intake and the case state dispatch reports back. */
  hub: HubService;
  taxonomy: TaxonomyService;
  views: CaseViewsService;
  attachments: AttachmentsService;
}

const services = new WeakMap<Platform, EventsServices>();

/** The event hub's services on a platform; detection modules publish and dispatch reports through these. */
export function eventsOf(p: Platform): EventsServices {
  const s = services.get(p);
  if (!s) throw new Error('events module not initialised');
  return s;
}

registerPermissions({
  // Machine clients (camera analytics, sensors, Open311 apps) get a key with one of these roles.
  'event.publish': ['admin', 'data_steward', 'town_operator', 'grid_worker', 'inspector', 'discipline_inspector', 'clinician', 'window_staff'],
  'event.read': ['admin', 'data_steward', 'analyst', 'leader', 'town_operator', 'grid_worker', 'inspector', 'discipline_inspector'],
  'event.taxonomy.manage': ['admin'],
});

/** The event hub: every warning, alarm, detection and citizen report enters here (incl. Open311). */
export const eventsModule: TianmuModule = {
  name: 'events',
  migrations: eventsMigrations,
  init(p) {
    const taxonomy = new TaxonomyService(p.db, p.audit);
    const views = new CaseViewsService(p.db);
    services.set(p, { hub: new HubService(p, taxonomy), taxonomy, views, attachments: new AttachmentsService(p.db, p.config.dataDir, views, p.config.attachmentLimitBytes) });
  },
  async routes(app, p) {
    const s = eventsOf(p);
    eventsRoutes(app, s);
    await attachmentsRoutes(app, s.attachments);
    await open311Routes(app, s, p.auth);
  },
};
