import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../platform/auth/guard.js';
import { Invalid } from '../platform/errors.js';
import { commonErrors, errorResponse, pageQuery } from '../platform/http/pagination.js';
import { CASE_STATUSES, type CaseStatus } from './case-model.js';
import type { DispatchServices } from './dispatch.module.js';
import { caseDetailSchema, caseIdParams, caseListQuery, caseSchema, transitionBody } from './dispatch.schemas.js';

const listAnswer = z.object({ items: z.array(caseSchema), total: z.number(), page: z.number(), pageSize: z.number() });

function statuses(s: string | undefined): CaseStatus[] | undefined {
  if (!s) return undefined;
  const list = s.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = list.find((x) => !(CASE_STATUSES as readonly string[]).includes(x));
  if (bad) throw new Invalid(`未知状态 ${bad} (unknown status)`, { status: `one of ${CASE_STATUSES.join(', ')}` });
  return list as CaseStatus[];
}

/** Cases: lists, my cases, one case with its timeline, transitions. */
export function dispatchRoutes(app: FastifyInstance, s: DispatchServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dispatch'];

  r.get('/api/dispatch/cases', { schema: { tags, summary: 'Cases visible to the caller, newest first', querystring: caseListQuery.extend(pageQuery), response: { 200: listAnswer, ...commonErrors } } }, async (req) => {
    const p = requirePermission(req, 'dispatch.read');
    const q = req.query;
    return s.cases.list(p, { status: statuses(q.status), unit: q.unit, category: q.category, town: q.town, overdue: q.overdue }, q.page, q.pageSize);
  });

  r.get('/api/dispatch/my-cases', { schema: { tags, summary: 'Open cases the caller handles now (assigned to them or their unit)', querystring: caseListQuery.extend(pageQuery), response: { 200: listAnswer, ...commonErrors } } }, async (req) => {
    const p = requirePermission(req, 'dispatch.read');
    const q = req.query;
    return s.cases.list(p, { status: statuses(q.status), category: q.category, overdue: q.overdue, mine: true }, q.page, q.pageSize);
  });

  r.get('/api/dispatch/cases/:id', { schema: { tags, summary: 'One case with its timeline and the actions the caller may take', params: caseIdParams, response: { 200: caseDetailSchema, ...commonErrors } } }, async (req) => {
    const p = requirePermission(req, 'dispatch.read');
    return s.cases.get(p, req.params.id);
  });

  r.post(
    '/api/dispatch/cases/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Take an action on a case (dispatch, accept, start, resolve, return, escalate, verify, close, reopen)',
        description: 'Send the version you last read as expectedVersion: if someone acted first the answer is 409 and nothing changes.',
        params: caseIdParams,
        body: transitionBody,
        response: { 200: caseDetailSchema, 409: errorResponse, ...commonErrors },
      },
    },
    async (req) => {
      const p = requirePermission(req, 'dispatch.read');
      const b = req.body;
      await s.lifecycle.transition({ principal: p }, req.params.id, { action: b.action, expectedVersion: b.expectedVersion, note: b.note, attachments: b.attachments, unit: b.unit });
      return s.cases.get(p, req.params.id);
    },
  );
}
