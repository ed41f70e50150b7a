import { demoModule } from './demo/demo.module.js';
import { dispatchModule } from './dispatch/dispatch.module.js';
import { eventsModule } from './events/events.module.js';
import { identityModule } from './identity/identity.module.js';
import { ingestModule } from './ingest/ingest.module.js';
import type { TianmuModule } from './platform/module.js';
import { platformModule } from './platform/platform.module.js';
import { supervisionModule } from './supervision/supervision.module.js';

/**
 * Every module, in dependency order. The server, the migrator, the CLI and the console's
 * navigation (`modules` in /api/auth/me) are all composed from this list.
 */
export function allModules(): TianmuModule[] {
  const modules: TianmuModule[] = [];
  const names = () => modules.map((m) => m.name);
  modules.push(platformModule(names), ingestModule, identityModule, eventsModule, dispatchModule, supervisionModule, demoModule);
  return modules;
}
