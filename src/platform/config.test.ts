import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('runs on the embedded defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, databaseUrl: null, demo: { enabled: true, scale: 0.01 } });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(Object.isFrozen(c.demo)).toBe(true);
  });

  it('reads DATABASE_URL, TIANMU_DEMO=off and PORT', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', TIANMU_DEMO: 'off', PORT: '9090' });
    expect(c).toMatchObject({ databaseUrl: 'postgres://u@h/db', demo: { enabled: false }, port: 9090 });
  });

  it('sizes PGlite\'s shared buffers, 32MB unless set, and refuses what is not a size', () => {
    expect(loadConfig({}).pgliteSharedBuffers).toBe('32MB');
    expect(loadConfig({ TIANMU_PGLITE_SHARED_BUFFERS: '64MB' }).pgliteSharedBuffers).toBe('64MB');
    expect(loadConfig({ TIANMU_PGLITE_SHARED_BUFFERS: '1GB' }).pgliteSharedBuffers).toBe('1GB');
    for (const bad of ['32', '0MB', '32 MB', '32MB -c fsync=off', '1TB', '2GB', '64kB', '99999999999MB']) {
      expect(() => loadConfig({ TIANMU_PGLITE_SHARED_BUFFERS: bad }), bad).toThrow(/TIANMU_PGLITE_SHARED_BUFFERS/);
    }
  });

  it('fails fast naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TIANMU_ADMIN_PASSWORD: 'short' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TIANMU_ADMIN_PASSWORD: 'short' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL/);
      expect((e as Error).message).toMatch(/TIANMU_ADMIN_PASSWORD/);
    }
  });
});
