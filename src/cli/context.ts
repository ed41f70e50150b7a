import { loadConfig, type Config } from '../platform/config.js';
import { openPlatform, type Platform } from '../platform/platform.js';
import { allModules } from '../modules.js';

/** Opens the platform for a CLI command from the environment's configuration. */
export async function openFromEnv(overrides: Partial<Config> = {}): Promise<Platform> {
  const config = loadConfig(process.env, overrides);
  const modules = allModules();
  const p = await openPlatform(config, { migrations: modules.flatMap((m) => (m.migrations ? [m.migrations] : [])) });
  for (const m of modules) await m.init?.(p);
  return p;
}
