import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can, type Principal } from '../../platform/auth/principal.js';
import type { AuthService } from '../../platform/auth/auth.service.js';
import { DomainError, Forbidden, Invalid, NotFound, Unauthenticated } from '../../platform/errors.js';
import type { EventsServices } from '../events.module.js';
import { requestOf, serviceOf, toXml } from './georeport.js';

type Format = 'json' | 'xml';
const MAX_RESULTS = 1000;
const DEFAULT_DAYS = 90;

const num = (min: number, max: number) => z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number').transform(Number).pipe(z.number().min(min).max(max));
const requestForm = z.object({
  api_key: z.string().max(200).optional(),
  service_code: z.string().min(1).max(64),
  lat: num(-90, 90).optional(),
  long: num(-180, 180).optional(),
  address_string: z.string().max(500).optional(),
  address_id: z.string().max(100).optional(),
  email: z.string().max(200).optional(),
  device_id: z.string().max(200).optional(),
  account_id: z.string().max(200).optional(),
  first_name: z.string().max(100).optional(),
  last_name: z.string().max(100).optional(),
  phone: z.string().max(40).optional(),
  description: z.string().max(4000).optional(),
  media_url: z.string().max(2000).optional(),
  jurisdiction_id: z.string().max(100).optional(),
});
const listQuery = z.object({
  api_key: z.string().max(200).optional(),
  service_request_id: z.string().max(4000).optional(),
  service_code: z.string().max(1000).optional(),
  start_date: z.iso.datetime({ offset: true }).optional(),
  end_date: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(['open', 'closed']).optional(),
  locale: z.enum(['zh', 'en']).optional(),
  jurisdiction_id: z.string().max(100).optional(),
});

