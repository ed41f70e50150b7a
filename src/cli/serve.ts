import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadConfig } from '../platform/config.js';
import { buildServer } from '../platform/http/server.js';
import { openPlatform } from '../platform/platform.js';
import { ensureDemo } from '../demo/first-start.js';
import { allModules } from '../modules.js';

const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the API and web console (first start: schema, regions, admin, demo district)')
    .option('--build-console', 'build the web console first when its sources changed')
    .action(async (opts: { buildConsole?: boolean }) => {
      const started = Date.now();
      if (opts.buildConsole) {
        const { ensureConsoleBuilt } = await import('../../scripts/console-build.mjs');
        ensureConsoleBuilt();
      }
      const config = loadConfig();
      const modules = allModules();
      const p = await openPlatform(config, { migrations: modules.flatMap((m) => (m.migrations ? [m.migrations] : [])) });
      for (const m of modules) await m.init?.(p);
      const admin = await p.users.ensureAdmin(config.adminPassword);
      await p.jobs.start();
      p.outbox.start();
      for (const m of modules) await m.start?.(p);
      const app = await buildServer(p, modules, { consoleDir: config.consoleDir ?? DEFAULT_CONSOLE_DIR });
      const shutdown = async (signal: string) => {
        p.log.info(`${signal}: shutting down`);
        await app.close();
        await p.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      await app.listen({ port: config.port, host: config.host });
      const url = `http://localhost:${config.port}`;
      const demo = config.demo.enabled ? await ensureDemo(p) : null;
      const lines = [
        '',
        `天目 Tianmu is running (${p.engine === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'}), ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        `  Console: ${url}/`,
        `  API docs: ${url}/api/docs`,
      ];
      if (admin.created) {
        lines.push(`  Admin login: admin / ${admin.password ?? '(TIANMU_ADMIN_PASSWORD)'}`);
        if (admin.password) lines.push('  This password is shown once. Change it, or set TIANMU_ADMIN_PASSWORD before the first start.');
      } else {
        lines.push('  Admin login: admin (password as set on first start)');
      }
      if (demo) lines.push(`  Demo district: ${demo}`);
      console.log(lines.join('\n'));
    });
}
