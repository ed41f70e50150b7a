import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../platform/auth/guard.js';
import type { AttachmentsService } from './attachments.service.js';

/** Evidence upload (raw body, any declared type: the content decides) and download. */
export async function attachmentsRoutes(app: FastifyInstance, attachments: AttachmentsService): Promise<void> {
  await app.register(async (sub) => {
    // Own parsers in this context only: every body arrives as bytes and is judged by its content.
    sub.removeAllContentTypeParsers();
    sub.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: attachments.limitBytes }, (_req, body, done) => done(null, body));
    const r = sub.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/events/attachments',
      {
        bodyLimit: attachments.limitBytes,
        schema: { tags: ['events'], summary: 'Upload an evidence file (JPEG, PNG, GIF, WebP, PDF); cite its sha256 in evidence.attachments', querystring: z.object({ filename: z.string().max(255).optional() }) },
      },
      async (req, reply) => {
        const actor = requirePermission(req, 'event.publish');
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        return reply.status(201).send(await attachments.save(body, req.headers['content-type'] ?? null, req.query.filename ?? null, actor));
      },
    );

    r.get('/api/events/attachments/:sha256', { schema: { tags: ['events'], summary: 'Download an evidence file', params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }) } }, async (req, reply) => {
      const actor = requirePermission(req, 'event.read');
      const file = await attachments.open(req.params.sha256, actor);
      // The stored type was found from the content; nosniff and a closed CSP keep a browser from reading it as anything else.
      reply.header('content-type', file.contentType);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      reply.header('content-disposition', `${file.contentType === 'application/pdf' ? 'attachment' : 'inline'}; filename="${req.params.sha256}"`);
      reply.header('cache-control', 'private, max-age=86400, immutable');
      return reply.send(file.body);
    });
  });
}
