import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Unauthenticated } from '../errors.js';
import { commonErrors } from '../http/pagination.js';
import type { Platform } from '../platform.js';
import { SESSION_COOKIE } from './auth.plugin.js';
import { requirePermission } from './guard.js';
import { permissionsOf, ROLES } from './roles.js';
import type { Principal } from './principal.js';

const scopeOut = z.object({ kind: z.string(), code: z.string(), name: z.string() });
const me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  scope: scopeOut,
  permissions: z.array(z.string()),
});

export function authRoutes(app: FastifyInstance, p: Platform, moduleNames: () => string[]): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const meOf = async (pr: Principal) => ({
    id: pr.id,
    username: pr.name,
    displayName: pr.displayName,
    role: pr.role,
    scope: { ...pr.scope, name: (await p.regions.scopeName(pr.scope)) ?? pr.scope.code },
    permissions: permissionsOf(pr.role),
  });

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: z.object({ user: me }), ...commonErrors },
      },
    },
    async (req, reply) => {
      const { token, expiresAt, principal } = await p.auth.login({ ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        expires: expiresAt,
      });
      return { user: await meOf(principal) };
    },
  );

  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out' } }, async (req, reply) => {
    if (req.principal) await p.auth.logout(req.principal, req.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user and the modules this installation has', response: { 200: z.object({ user: me, modules: z.array(z.string()) }), ...commonErrors } } },
    async (req) => {
      if (!req.principal) throw new Unauthenticated();
      return { user: await meOf(req.principal), modules: moduleNames() };
    },
  );

  r.get(
    '/api/roles',
    { schema: { tags: ['auth'], summary: 'Roles and the permissions each holds', response: { 200: z.object({ items: z.array(z.object({ role: z.string(), permissions: z.array(z.string()) })) }), ...commonErrors } } },
    async (req) => {
      requirePermission(req, 'user.read');
      return { items: ROLES.map((role) => ({ role, permissions: permissionsOf(role) })) };
    },
  );
}
