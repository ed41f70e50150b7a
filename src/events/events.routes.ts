import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../platform/auth/guard.js';
import { can } from '../platform/auth/principal.js';
import { Forbidden, Unauthenticated } from '../platform/errors.js';
import { commonErrors, pageQuery } from '../platform/http/pagination.js';
import { publishBody } from './event-input.js';
import type { EventsServices } from './events.module.js';
import { categoryBody, categoryCode } from './taxonomy.service.js';

const uuid = z.object({ id: z.uuid() });
const published = z.object({ eventId: z.string(), caseId: z.string(), merged: z.boolean(), count: z.number(), severity: z.string() });

/** Publishers need the category list as much as readers do. */
function readerOrPublisher(req: FastifyRequest) {
  const p = req.principal;
  if (!p) throw new Unauthenticated();
  if (!can(p, 'event.read') && !can(p, 'event.publish')) throw new Forbidden('无权限：event.read (forbidden: missing permission event.read)', 'forbidden', { permission: 'event.read' });
  return p;
}

export function eventsRoutes(app: FastifyInstance, s: EventsServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/events', { schema: { tags: ['events'], summary: 'Publish an event; answers 201 once it and its outbox message are stored', body: publishBody, response: { 201: published, ...commonErrors } } }, async (req, reply) => {
    const actor = requirePermission(req, 'event.publish');
    return reply.status(201).send(await s.hub.publish(req.body, actor));
  });

  r.get(
    '/api/events/cases',
    {
      schema: {
        tags: ['events'],
        summary: 'Cases in your scope, newest first',
        querystring: z.object({ ...pageQuery, status: z.enum(['open', 'closed']).optional(), category: z.string().max(64).optional(), region: z.string().regex(/^\d{6,15}$/).optional() }),
      },
    },
    async (req) => {
      const actor = requirePermission(req, 'event.read');
      const q = req.query;
      return s.views.list(actor, { status: q.status, category: q.category ? [q.category] : undefined, regionCode: q.region }, q.page, q.pageSize);
    },
  );

  r.get('/api/events/cases/:id', { schema: { tags: ['events'], summary: 'One case with every event merged into it', params: uuid } }, async (req) => {
    return s.views.get(requirePermission(req, 'event.read'), req.params.id);
  });

  r.get('/api/events/categories', { schema: { tags: ['events'], summary: 'The category taxonomy (codes, 中文 and English labels, merge rules)', querystring: z.object({ all: z.enum(['true', 'false']).optional() }) } }, async (req) => {
    readerOrPublisher(req);
    return { items: await s.taxonomy.list(req.query.all === 'true') };
  });

  r.post('/api/events/categories', { schema: { tags: ['events'], summary: 'Add a category', body: categoryBody.extend({ code: categoryCode }) } }, async (req, reply) => {
    const actor = requirePermission(req, 'event.taxonomy.manage');
    const { code, ...body } = req.body;
    return reply.status(201).send(await s.taxonomy.create(code, body, actor));
  });

  r.put('/api/events/categories/:code', { schema: { tags: ['events'], summary: 'Change a category', params: z.object({ code: categoryCode }), body: categoryBody } }, async (req) => {
    return s.taxonomy.update(req.params.code, req.body, requirePermission(req, 'event.taxonomy.manage'));
  });

  r.delete('/api/events/categories/:code', { schema: { tags: ['events'], summary: 'Retire a category (kept for past events)', params: z.object({ code: categoryCode }) } }, async (req, reply) => {
    await s.taxonomy.deactivate(req.params.code, requirePermission(req, 'event.taxonomy.manage'));
    return reply.status(204).send();
  });

  r.get('/api/events/:id', { schema: { tags: ['events'], summary: 'One event', params: uuid } }, async (req) => {
    return s.views.event(requirePermission(req, 'event.read'), req.params.id);
  });
}
