import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { ModuleMigrations } from './db/migrate.js';
import type { Platform } from './platform.js';

/**
 * What a module contributes. `src/modules.ts` lists the modules in dependency order; the server,
 * the migrator and the CLI are composed from that one list.
 */
export interface TianmuModule {
  readonly name: string;
  readonly migrations?: ModuleMigrations;
  /** Registers job handlers, outbox subscribers and services on the platform. */
  init?(platform: Platform): Promise<void> | void;
  /** Starts background work (schedulers) when the server starts; not called by CLI commands or tests. */
  start?(platform: Platform): Promise<void> | void;
  /** Adds HTTP routes (under /api/…). */
  routes?(app: FastifyInstance, platform: Platform): Promise<void> | void;
  /** Adds CLI commands; `open` opens the platform when a command needs it. */
  cli?(program: Command, open: () => Promise<Platform>): void;
}
