import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../platform/auth/guard.js';
import { Forbidden } from '../platform/errors.js';
import type { Platform } from '../platform/platform.js';
import { DOMAINS, WARNING_SEVERITIES } from './model/model-spec.js';
import { severityJdm } from './model/severity.js';
import { SUPERVISION_JOB } from './run/run-scheduler.js';
import type { SupervisionServices } from './supervision.module.js';
import { STAT_DIMENSIONS } from './warnings/stats.service.js';

const warningId = z.object({ id: z.coerce.number().int().positive().max(2 ** 53) });
const modelId = z.object({ id: z.string().regex(/^[a-z]+\.[a-z0-9-]{2,60}$/, 'a model id such as livelihood.dibao-legal-rep') });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const STATUSES = ['open', 'dispatched', 'confirmed', 'false_positive', 'cleared'] as const;

export function supervisionRoutes(app: FastifyInstance, s: SupervisionServices, p: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/supervision/warnings', {
    schema: {
      tags: ['supervision'], summary: 'Warnings the caller may see (inspectors; officials only for discipline inspectors), audited',
      querystring: z.object({
        status: z.enum(STATUSES).optional(), domain: z.enum(DOMAINS).optional(), model: z.string().max(80).optional(), severity: z.enum(WARNING_SEVERITIES).optional(),
        town: z.string().regex(/^\d{9}$/).optional(), subject: z.string().regex(/^[PE]\d{1,12}$/).optional(),
        page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20),
      }),
    },
  }, async (req) => s.warnings.list(req.query, requirePermission(req, 'supervision.read')));

  r.get('/api/supervision/warnings/:id', { schema: { tags: ['supervision'], summary: 'One warning: facts with provenance, legal basis, case, verification, history (audited)', params: warningId } }, async (req) =>
    s.warnings.get(req.params.id, requirePermission(req, 'supervision.read')),
  );

  r.post('/api/supervision/warnings/:id/dispatch', { schema: { tags: ['supervision'], summary: 'Send an open warning to dispatch as an event', params: warningId } }, async (req, reply) => {
    await s.warnings.dispatch(req.params.id, requirePermission(req, 'supervision.dispatch'));
    return reply.code(204).send();
  });

  r.post('/api/supervision/warnings/:id/verify', {
    schema: {
      tags: ['supervision'], summary: 'Record the verification outcome: confirmed (action, money recovered, rule improvement) or false positive',
      params: warningId,
      body: z.strictObject({
        outcome: z.enum(['confirmed', 'false_positive']),
        action: z.enum(['accountability', 'correction', 'none']).optional(),
        recoveredYuan: z.number().min(0).max(1e11).optional(),
        ruleImprovement: z.string().trim().max(2000).optional(),
        note: z.string().trim().max(2000).optional(),
      }),
    },
  }, async (req, reply) => {
    await s.warnings.verify(req.params.id, req.body, requirePermission(req, 'supervision.verify'));
    return reply.code(204).send();
  });

  r.get('/api/supervision/stats', {
    schema: { tags: ['supervision'], summary: 'Warnings issued, dispatched, confirmed rate, money recovered, rule improvements by domain, model, town or month', querystring: z.object({ by: z.enum(STAT_DIMENSIONS).default('domain'), from: isoDate.optional(), to: isoDate.optional() }) },
  }, async (req) => s.stats.by(req.query.by, requirePermission(req, 'supervision.stats'), req.query.from, req.query.to));

  r.get('/api/supervision/models', { schema: { tags: ['supervision'], summary: 'Warning models with their current versions' } }, async (req) => {
    requirePermission(req, 'supervision.model.read');
    return { items: await s.models.list() };
  });

  r.get('/api/supervision/models/:id', { schema: { tags: ['supervision'], summary: 'A model: current (or given) version, draft, version history, severity table as GoRules JDM', params: modelId, querystring: z.object({ version: z.coerce.number().int().min(1).optional() }) } }, async (req) => {
    requirePermission(req, 'supervision.model.read');
    const m = await s.models.get(req.params.id, req.query.version);
    return { ...m, severityJdm: severityJdm(m.spec.severity) };
  });

  r.put('/api/supervision/models/:id/draft', { schema: { tags: ['supervision'], summary: 'Save an edited model as a draft (validated against the dataset contracts)', params: modelId, body: z.record(z.string(), z.unknown()) } }, async (req) => {
    const actor = requirePermission(req, 'supervision.model.edit');
    if (req.body.id !== req.params.id) throw new Forbidden('模型编号与地址不一致 (model id does not match the URL)', 'id_mismatch');
    return s.models.saveDraft(req.body, actor);
  });

  r.post('/api/supervision/models/:id/publish', { schema: { tags: ['supervision'], summary: 'Publish the draft as the next version', params: modelId } }, async (req) =>
    s.models.publish(req.params.id, requirePermission(req, 'supervision.model.edit')),
  );

  r.post('/api/supervision/models/:id/enabled', { schema: { tags: ['supervision'], summary: 'Enable or disable a model', params: modelId, body: z.strictObject({ enabled: z.boolean() }) } }, async (req, reply) => {
    await s.models.setEnabled(req.params.id, req.body.enabled, requirePermission(req, 'supervision.model.edit'));
    return reply.code(204).send();
  });

  r.post('/api/supervision/models/validate', { schema: { tags: ['supervision'], summary: 'Check a model definition (shape, dataset fields, severity table) without running it', body: z.strictObject({ model: z.record(z.string(), z.unknown()) }) } }, async (req) => {
    requirePermission(req, 'supervision.model.edit');
    const spec = await s.models.validate(req.body.model);
    return { ok: true, id: spec.id };
  });

  r.get('/api/supervision/runs', { schema: { tags: ['supervision'], summary: 'Recent model runs with their counts per model', querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(30) }) } }, async (req) => {
    requirePermission(req, 'supervision.run');
    const rows = await p.db.selectFrom('supervision_run').selectAll().orderBy('id', 'desc').limit(req.query.limit).execute();
    return { items: rows.map((r) => ({ id: r.id, status: r.status, asOf: String(r.as_of), models: r.model_ids, stats: r.stats, triggeredBy: r.triggered_by, startedAt: new Date(r.started_at).toISOString(), finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null, error: r.error })) };
  });

  // A test run writes nothing; it shows the hits an edited definition would raise today.
  r.post('/api/supervision/models/test-run', {
    schema: { tags: ['supervision'], summary: 'Run a (draft) model definition on current data without raising warnings', body: z.strictObject({ model: z.record(z.string(), z.unknown()), asOf: isoDate.optional(), limit: z.number().int().min(1).max(500).default(100) }) },
  }, async (req) => {
    const actor = requirePermission(req, 'supervision.model.edit');
    const spec = await s.models.validate(req.body.model);
    const preview = await s.runs.preview(spec, req.body.asOf, req.body.limit);
    await p.audit.record({ actor: actor.name, action: 'supervision.model.test_run', target: `model:${spec.id}`, detail: { hits: preview.total } });
    return preview;
  });

  r.post('/api/supervision/runs', {
    schema: { tags: ['supervision'], summary: 'Run models now (a job; follow it at /api/jobs/{id})', body: z.strictObject({ models: z.array(z.string().max(80)).max(100).optional(), asOf: isoDate.optional() }) },
  }, async (req, reply) => {
    const actor = requirePermission(req, 'supervision.run');
    if (req.body.models?.length) await s.models.current(req.body.models);
    const job = await p.jobs.enqueue(SUPERVISION_JOB, '运行预警模型', { modelIds: req.body.models, asOf: req.body.asOf, actor: actor.name }, actor.name);
    return reply.code(202).send(job);
  });
}