function parse<T extends z.ZodType>(schema: T, v: unknown): z.output<T> {
  const r = schema.safeParse(v ?? {});
  if (!r.success) throw new Invalid(r.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
  return r.data;
}

/** `name.json` / `name.xml` → [name, format]; anything else is not a GeoReport resource. */
function split(file: string): [string, Format] {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (!m) throw new NotFound('unknown resource: use .json or .xml');
  return [m[1], m[2] as Format];
}

/**
 * Open311 GeoReport v2 at /open311/v2/. Requests are cases: a report that merges into an open
 * case answers with that case's id. Writes need an API key (`api_key` or a Bearer token) with
 * event.publish; reads need event.read and are scoped like the console's.
 */
export async function open311Routes(app: FastifyInstance, s: EventsServices, auth: AuthService): Promise<void> {
  await app.register(async (sub) => {
    const FORM = 'application/x-www-form-urlencoded';
    if (sub.hasContentTypeParser(FORM)) sub.removeContentTypeParser(FORM);
    // Repeated fields keep the first value, so a parameter cannot be smuggled in as an array.
    sub.addContentTypeParser(FORM, { parseAs: 'string' }, (_req, body, done) => {
      const out: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(body as string)) if (!(k in out)) out[k] = v;
      done(null, out);
    });
    sub.setErrorHandler(open311Error);

    const caller = async (req: FastifyRequest, apiKey: string | undefined, permission: string): Promise<Principal> => {
      let p = req.principal;
      if (!p && apiKey) {
        p = await auth.fromApiToken(apiKey);
        if (!p) throw new Forbidden('api_key is invalid, expired or revoked', 'forbidden', { reason: 'bad_api_key', permission });
      }
      if (!p) throw new Unauthenticated('api_key is required');
      if (!can(p, permission)) throw new Forbidden(`api_key lacks permission ${permission}`, 'forbidden', { permission });
      return p;
    };
    const send = (reply: FastifyReply, format: Format, root: string, item: string, items: Array<Record<string, unknown>>, status = 200) =>
      format === 'xml' ? reply.status(status).type('text/xml; charset=utf-8').send(toXml(root, item, items)) : reply.status(status).send(items);
    const en = (req: FastifyRequest) => (req.query as { locale?: string }).locale === 'en';

    for (const format of ['json', 'xml'] as const) {
      sub.get(`/open311/v2/services.${format}`, async (req, reply) => {
        return send(reply, format, 'services', 'service', (await s.taxonomy.list()).map((c) => serviceOf(c, en(req))));
      });

      sub.post(`/open311/v2/requests.${format}`, async (req, reply) => {
        const f = parse(requestForm, req.body);
        const actor = await caller(req, f.api_key, 'event.publish');
        if ((f.lat === undefined) !== (f.long === undefined)) throw new Invalid('lat and long come together');
        if (f.lat === undefined && !f.address_string) throw new Invalid('a location is required: lat and long, or address_string');
        const category = await s.taxonomy.get(f.service_code);
        if (!category?.active) throw new Invalid(`service_code ${f.service_code} is not a known service`);
        const name = [f.last_name, f.first_name].filter(Boolean).join('') || null;
        const done = await s.hub.publish(
          {
            source: 'open311',
            category: category.code,
            title: (f.description?.trim() || category.labelZh).slice(0, 60),
            description: f.description ?? null,
            location: { lat: f.lat ?? null, lon: f.long ?? null, address: f.address_string ?? null },
            evidence: { facts: f.address_id ? { addressId: f.address_id } : {}, attachments: [], mediaUrl: f.media_url || null },
            reporter: { name, email: f.email ?? null, phone: f.phone ?? null, deviceId: f.device_id ?? null, accountId: f.account_id ?? null },
          },
          actor,
        );
        return send(reply, format, 'service_requests', 'request', [{ service_request_id: done.caseId, token: done.eventId, service_notice: done.merged ? 'merged into an existing request' : null, account_id: null }], 201);
      });

      sub.get(`/open311/v2/requests.${format}`, async (req, reply) => {
        const q = parse(listQuery, req.query);
        const actor = await caller(req, q.api_key, 'event.read');
        const ids = q.service_request_id?.split(',').map((x) => x.trim()).filter(Boolean);
        const to = q.end_date ? new Date(q.end_date) : undefined;
        const from = q.start_date ? new Date(q.start_date) : ids ? undefined : new Date((to?.getTime() ?? Date.now()) - DEFAULT_DAYS * 86_400_000);
        const rows = await s.views.rows(actor, ids ? { ids } : { from, to, status: q.status, category: q.service_code?.split(',').map((x) => x.trim()).filter(Boolean) }, MAX_RESULTS);
        const cats = new Map((await s.taxonomy.list(true)).map((c) => [c.code, c]));
        return send(reply, format, 'service_requests', 'request', rows.map((r) => requestOf(r, cats, en(req))));
      });
    }

    sub.get('/open311/v2/services/:file', async (req, reply) => {
      const [code, format] = split((req.params as { file: string }).file);
      const c = await s.taxonomy.get(code);
      if (!c?.active) throw new NotFound(`service_code ${code} not found`);
      const def = { service_code: c.code, attributes: [] };
      return format === 'xml' ? reply.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?><service_definition><service_code>${c.code}</service_code><attributes/></service_definition>`) : def;
    });

    sub.get('/open311/v2/requests/:file', async (req, reply) => {
      const [id, format] = split((req.params as { file: string }).file);
      const q = parse(listQuery, req.query);
      const actor = await caller(req, q.api_key, 'event.read');
      if (!z.uuid().safeParse(id).success) throw new NotFound(`service_request_id ${id} not found`);
      const [row] = await s.views.rows(actor, { ids: [id] }, 1);
      if (!row) throw new NotFound(`service_request_id ${id} not found`);
      const cats = new Map((await s.taxonomy.list(true)).map((c) => [c.code, c]));
      return send(reply, format, 'service_requests', 'request', [requestOf(row, cats, en(req))]);
    });

    sub.get('/open311/v2/tokens/:file', async (req, reply) => {
      const [token, format] = split((req.params as { file: string }).file);
      const q = parse(listQuery, req.query);
      const actor = await caller(req, q.api_key, 'event.read');
      const caseId = z.uuid().safeParse(token).success ? await s.views.caseOfEvent(actor, token) : null;
      if (!caseId) throw new NotFound(`token ${token} not found`);
      return send(reply, format, 'service_requests', 'request', [{ service_request_id: caseId, token }]);
    });
  });
}

/** GeoReport's error shape: an array of { code, description }, in the format the URL asked for. */
function open311Error(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  let status = 500;
  let description = 'internal server error';
  if (err instanceof DomainError) [status, description] = [err.status, err.fields ? `${err.message}: ${Object.entries(err.fields).map(([k, v]) => `${k} ${v}`).join('; ')}` : err.message];
  else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) [status, description] = [err.statusCode, err.message];
  if (status >= 500) req.log.error({ err }, 'open311 request failed');
  const errors = [{ code: status, description }];
  if (/\.xml(\?|$)/.test(req.url)) void reply.status(status).type('text/xml; charset=utf-8').send(toXml('errors', 'error', errors));
  else void reply.status(status).type('application/json; charset=utf-8').send(errors);
}
