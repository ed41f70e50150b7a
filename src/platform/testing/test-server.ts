import { fileURLToPath } from 'node:url';
import { loadDemoGeometry } from '../../demo/load/demo-geometry.loader.js';
import { loadDemoUsers } from '../../demo/load/demo-users.loader.js';
import { buildServer } from '../http/server.js';
import { allModules } from '../../modules.js';
import { createTestPlatform, TEST_ADMIN_PASSWORD } from './test-platform.js';

export interface TestServer {
  url: string;
  adminUser: string;
  adminPassword: string;
  /** Password of the demo users (steward, tianmushan, grid.yidu, …). */
  demoPassword: string;
  close(): Promise<void>;
}

/**
 * A real server on a free port for browser tests: in-memory PGlite, the regions with demo
 * boundaries and grids, the demo users, the job runner and outbox relay, and the built console from web/dist.
 */
export async function startTestServer(): Promise<TestServer> {
  const t = await createTestPlatform('pglite');
  await loadDemoGeometry(t.p, async () => undefined);
  const demoPassword = 'demo-password-123';
  await loadDemoUsers(t.p, demoPassword);
  await t.p.jobs.start(200);
  // As `tianmu serve`: modules hear of each other's changes only through the relay.
  t.p.outbox.start(200);
  const app = await buildServer(t.p, allModules(), { consoleDir: fileURLToPath(new URL('../../../web/dist', import.meta.url)), logger: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    adminUser: 'admin',
    adminPassword: TEST_ADMIN_PASSWORD,
    demoPassword,
    async close() {
      await t.p.outbox.stop();
      await app.close();
      await t.close();
    },
  };
}
