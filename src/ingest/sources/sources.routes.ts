import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../../platform/auth/guard.js';
import type { SourcesService } from './sources.service.js';

export function sourcesRoutes(app: FastifyInstance, sources: SourcesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/sources', { schema: { tags: ['datasets'], summary: 'Scheduled database pulls (connection URLs never shown)' } }, async (req) => {
    const actor = requirePermission(req, 'ingest.write');
    return { items: await sources.list(actor) };
  });
  r.post(
    '/api/sources',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Pull a dataset from a PostgreSQL source by SQL query on a schedule',
        body: z.object({ name: z.string().max(64), dataset: z.string().max(128), url: z.string().max(1000), query: z.string().max(20_000), everyMinutes: z.number().int() }),
      },
    },
    async (req, reply) => {
      const actor = requirePermission(req, 'ingest.write');
      return reply.status(201).send(await sources.create(req.body, actor));
    },
  );
  r.patch(
    '/api/sources/:id',
    { schema: { tags: ['datasets'], summary: 'Pause or resume a source\'s schedule', params: z.object({ id: z.coerce.number().int().positive() }), body: z.object({ enabled: z.boolean() }) } },
    async (req, reply) => {
      const actor = requirePermission(req, 'ingest.write');
      await sources.setEnabled(req.params.id, req.body.enabled, actor);
      return reply.status(204).send();
    },
  );
  r.post('/api/sources/:id/run', { schema: { tags: ['datasets'], summary: 'Pull now', params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req, reply) => {
    const actor = requirePermission(req, 'ingest.write');
    const job = await sources.runNow(req.params.id, actor);
    return reply.status(202).send({ job: job.id });
  });
}
