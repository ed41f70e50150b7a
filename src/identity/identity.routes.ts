import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../platform/auth/guard.js';
import { pageQuery } from '../platform/http/pagination.js';
import type { IdentityServices } from './identity.module.js';

const entityId = z.object({ id: z.string().regex(/^[PE]\d{1,12}$/, 'a file id such as P000000042') });

export function identityRoutes(app: FastifyInstance, s: IdentityServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // POST, so ID numbers and phones never sit in URLs, proxy logs or browser history.
  r.post(
    '/api/persons/search',
    {
      schema: {
        tags: ['identity'], summary: 'Find person files by name, ID number, phone or credit code (audited)',
        body: z.object({ name: z.string().trim().min(1).max(50).optional(), idNumber: z.string().max(40).optional(), phone: z.string().max(40).optional(), creditCode: z.string().max(40).optional(), page: z.number().int().min(1).max(10_000).optional(), pageSize: z.number().int().min(1).max(100).optional() }),
      },
    },
    async (req) => s.files.search(requirePermission(req, 'person.read'), req.body, req.ip),
  );

  r.get('/api/persons/:id', { schema: { tags: ['identity'], summary: 'A person file (一人一档): golden record, sources, household, enterprises, facets (audited)', params: entityId, querystring: z.object({ purpose: z.string().max(200).optional() }) } }, async (req) =>
    s.files.file(requirePermission(req, 'person.read'), req.params.id, req.ip, req.query.purpose),
  );

  r.get('/api/persons/:id/marriage', { schema: { tags: ['identity'], summary: 'Marriage timeline (婚姻专题库): every fact with its sources, the current status with a confidence, conflicts (audited)', params: entityId } }, async (req) =>
    s.marriage.timeline(requirePermission(req, 'person.read'), req.params.id, req.ip),
  );

  r.get('/api/identity/marriage-conflicts', { schema: { tags: ['identity'], summary: 'Marriage conflicts queued for review', querystring: z.object({ ...pageQuery, status: z.enum(['open', 'confirmed', 'dismissed', 'gone']).default('open'), kind: z.string().max(40).optional() }) } }, async (req) =>
    s.marriage.conflicts(requirePermission(req, 'identity.review'), { status: req.query.status, kind: req.query.kind }, req.query.page, req.query.pageSize),
  );

  r.post(
    '/api/identity/marriage-conflicts/:id',
    { schema: { tags: ['identity'], summary: 'Settle a marriage conflict: confirmed (a real error in the sources) or dismissed', params: z.object({ id: z.coerce.number().int().positive() }), body: z.object({ status: z.enum(['confirmed', 'dismissed']), note: z.string().max(500).nullish() }) } },
    async (req) => s.marriage.settle(requirePermission(req, 'identity.review'), req.params.id, req.body.status, req.body.note ?? null, req.ip),
  );

  r.get('/api/enterprises/:id', { schema: { tags: ['identity'], summary: 'An enterprise file (一企一档) by file id or credit code (audited)', params: z.object({ id: z.string().min(1).max(40) }) } }, async (req) =>
    s.enterprises.file(requirePermission(req, 'person.read'), req.params.id, req.ip),
  );

  r.get('/api/identity/reviews', { schema: { tags: ['identity'], summary: 'Pairs waiting for (or given) a reviewer decision', querystring: z.object({ ...pageQuery, status: z.enum(['open', 'same', 'different']).default('open') }) } }, async (req) =>
    s.reviews.list(requirePermission(req, 'identity.review'), req.query.status, req.query.page, req.query.pageSize),
  );

  r.post(
    '/api/identity/reviews/:id',
    { schema: { tags: ['identity'], summary: 'Decide a pair: the same person or different people', params: z.object({ id: z.coerce.number().int().positive() }), body: z.object({ decision: z.enum(['same', 'different']), note: z.string().max(500).nullish() }) } },
    async (req) => s.reviews.decide(requirePermission(req, 'identity.review'), req.params.id, req.body.decision, req.body.note ?? null, req.ip),
  );

  r.get('/api/identity/pairs/explain', { schema: { tags: ['identity'], summary: 'Each field’s contribution to the match weight of two records (waterfall)', querystring: z.object({ a: z.coerce.number().int().positive(), b: z.coerce.number().int().positive() }) } }, async (req) =>
    s.explain.pair(requirePermission(req, 'identity.review'), req.query.a, req.query.b),
  );

  r.get('/api/identity/runs', { schema: { tags: ['identity'], summary: 'Recent resolution runs with their counts' } }, async (req) => {
    requirePermission(req, 'identity.run');
    return { items: await s.runs() };
  });

  r.post('/api/identity/runs', { schema: { tags: ['identity'], summary: 'Start a resolution run (a job)', body: z.object({ mode: z.enum(['full', 'incremental']).default('incremental') }) } }, async (req, reply) => {
    const actor = requirePermission(req, 'identity.run');
    const job = await s.resolve.start(req.body.mode, actor.name);
    return reply.status(202).send({ job: job.id });
  });
}
