import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../config.js';
import type { Engine } from '../db/database.js';
import { buildServer } from '../http/server.js';
import { openPlatform, type Logger, type Platform } from '../platform.js';
import { allModules } from '../../modules.js';
import { openTestDatabase } from './engines.js';

export const TEST_ADMIN_PASSWORD = 'admin-password-123';
const KEY = Buffer.alloc(32, 7).toString('base64');
const HMAC = Buffer.alloc(32, 9).toString('base64');

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: (m) => console.error(m) };

export interface TestPlatform {
  p: Platform;
  app: FastifyInstance;
  dataDir: string;
  /** Signs in and returns the cookie header for later requests. */
  login(username: string, password?: string): Promise<string>;
  /** inject() with a session cookie and the CSRF header. */
  as(cookie: string, opts: { method?: string; url: string; payload?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The whole platform and HTTP server on a fresh database, with an admin user, for one test file. */
export async function createTestPlatform(engine: Engine, overrides: Partial<Config> = {}): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tianmu-test-'));
  const config = loadConfig(
    { TIANMU_DATA_DIR: dataDir, TIANMU_ENCRYPTION_KEY: KEY, TIANMU_HMAC_KEY: HMAC, LOG_LEVEL: 'silent', TIANMU_DEMO: 'off', TIANMU_LOGIN_PER_IP_PER_MINUTE: '1000' },
    overrides,
  );
  const database = await openTestDatabase(engine);
  const modules = allModules();
  const p = await openPlatform(config, { log: quiet, database, migrations: modules.flatMap((m) => (m.migrations ? [m.migrations] : [])) });
  for (const m of modules) await m.init?.(p);
  await p.users.ensureAdmin(TEST_ADMIN_PASSWORD);
  const app = await buildServer(p, modules, { consoleDir: null, logger: false });
  await app.ready();

  const login = async (username: string, password = TEST_ADMIN_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'tianmu_session');
    return `tianmu_session=${cookie!.value}`;
  };
  return {
    p,
    app,
    dataDir,
    login,
    as: (cookie, o) =>
      app.inject({ method: (o.method ?? 'GET') as 'GET', url: o.url, payload: o.payload as never, headers: { cookie, 'x-tianmu-csrf': '1', ...(o.headers ?? {}) } }),
    async close() {
      await app.close();
      await p.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
