import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Invalid } from '../errors.js';
import { commonErrors } from '../http/pagination.js';
import type { Platform } from '../platform.js';
import { requirePermission } from './guard.js';
import { ROLES, SCOPE_KINDS } from './roles.js';

const key = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: z.string(),
  scope: z.object({ kind: z.string(), code: z.string() }),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

/** API keys for machine clients (department systems, Open311 reporters). */
export function apiKeysRoutes(app: FastifyInstance, p: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/apikeys', { schema: { tags: ['apikeys'], summary: 'List API keys (never the keys themselves)', response: { 200: z.object({ items: z.array(key) }), ...commonErrors } } }, async (req) => {
    requirePermission(req, 'apikey.manage');
    return { items: await p.auth.listApiTokens() };
  });

  r.post(
    '/api/apikeys',
    {
      schema: {
        tags: ['apikeys'],
        summary: 'Create an API key; the key is shown once',
        body: z.object({
          name: z.string().min(1).max(64),
          role: z.enum(ROLES),
          scope: z.object({ kind: z.enum(SCOPE_KINDS), code: z.string().max(20) }).optional(),
          expiresAt: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 201: z.object({ id: z.string(), token: z.string() }), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = requirePermission(req, 'apikey.manage');
      const scope = req.body.scope ?? actor.scope;
      if ((await p.regions.scopeName(scope)) === null) throw new Invalid('数据范围不存在 (unknown scope)', { 'scope.code': 'unknown' });
      const created = await p.auth.createApiToken({ name: req.body.name, role: req.body.role, scope, createdBy: actor.name, expiresAt: req.body.expiresAt ? new Date(req.body.expiresAt) : null });
      return reply.status(201).send(created);
    },
  );

  r.delete('/api/apikeys/:id', { schema: { tags: ['apikeys'], summary: 'Revoke an API key', params: z.object({ id: z.string().max(64) }) } }, async (req, reply) => {
    const actor = requirePermission(req, 'apikey.manage');
    await p.auth.revokeApiToken(req.params.id, actor.name);
    return reply.status(204).send();
  });
}
