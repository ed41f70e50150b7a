import type { FastifyRequest } from 'fastify';
import { Forbidden, Unauthenticated } from '../errors.js';
import { can, scopeCovers, type Principal } from './principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** A cookie or token was presented but did not resolve (expired, revoked or forged). */
    credentialRejected: boolean;
  }
}

/**
 * Authorisation at the edge of every route. Deny by default: no principal is 401, a missing
 * permission or a region outside the caller's scope is 403. Refusals are audited in one place,
 * the `onError` hook in audit/audit-refusals.ts, so no route can forget to.
 */
export function requirePermission(req: FastifyRequest, permission: string): Principal {
  const p = req.principal;
  if (!p) throw new Unauthenticated();
  if (!can(p, permission)) {
    throw new Forbidden(`无权限：${permission} (forbidden: missing permission ${permission})`, 'forbidden', { permission });
  }
  return p;
}

/** As `requirePermission`, and the region (or anything under it) must lie inside the caller's scope. */
export function requireRegion(req: FastifyRequest, permission: string, regionCode: string): Principal {
  const p = requirePermission(req, permission);
  if (!scopeCovers(p.scope, regionCode)) {
    throw new Forbidden('超出数据权限范围 (forbidden: outside your scope)', 'out_of_scope', { permission, region: regionCode });
  }
  return p;
}
