import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveResult, startServer } from './lib.js';

/**
 * First start on a new data folder (schema, regions, keys, admin, demo district at the default
 * scale) until the banner is printed; then a restart on the same folder until the same banner.
 * The console is assumed built (npm start builds it once when sources change).
 */
export async function benchStartup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tianmu-bench-start-'));
  const env = { TIANMU_DATA_DIR: dataDir, PORT: '18471', TIANMU_ADMIN_PASSWORD: 'bench-admin-password' };
  try {
    const first = await startServer(env, /is running/);
    await first.stop();
    const second = await startServer(env, /is running/);
    await second.stop();
    saveResult('startup', {
      firstStartSeconds: Number((first.readyMs / 1000).toFixed(2)),
      restartSeconds: Number((second.readyMs / 1000).toFixed(2)),
      targets: { firstStartSeconds: 30, restartSeconds: 5 },
      note: 'PGlite, default demo scale 0.01, console already built',
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
