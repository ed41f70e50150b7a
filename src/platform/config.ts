import { resolve } from 'node:path';
import { z } from 'zod';

/** Every setting Tianmu reads from the environment, parsed once and frozen. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** PostgreSQL server URL; when absent the embedded PGlite in `dataDir/pglite` is used. */
  readonly databaseUrl: string | null;
  /** PostgreSQL's shared buffers inside the embedded PGlite (e.g. `32MB`); unused with a server. */
  readonly pgliteSharedBuffers: string;
  readonly demo: { readonly enabled: boolean; readonly scale: number; readonly seed: number };
  readonly adminPassword: string | null;
  readonly encryptionKey: string | null;
  readonly hmacKey: string | null;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly sessionTtlHours: number;
  readonly login: { readonly maxFailures: number; readonly lockoutMinutes: number; readonly perIpPerMinute: number };
  readonly bodyLimitBytes: number;
  /** Largest event attachment (photo, PDF). */
  readonly attachmentLimitBytes: number;
  readonly consoleDir: string | null;
}

/**
 * PostgreSQL's shared buffers inside PGlite. PGlite's default of 128 MB lives in the WebAssembly
 * memory of Tianmu's own process and is touched as PGlite starts: an embedded Tianmu idled at
 * 290 MB (179 MB with 16 MB of buffers) and a million-row ingest peaked at 690-710 MB. With 32 MB
 * that ingest peaked at 574-588 MB and took 43.2-43.8 s against 40.7-42.5 s (PGlite reads the
 * pages it no longer holds through the operating system's cache). A server's buffers are the
 * server's business.
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

/** A size such as `32MB` in kB (the regex above has checked its form). */
function sizeKb(v: string): number {
  const unit = { kB: 1, MB: 1024, GB: 1024 * 1024 }[v.slice(-2)] ?? NaN;
  return Number.parseInt(v, 10) * unit;
}

const bool = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((v) => v === 'on' || v === 'true' || v === '1');
const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max).default(def);

const schema = z.object({
  PORT: int(8080, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  TIANMU_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  TIANMU_PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^[1-9][0-9]*(kB|MB|GB)$/, 'must be a size such as 32MB')
    // PGlite's WebAssembly memory ends at 2 GB; past about half of it PostgreSQL cannot start.
    .refine((v) => sizeKb(v) >= 128 && sizeKb(v) <= 2 ** 20, 'must be between 128kB and 1GB')
    .default(PGLITE_SHARED_BUFFERS),
  TIANMU_DEMO: bool.default(true),
  // 1% of Lin'an (about 6,500 residents): small enough for a first start under 30 s on two cores.
  TIANMU_DEMO_SCALE: z.coerce.number().positive().max(2).default(0.01),
  TIANMU_DEMO_SEED: int(20221, 0),
  TIANMU_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  TIANMU_ENCRYPTION_KEY: z.string().optional(),
  TIANMU_HMAC_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIANMU_SESSION_TTL_HOURS: int(12, 1, 24 * 30),
  TIANMU_LOGIN_MAX_FAILURES: int(5, 1, 100),
  TIANMU_LOCKOUT_MINUTES: int(15, 1, 24 * 60),
  TIANMU_LOGIN_PER_IP_PER_MINUTE: int(30, 1, 100_000),
  TIANMU_BODY_LIMIT_MB: int(10, 1, 1024),
  TIANMU_EVENT_ATTACHMENT_MB: int(10, 1, 200),
  TIANMU_CONSOLE_DIR: z.string().optional(),
});

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(clean);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.TIANMU_DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    pgliteSharedBuffers: e.TIANMU_PGLITE_SHARED_BUFFERS,
    demo: { enabled: e.TIANMU_DEMO, scale: e.TIANMU_DEMO_SCALE, seed: e.TIANMU_DEMO_SEED },
    adminPassword: e.TIANMU_ADMIN_PASSWORD ?? null,
    encryptionKey: e.TIANMU_ENCRYPTION_KEY ?? null,
    hmacKey: e.TIANMU_HMAC_KEY ?? null,
    logLevel: e.LOG_LEVEL,
    sessionTtlHours: e.TIANMU_SESSION_TTL_HOURS,
    login: {
      maxFailures: e.TIANMU_LOGIN_MAX_FAILURES,
      lockoutMinutes: e.TIANMU_LOCKOUT_MINUTES,
      perIpPerMinute: e.TIANMU_LOGIN_PER_IP_PER_MINUTE,
    },
    bodyLimitBytes: e.TIANMU_BODY_LIMIT_MB * 1024 * 1024,
    attachmentLimitBytes: e.TIANMU_EVENT_ATTACHMENT_MB * 1024 * 1024,
    consoleDir: e.TIANMU_CONSOLE_DIR ? resolve(e.TIANMU_CONSOLE_DIR) : null,
    ...overrides,
  };
  return deepFreeze(config);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
