import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../auth/guard.js';
import { commonErrors, pageQuery } from '../http/pagination.js';
import type { Platform } from '../platform.js';

const record = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.string(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export function auditRoutes(app: FastifyInstance, p: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit records, newest first',
        querystring: z.object({
          ...pageQuery,
          actor: z.string().max(100).optional(),
          action: z.string().max(100).optional(),
          target: z.string().max(200).optional(),
          outcome: z.enum(['allowed', 'denied', 'failed']).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 200: z.object({ items: z.array(record), total: z.number() }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = requirePermission(req, 'audit.read');
      const q = req.query;
      const result = await p.audit.find(
        { actor: q.actor, action: q.action, target: q.target, outcome: q.outcome, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined },
        q.page,
        q.pageSize,
      );
      // Reading the audit log is itself an audited read.
      await p.audit.record({ actor: actor.name, action: 'audit.read', ip: req.ip, detail: { filter: { ...q } } });
      return result;
    },
  );

  r.post(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain',
        response: {
          200: z.object({ ok: z.boolean(), checked: z.number(), firstBad: z.object({ id: z.number(), problem: z.string() }).optional() }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = requirePermission(req, 'audit.verify');
      const result = await p.audit.verify();
      await p.audit.record({ actor: actor.name, action: 'audit.verify', ip: req.ip, outcome: result.ok ? 'allowed' : 'failed', detail: { ...result } });
      return result;
    },
  );
}
