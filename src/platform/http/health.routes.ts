import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Platform } from '../platform.js';

export function healthRoutes(app: FastifyInstance, p: Platform): void {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'Process is up' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { tags: ['health'], summary: 'Database answers and migrations ran' } }, async (_req, reply) => {
    try {
      await sql`select 1 from schema_migration limit 1`.execute(p.db);
      return { status: 'ready', engine: p.engine };
    } catch {
      return reply.status(503).send({ error: { code: 'not_ready', message: '数据库不可用 (database unavailable)' } });
    }
  });
}
