import { createHmac } from 'node:crypto';
import { AuditService } from './audit/audit.service.js';
import { AuthService } from './auth/auth.service.js';
import { UsersService } from './auth/users.service.js';
import { EventBus } from './bus/event-bus.js';
import { Outbox } from './bus/outbox.js';
import type { Config } from './config.js';
import { loadOrCreateKeys, PersonalDataCipher } from './crypto/index.js';
import { databaseOptionsFor, openDatabase, type DatabaseHandle, type Engine } from './db/database.js';
import { migrateToLatest, type ModuleMigrations } from './db/migrate.js';
import type { Db } from './db/transaction.js';
import { JobRunner } from './jobs/job-runner.js';
import { linanDivisions } from './regions/divisions.js';
import { RegionsService } from './regions/regions.service.js';
import { getSetting, putSetting } from './settings.js';

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** The platform services every module receives. Modules add their own services beside these. */
export interface Platform {
  readonly config: Config;
  readonly db: Db;
  readonly database: DatabaseHandle;
  readonly engine: Engine;
  readonly log: Logger;
  readonly cipher: PersonalDataCipher;
  readonly audit: AuditService;
  readonly auth: AuthService;
  readonly users: UsersService;
  readonly regions: RegionsService;
  readonly bus: EventBus;
  readonly outbox: Outbox;
  readonly jobs: JobRunner;
  close(): Promise<void>;
}

export const consoleLogger: Logger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

export interface OpenPlatformOptions {
  log?: Logger;
  /** Module migrations to apply, platform's first. */
  migrations: readonly ModuleMigrations[];
  /** Use an existing database handle (tests share one per file). */
  database?: DatabaseHandle;
}

/** Opens the database, applies migrations, loads keys and the real division codes. */
export async function openPlatform(config: Config, opts: OpenPlatformOptions): Promise<Platform> {
  const log = opts.log ?? consoleLogger;
  const database = opts.database ?? (await openDatabase(databaseOptionsFor(config)));
  const db = database.db;
  await migrateToLatest(db, opts.migrations);
  const ring = await loadOrCreateKeys({
    dataDir: config.dataDir,
    encKeyB64: config.encryptionKey ?? undefined,
    hmacKeyB64: config.hmacKey ?? undefined,
    log: (m) => log.warn(m),
  });
  const cipher = new PersonalDataCipher(ring);
  // The audit chain is keyed with a key derived from the HMAC key, which lives outside the database.
  const chainKey = createHmac('sha256', ring.hmacKey).update('tianmu/audit-chain/v1').digest();
  const audit = new AuditService(db, chainKey);
  const auth = new AuthService(db, audit, config);
  const regions = new RegionsService(db);
  const users = new UsersService(db, audit, cipher, regions, auth);
  const bus = new EventBus();
  const outbox = new Outbox(db, (m) => log.warn(m));
  const jobs = new JobRunner(db, bus);

  if (!(await getSetting(db, 'regions.seeded'))) {
    await regions.seedDivisions(linanDivisions());
    await putSetting(db, 'regions.seeded', true);
  }

  let closed = false;
  return {
    config, db, database, engine: database.engine, log, cipher, audit, auth, users, regions, bus, outbox, jobs,
    async close() {
      if (closed) return;
      closed = true;
      await jobs.stop();
      await outbox.stop();
      if (!opts.database) await database.close();
    },
  };
}
