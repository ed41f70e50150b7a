import { apiKeysRoutes } from './auth/apikeys.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { usersRoutes } from './auth/users.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { healthRoutes } from './http/health.routes.js';
import { jobsRoutes } from './jobs/jobs.routes.js';
import { platformMigrations } from './migrations/index.js';
import type { TianmuModule } from './module.js';
import { regionsRoutes } from './regions/regions.routes.js';
import { platformCli } from './cli/platform.cli.js';

/** The platform as a module: its schema, routes and commands, composed like every other module. */
export function platformModule(moduleNames: () => string[]): TianmuModule {
  return {
    name: 'platform',
    migrations: platformMigrations,
    routes(app, p) {
      healthRoutes(app, p);
      authRoutes(app, p, moduleNames);
      usersRoutes(app, p);
      apiKeysRoutes(app, p);
      regionsRoutes(app, p);
      auditRoutes(app, p);
      jobsRoutes(app, p);
    },
    cli: platformCli,
  };
}
