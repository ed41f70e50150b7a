import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SEVERITIES } from '../events/event-messages.js';
import { requirePermission } from '../platform/auth/guard.js';
import { commonErrors, errorResponse } from '../platform/http/pagination.js';
import type { DispatchServices } from './dispatch.module.js';
import { unitRef } from './dispatch.schemas.js';
import { ruleInput } from './routing-rules.js';
import { slaInput } from './sla.service.js';
import { statsQuery } from './stats.service.js';

const rule = ruleInput.extend({ id: z.number(), position: z.number() });
const sla = slaInput.extend({ id: z.number() });
const idParams = z.object({ id: z.coerce.number().int().min(1) });
const statsRow = z.object({
  key: z.string(), cases: z.number(), open: z.number(), closed: z.number(), overdue: z.number(), accepted: z.number(), acceptedOnTime: z.number(),
  onTimeAcceptanceRate: z.number().nullable(), closedOnTime: z.number(), onTimeClosureRate: z.number().nullable(), medianHandlingMinutes: z.number().nullable(),
});
const previewBody = z.object({
  category: z.string().min(1).max(64),
  severity: z.enum(SEVERITIES),
  districtCode: z.string().regex(/^\d{6}$/),
  location: z.object({ lon: z.number().nullable().default(null), lat: z.number().nullable().default(null), regionCode: z.string().nullable().default(null), gridCode: z.string().nullable().default(null), address: z.string().nullable().default(null) }),
});

/** Routing rules, SLA limits and statistics. */
export function dispatchAdminRoutes(app: FastifyInstance, s: DispatchServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dispatch'];

  r.get('/api/dispatch/rules', { schema: { tags, summary: 'Routing rules in evaluation order (first match wins)', response: { 200: z.object({ items: z.array(rule) }), ...commonErrors } } }, async (req) => {
    requirePermission(req, 'dispatch.read');
    return { items: await s.rules.list() };
  });

  r.post('/api/dispatch/rules', { schema: { tags, summary: 'Add a rule (at the end, or at `position`)', body: ruleInput.extend({ position: z.number().int().min(1).optional() }), response: { 201: rule, ...commonErrors } } }, async (req, reply) => {
    const p = requirePermission(req, 'dispatch.manage');
    const { position, ...input } = req.body;
    reply.code(201);
    return s.rules.create(p, input, position);
  });

  r.put('/api/dispatch/rules/:id', { schema: { tags, summary: 'Replace a rule', params: idParams, body: ruleInput, response: { 200: rule, ...commonErrors } } }, async (req) => {
    const p = requirePermission(req, 'dispatch.manage');
    return s.rules.update(p, req.params.id, req.body);
  });

  r.delete('/api/dispatch/rules/:id', { schema: { tags, summary: 'Delete a rule', params: idParams } }, async (req, reply) => {
    const p = requirePermission(req, 'dispatch.manage');
    await s.rules.remove(p, req.params.id);
    return reply.code(204).send();
  });

  r.post('/api/dispatch/rules/order', { schema: { tags, summary: 'Set the evaluation order: every rule id once', body: z.object({ ids: z.array(z.number().int()).min(1).max(1000) }), response: { 200: z.object({ items: z.array(rule) }), ...commonErrors } } }, async (req) => {
    const p = requirePermission(req, 'dispatch.manage');
    return { items: await s.rules.reorder(p, req.body.ids) };
  });

  r.post(
    '/api/dispatch/rules/preview',
    { schema: { tags, summary: 'Where a case would go under the current rules, and why (nothing is stored)', body: previewBody, response: { 200: z.object({ unit: unitRef.extend({ name: z.string() }), alsoNotify: z.array(unitRef), assignee: z.string().nullable(), ruleId: z.number().nullable(), reasons: z.array(z.string()) }), ...commonErrors } } },
    async (req) => {
      requirePermission(req, 'dispatch.read');
      const d = await s.router.route(s.db, req.body);
      return { unit: { ...d.unit, name: await s.router.unitName(d.unit) }, alsoNotify: d.alsoNotify, assignee: d.assignee, ruleId: d.ruleId, reasons: d.reasons };
    },
  );

  r.get('/api/dispatch/sla', { schema: { tags, summary: 'Time limits to accept and resolve, per category and severity (* = any)', response: { 200: z.object({ items: z.array(sla) }), ...commonErrors } } }, async (req) => {
    requirePermission(req, 'dispatch.read');
    return { items: await s.sla.list() };
  });

  r.post('/api/dispatch/sla', { schema: { tags, summary: 'Add a time limit', body: slaInput, response: { 201: sla, 409: errorResponse, ...commonErrors } } }, async (req, reply) => {
    const p = requirePermission(req, 'dispatch.manage');
    reply.code(201);
    return s.sla.create(p, req.body);
  });

  r.put('/api/dispatch/sla/:id', { schema: { tags, summary: 'Change a time limit (applies to cases dispatched from now on)', params: idParams, body: slaInput, response: { 200: sla, 409: errorResponse, ...commonErrors } } }, async (req) => {
    const p = requirePermission(req, 'dispatch.manage');
    return s.sla.update(p, req.params.id, req.body);
  });

  r.delete('/api/dispatch/sla/:id', { schema: { tags, summary: 'Delete a time limit', params: idParams } }, async (req, reply) => {
    const p = requirePermission(req, 'dispatch.manage');
    await s.sla.remove(p, req.params.id);
    return reply.code(204).send();
  });

  r.get('/api/dispatch/stats', { schema: { tags, summary: 'Cases, on-time acceptance and closure rates, median handling time, grouped by category, town, unit or day/week/month', querystring: statsQuery, response: { 200: z.object({ groupBy: z.string(), items: z.array(statsRow), totals: z.record(z.string(), z.number().nullable()) }), ...commonErrors } } }, async (req) => {
    const p = requirePermission(req, 'dispatch.stats');
    return s.stats.stats(p, req.query);
  });
}
