import type { TianmuModule } from '../platform/module.js';
import { demoCli } from './demo.cli.js';
import { runDemoSetup, type DemoSetupParams } from './demo-setup.js';

export type { DemoLoaded } from './demo-setup.js';
export const DEMO_SETUP_JOB = 'demo.setup';

/** The demo district: a generator of department files and the loader that feeds them in. */
export const demoModule: TianmuModule = {
  name: 'demo',
  init(p) {
    p.jobs.register<DemoSetupParams, object, unknown>(DEMO_SETUP_JOB, (ctx) => runDemoSetup(p, ctx));
  },
  cli: demoCli,
};
