import type { Platform } from '../platform/platform.js';

/** Opens the platform for one CLI command and always closes it. */
export async function usingPlatform<T>(open: () => Promise<Platform>, fn: (p: Platform) => Promise<T>): Promise<T> {
  const p = await open();
  try {
    return await fn(p);
  } finally {
    await p.close();
  }
}
