import type { FastifyInstance } from 'fastify';
import { Forbidden } from '../errors.js';
import type { AuthService } from './auth.service.js';

export const SESSION_COOKIE = 'tianmu_session';
export const CSRF_HEADER = 'x-tianmu-csrf';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the caller on every request: an API token in `Authorization: Bearer`, else the session
 * cookie. Cookie-authenticated writes must carry the CSRF header, which a cross-site form cannot set.
 */
export function registerAuthentication(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('credentialRejected', false);
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      req.principal = await auth.fromApiToken(header.slice(7).trim());
      req.credentialRejected = !req.principal;
      return;
    }
    const cookie = req.cookies?.[SESSION_COOKIE];
    if (!cookie) return;
    const principal = await auth.fromSession(cookie);
    req.credentialRejected = !principal;
    if (principal && MUTATING.has(req.method) && req.headers[CSRF_HEADER] !== '1') {
      req.principal = principal;
      throw new Forbidden(`缺少请求头 ${CSRF_HEADER} (missing CSRF header)`, 'csrf', { reason: 'csrf' });
    }
    req.principal = principal;
  });
}
