import { eventsOf } from '../events/events.module.js';
import { identityOf } from '../identity/identity.module.js';
import { ingestOf } from '../ingest/ingest.module.js';
import { registerPermissions } from '../platform/auth/roles.js';
import type { TianmuModule } from '../platform/module.js';
import type { Platform } from '../platform/platform.js';
import { getSetting } from '../platform/settings.js';
import { supervisionMigrations } from './migrations/index.js';
import { datasetsOf, ModelService } from './model/model.service.js';
import { SeverityDecider } from './model/severity.js';
import { builtinModels } from './models/index.js';
import { SOURCE_LABELS, SUPERVISION_PERSON_SOURCES } from './person-sources.js';
import { RunService, type RunResult } from './run/run.service.js';
import { RunScheduler, SUPERVISION_JOB } from './run/run-scheduler.js';
import { supervisionCli } from './supervision.cli.js';
import { supervisionRoutes } from './supervision.routes.js';
import { StatsService } from './warnings/stats.service.js';
import { WarningDispatcher } from './warnings/warning-dispatcher.js';
import { WarningService } from './warnings/warning.service.js';

export interface SupervisionServices {
  models: ModelService;
  runs: RunService;
  warnings: WarningService;
  stats: StatsService;
  scheduler: RunScheduler;
}

const services = new WeakMap<Platform, SupervisionServices>();

export function supervisionOf(p: Platform): SupervisionServices {
  const s = services.get(p);
  if (!s) throw new Error('supervision module not initialised');
  return s;
}

registerPermissions({
  // Only inspectors see warnings; warnings about officials only discipline inspectors.
  'supervision.read': ['inspector', 'discipline_inspector'],
  'supervision.read_officials': ['discipline_inspector'],
  'supervision.dispatch': ['inspector', 'discipline_inspector'],
  'supervision.verify': ['inspector', 'discipline_inspector'],
  'supervision.run': ['admin', 'inspector', 'discipline_inspector'],
  'supervision.stats': ['leader', 'inspector', 'discipline_inspector'],
  'supervision.model.read': ['admin', 'leader', 'inspector', 'discipline_inspector'],
  'supervision.model.edit': ['admin', 'discipline_inspector'],
  // Inspectors start runs as jobs and follow their progress.
  'job.read': ['inspector', 'discipline_inspector'],
});

/** The run's reference date: the `supervision.asOf` setting (the demo's data date), else today in Asia/Shanghai. */
export async function defaultAsOf(p: Platform): Promise<string> {
  const set = await getSetting<string>(p.db, 'supervision.asOf');
  if (set) return set;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** 护廉天目: warning models over the person and enterprise files, warnings, dispatch and follow-up. */
export const supervisionModule: TianmuModule = {
  name: 'supervision',
  migrations: supervisionMigrations,
  async init(p) {
    const identity = identityOf(p);
    const { views } = ingestOf(p);
    for (const s of SUPERVISION_PERSON_SOURCES) {
      identity.sources.add(s);
      views.registerConsumer(s.dataset, 'identity', `一人一档：${SOURCE_LABELS[s.role] ?? s.role}`);
    }
    for (const m of builtinModels()) for (const d of datasetsOf(m)) views.registerConsumer(d, 'supervision', `护廉天目：${m.name}`);
    const severity = new SeverityDecider();
    const models = new ModelService(p.db, p.audit, severity);
    const district = async () => (await p.regions.summary()).district?.code ?? '330112';
    const dispatcher = new WarningDispatcher(p.db, () => eventsOf(p).hub, district);
    const runs = new RunService(p, models, severity, dispatcher, () => defaultAsOf(p));
    const scheduler = new RunScheduler(p, models);
    p.jobs.register<{ modelIds?: string[]; asOf?: string; actor: string }, Record<string, never>, RunResult>(SUPERVISION_JOB, (ctx) =>
      runs.run({ ...ctx.params, onProgress: (done, total, model) => void ctx.progress(done, total, model ? `运行模型 ${model}` : '完成') }),
    );
    services.set(p, { models, runs, warnings: new WarningService(p.db, p.audit, models, dispatcher), stats: new StatsService(p.db, p.audit), scheduler });
    await models.seedBuiltins();
  },
  start(p) {
    supervisionOf(p).scheduler.start();
  },
  routes(app, p) {
    supervisionRoutes(app, supervisionOf(p), p);
  },
  cli(program, open) {
    supervisionCli(program, open);
  },
};
