import { CASE_GREW, CASE_OPENED } from '../events/event-messages.js';
import { registerPermissions } from '../platform/auth/roles.js';
import { eventsOf } from '../events/events.module.js';
import type { TianmuModule } from '../platform/module.js';
import type { Platform } from '../platform/platform.js';
import { getSetting, putSetting } from '../platform/settings.js';
import { CasesService } from './cases.service.js';
import { dispatchAdminRoutes } from './dispatch-admin.routes.js';
import { dispatchRoutes } from './dispatch.routes.js';
import { dispatchStreamRoutes } from './dispatch-stream.routes.js';
import { EscalationScanner } from './escalation-scanner.js';
import { hubReporter } from './hub-status.js';
import { IntakeService } from './intake.service.js';
import { HUB_STATUS_TOPIC, LifecycleService } from './lifecycle.service.js';
import { dispatchMigrations } from './migrations/index.js';
import { Notifier, SMS_TOPIC } from './notifier.js';
import type { RegionIndex } from '../platform/regions/region-index.js';
import { Router } from './router.js';
import { RulesService } from './rules.service.js';
import { SlaService } from './sla.service.js';
import { FileSmsSender } from './sms-sender.js';
import { StatsService } from './stats.service.js';

export interface DispatchServices {
  db: Platform['db'];
  regions: RegionIndex;
  rules: RulesService;
  sla: SlaService;
  router: Router;
  notifier: Notifier;
  lifecycle: LifecycleService;
  intake: IntakeService;
  cases: CasesService;
  stats: StatsService;
  scanner: EscalationScanner;
}

const services = new WeakMap<Platform, DispatchServices>();

/** The dispatch module's services on a platform. */
export function dispatchOf(p: Platform): DispatchServices {
  const s = services.get(p);
  if (!s) throw new Error('dispatch module not initialised');
  return s;
}

registerPermissions({
  'dispatch.read': ['admin', 'leader', 'analyst', 'town_operator', 'grid_worker', 'inspector'],
  // Accept, start, resolve, return: whoever works cases in a unit.
  'dispatch.handle': ['admin', 'town_operator', 'grid_worker'],
  // Re-route and escalate by hand; verify, close and reopen: the command centres.
  'dispatch.dispatch': ['admin', 'town_operator'],
  'dispatch.verify': ['admin', 'town_operator'],
  'dispatch.stats': ['admin', 'leader', 'analyst', 'town_operator'],
  'dispatch.manage': ['admin'],
});

/** 一网统管 · 闭环处置: routing, the case lifecycle, SLA and escalation, notifications. */
export const dispatchModule: TianmuModule = {
  name: 'dispatch',
  migrations: dispatchMigrations,
  async init(p) {
    const regions = p.regions.index;
    const rules = new RulesService(p.db, p.audit, p.regions);
    const sla = new SlaService(p.db, p.audit);
    const router = new Router(regions, rules, p.db);
    const notifier = new Notifier(p.db, p.outbox, p.bus, p.cipher, new FileSmsSender(p.config.dataDir));
    const lifecycle = new LifecycleService(p.db, p.outbox, router, sla, notifier, undefined, (tx, caseId, shas) => eventsOf(p).attachments.cite(shas, caseId, tx));
    const toHub = hubReporter(p);
    const intake = new IntakeService(p.db, router, sla, notifier, lifecycle, toHub);
    const scanner = new EscalationScanner(p.db, lifecycle, p.log);
    services.set(p, { db: p.db, regions, rules, sla, router, notifier, lifecycle, intake, cases: new CasesService(p.db, router, lifecycle), stats: new StatsService(p.db), scanner });

    if (!(await getSetting(p.db, 'dispatch.seeded'))) {
      await rules.seedDefaults();
      await sla.seedDefaults();
      await putSetting(p.db, 'dispatch.seeded', true);
    }
    p.outbox.subscribeBatch([CASE_OPENED, CASE_GREW], 'dispatch', (messages) => intake.take(messages));
    p.outbox.subscribe(SMS_TOPIC, 'dispatch-sms', (m) => notifier.deliverSms(m));
    p.outbox.subscribeBatch([HUB_STATUS_TOPIC], 'dispatch-hub', async (messages) => {
      const unknown = await toHub(await lifecycle.hubUpdates(messages.map((m) => (m.payload as { caseId: string }).caseId)));
      if (unknown.length) throw new Error(`the hub has no case ${unknown.join(', ')}`);
    });
  },
  start(p) {
    dispatchOf(p).scanner.start();
  },
  routes(app, p) {
    dispatchRoutes(app, dispatchOf(p));
    dispatchAdminRoutes(app, dispatchOf(p));
    dispatchStreamRoutes(app, p, dispatchOf(p));
  },
};
