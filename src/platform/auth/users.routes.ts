import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commonErrors, pageQuery } from '../http/pagination.js';
import type { Platform } from '../platform.js';
import { requirePermission } from './guard.js';
import { ROLES, SCOPE_KINDS } from './roles.js';

const scopeIn = z.object({ kind: z.enum(SCOPE_KINDS), code: z.string().min(1).max(20) });
const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  scope: z.object({ kind: z.string(), code: z.string(), name: z.string() }),
  phoneMasked: z.string().nullable(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
const idParams = z.object({ id: z.string().max(64) });

export function usersRoutes(app: FastifyInstance, p: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users within the caller’s scope; phones masked',
        querystring: z.object({ ...pageQuery, q: z.string().max(64).optional() }),
        response: { 200: z.object({ items: z.array(user), total: z.number() }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = requirePermission(req, 'user.read');
      return p.users.list(actor, req.query.q, req.query.page, req.query.pageSize);
    },
  );

  r.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user',
        body: z.object({
          username: z.string().max(64),
          displayName: z.string().max(64),
          password: z.string().max(256),
          role: z.enum(ROLES),
          scope: scopeIn,
          phone: z.string().max(32).nullish(),
        }),
        response: { 201: z.object({ user }), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = requirePermission(req, 'user.manage');
      const created = await p.users.create(actor, req.body);
      return reply.status(201).send({ user: created });
    },
  );

  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user’s name, role, scope, lock or password',
        params: idParams,
        body: z
          .object({
            displayName: z.string().max(64).optional(),
            role: z.enum(ROLES).optional(),
            scope: scopeIn.optional(),
            locked: z.boolean().optional(),
            password: z.string().max(256).optional(),
          })
          .strict(),
        response: { 200: z.object({ user }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = requirePermission(req, 'user.manage');
      return { user: await p.users.update(actor, req.params.id, req.body) };
    },
  );

  r.post(
    '/api/users/:id/reveal',
    {
      schema: {
        tags: ['users'],
        summary: 'Reveal a personal field whole (audited)',
        params: idParams,
        body: z.object({ field: z.literal('phone'), purpose: z.string().min(1).max(200) }),
        response: { 200: z.object({ value: z.string().nullable() }), ...commonErrors },
      },
    },
    async (req) => {
      requirePermission(req, 'user.read');
      const actor = requirePermission(req, 'personal.reveal');
      return p.users.reveal(actor, req.params.id, req.body.field, req.body.purpose, req.ip);
    },
  );
}
