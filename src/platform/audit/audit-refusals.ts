import type { FastifyInstance } from 'fastify';
import { DomainError, Forbidden } from '../errors.js';
import type { AuditService } from './audit.service.js';

/**
 * Audits every refusal that matters for security, whichever route raised it: a 403 of any kind,
 * and a 401 where a session cookie or API token was presented but rejected (expired or forged).
 */
export function auditRefusals(app: FastifyInstance, audit: AuditService): void {
  app.addHook('onError', async (req, _reply, err) => {
    const route = req.routeOptions.url ?? req.url.split('?')[0];
    if (err instanceof Forbidden) {
      await audit.record({
        actor: req.principal?.name ?? null,
        action: 'auth.denied',
        target: typeof err.detail.region === 'string' ? `region:${err.detail.region}` : (err.detail.target as string | undefined) ?? null,
        outcome: 'denied',
        ip: req.ip,
        detail: { ...err.detail, code: err.code, method: req.method, route },
      });
    } else if (err instanceof DomainError && err.status === 401 && req.credentialRejected) {
      await audit.record({
        actor: null,
        action: 'auth.rejected_credential',
        outcome: 'denied',
        ip: req.ip,
        detail: { method: req.method, route, via: req.headers.authorization ? 'token' : 'cookie' },
      });
    }
  });
}
