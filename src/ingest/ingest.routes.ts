import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PassThrough, Readable } from 'node:stream';
import { z } from 'zod';
import { requirePermission } from '../platform/auth/guard.js';
import { pageQuery } from '../platform/http/pagination.js';
import type { Platform } from '../platform/platform.js';
import { toSafeCsv } from './export/csv-safe.js';
import type { IngestServices } from './ingest.module.js';
import { saveUpload } from './upload.js';

const name = z.object({ name: z.string().max(128) });
const UPLOAD_TYPES = ['text/csv', 'text/plain', 'application/octet-stream', 'application/x-ndjson', 'application/json-seq', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel'];
const UPLOAD_LIMIT = Number(process.env.TIANMU_UPLOAD_LIMIT_MB ?? 4096) * 2 ** 20;

export function ingestRoutes(app: FastifyInstance, p: Platform, s: IngestServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // File bodies stream to disk untouched; JSON stays with Fastify's parser.
  app.addContentTypeParser(UPLOAD_TYPES, (_req, payload, done) => done(null, payload));

  r.get('/api/datasets', { schema: { tags: ['datasets'], summary: 'The dataset catalog' } }, async (req) => {
    const actor = requirePermission(req, 'dataset.read');
    return { items: await s.catalog.list(actor.scope.kind === 'department' ? actor.scope.code : null) };
  });

  r.post('/api/datasets', { schema: { tags: ['datasets'], summary: 'Register or update a dataset from its JSON contract', body: z.record(z.string(), z.unknown()) } }, async (req, reply) => {
    const actor = requirePermission(req, 'dataset.manage');
    const { dataset, created, changed } = await s.catalog.register(req.body, actor);
    return reply.status(created ? 201 : 200).send({ name: dataset.name, version: dataset.version, created, changed });
  });

  r.get('/api/datasets/:name', { schema: { tags: ['datasets'], summary: 'Schema, batches, quality trend, lineage', params: name } }, async (req) => {
    const actor = requirePermission(req, 'dataset.read');
    return s.views.detail(req.params.name, actor);
  });

  r.get('/api/datasets/:name/rows', { schema: { tags: ['datasets'], summary: 'Current rows, masked by level and grant (audited)', params: name, querystring: z.object(pageQuery) } }, async (req) => {
    const actor = requirePermission(req, 'dataset.read');
    return s.views.rows(req.params.name, actor, req.query.page, req.query.pageSize, req.ip);
  });

  r.get('/api/datasets/:name/rows/:id/history', { schema: { tags: ['datasets'], summary: 'Every version of a row with its lineage', params: name.extend({ id: z.coerce.number().int().positive() }) } }, async (req) => {
    const actor = requirePermission(req, 'dataset.read');
    return { versions: await s.views.history(req.params.name, req.params.id, actor, req.ip) };
  });

  r.post(
    '/api/datasets/:name/rows/:id/reveal',
    { schema: { tags: ['datasets'], summary: 'Reveal one sealed value (audited)', params: name.extend({ id: z.coerce.number().int().positive() }), body: z.object({ field: z.string().max(64), purpose: z.string().min(1).max(200) }) } },
    async (req) => {
      const actor = requirePermission(req, 'dataset.read');
      return s.views.reveal(req.params.name, req.params.id, req.body.field, req.body.purpose, actor, req.ip);
    },
  );

  r.post(
    '/api/datasets/:name/batches',
    {
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags: ['datasets'],
        summary: 'Upload a file as a new batch (streamed body: CSV, XLSX or NDJSON); answers 202 with the batch and its job',
        params: name,
        querystring: z.object({
          filename: z.string().max(255).optional(),
          format: z.enum(['csv', 'xlsx', 'ndjson']).optional(),
          encoding: z.enum(['utf8', 'gbk', 'gb18030']).optional(),
          resubmit: z.enum(['true', 'false']).optional(),
        }),
      },
    },
    async (req, reply) => {
      const actor = requirePermission(req, 'ingest.write');
      const dataset = await s.catalog.get(req.params.name);
      s.ingest.assertCanIngest(actor, dataset);
      const body = req.body instanceof Readable ? req.body : Readable.from([Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? ''))]);
      const saved = await saveUpload(body, p.config.dataDir, req.query.filename, UPLOAD_LIMIT);
      const started = await s.ingest.start(req.params.name, { path: saved.path, fileName: saved.fileName, format: req.query.format, encoding: req.query.encoding, resubmit: req.query.resubmit === 'true' }, actor, req.principal?.kind === 'token' ? 'api' : 'upload');
      return reply.status(202).send({ ...started, bytes: saved.bytes });
    },
  );

  r.get('/api/batches/:id', { schema: { tags: ['datasets'], summary: 'One batch', params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req) => {
    const actor = requirePermission(req, 'dataset.read');
    return s.views.batch(req.params.id, actor);
  });

  r.post('/api/batches/:id/publish', { schema: { tags: ['datasets'], summary: 'Publish a batch held for review', params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req) => {
    const actor = requirePermission(req, 'ingest.write');
    return s.ingest.publishHeld(req.params.id, actor);
  });

  r.post('/api/batches/:id/discard', { schema: { tags: ['datasets'], summary: 'Discard a batch held for review', params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req, reply) => {
    const actor = requirePermission(req, 'ingest.write');
    await s.ingest.discardHeld(req.params.id, actor);
    return reply.status(204).send();
  });

  r.get(
    '/api/datasets/:name/rejects',
    { schema: { tags: ['datasets'], summary: 'Quarantined rows with reasons', params: name, querystring: z.object({ ...pageQuery, batch: z.coerce.number().int().positive().optional(), status: z.enum(['open', 'resubmitted', 'dismissed']).optional() }) } },
    async (req) => {
      const actor = requirePermission(req, 'dataset.read');
      return s.views.rejects(req.params.name, actor, { batch: req.query.batch, status: req.query.status }, req.query.page, req.query.pageSize);
    },
  );

  r.get(
    '/api/datasets/:name/rejects.csv',
    { schema: { tags: ['datasets'], summary: 'Download open quarantined rows with reasons (CSV, audited export)', params: name, querystring: z.object({ batch: z.coerce.number().int().positive().optional() }) } },
    async (req, reply) => {
      const actor = requirePermission(req, 'quarantine.export');
      const rows = s.views.exportRejects(req.params.name, actor, req.query.batch, req.ip);
      const first = await rows.next(); // surfaces permission and not-found errors before the headers go out
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${encodeURIComponent(req.params.name)}-rejects.csv"`);
      const all = (async function* () {
        if (!first.done) yield first.value;
        yield* rows;
      })();
      const out = new PassThrough();
      void toSafeCsv(all, out).catch((e: unknown) => out.destroy(e as Error));
      return reply.send(out);
    },
  );

  r.get('/api/grants', { schema: { tags: ['datasets'], summary: 'Access grants (yours, or all for approvers)', querystring: z.object({ dataset: z.string().max(128).optional() }) } }, async (req) => {
    const actor = requirePermission(req, 'dataset.read');
    return { items: await s.grants.list(req.query.dataset ?? null, actor) };
  });

  r.post(
    '/api/datasets/:name/grants',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Request access to a dataset (申请)',
        params: name,
        body: z.object({ granteeKind: z.enum(['department', 'role']), grantee: z.string().max(64), fields: z.array(z.string().max(64)).max(300).nullable().default(null), purpose: z.string().max(500), expiresAt: z.string().max(40) }),
      },
    },
    async (req, reply) => {
      const actor = requirePermission(req, 'dataset.read');
      return reply.status(201).send(await s.grants.request(req.params.name, req.body, actor));
    },
  );

  r.post(
    '/api/grants/:id/decision',
    { schema: { tags: ['datasets'], summary: 'Approve, refuse or revoke a grant (审批)', params: z.object({ id: z.coerce.number().int().positive() }), body: z.object({ decision: z.enum(['approved', 'refused', 'revoked']), note: z.string().max(500).nullish() }) } },
    async (req, reply) => {
      const actor = requirePermission(req, 'grant.decide');
      await s.grants.decide(req.params.id, req.body.decision, req.body.note ?? null, actor);
      return reply.status(204).send();
    },
  );
}
