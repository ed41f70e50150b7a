import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../auth/guard.js';
import { pageQuery } from '../http/pagination.js';
import type { Platform } from '../platform.js';
import type { JobView } from './job-runner.js';

export function jobsRoutes(app: FastifyInstance, p: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/jobs', { schema: { tags: ['jobs'], summary: 'Jobs, newest first', querystring: z.object(pageQuery) } }, async (req) => {
    requirePermission(req, 'job.read');
    return p.jobs.list(req.query.page, req.query.pageSize);
  });

  r.get('/api/jobs/:id', { schema: { tags: ['jobs'], summary: 'One job', params: z.object({ id: z.string().max(64) }) } }, async (req) => {
    requirePermission(req, 'job.read');
    return p.jobs.get(req.params.id);
  });

  // Server-Sent Events: every job change, as it happens, to each open console.
  r.get('/api/jobs/stream', { schema: { tags: ['jobs'], summary: 'Live job changes (text/event-stream)' } }, async (req, reply) => {
    requirePermission(req, 'job.read');
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    const off = p.bus.subscribe<JobView>('job.changed', (job) => {
      res.write(`event: job\ndata: ${JSON.stringify(job)}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.raw.on('close', () => {
      clearInterval(ping);
      off();
    });
  });
}
