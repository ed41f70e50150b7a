import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../auth/guard.js';
import { commonErrors } from '../http/pagination.js';
import type { Platform } from '../platform.js';

const code = z.string().regex(/^\d{6}(\d{3}){0,3}$/, 'a 6, 9, 12 or 15-digit region code');
const level = z.enum(['district', 'town', 'village', 'grid']);
const regionItem = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  kind: z.string(),
  parentCode: z.string().nullable(),
  childCount: z.number(),
  centroid: z.tuple([z.number(), z.number()]).nullable(),
  approximate: z.boolean(),
});

export function regionsRoutes(app: FastifyInstance, p: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/regions/summary', { schema: { tags: ['regions'], summary: 'District, counts of towns, villages, grids and organisations' } }, async (req) => {
    requirePermission(req, 'region.read');
    return p.regions.summary();
  });

  r.get(
    '/api/regions',
    {
      schema: {
        tags: ['regions'],
        summary: 'Children of a region (without parent: the top of the caller’s scope)',
        querystring: z.object({ parent: code.optional() }),
        response: { 200: z.object({ items: z.array(regionItem) }), ...commonErrors },
      },
    },
    async (req) => {
      const pr = requirePermission(req, 'region.read');
      return { items: await p.regions.children(pr, req.query.parent) };
    },
  );

  r.get(
    '/api/regions/geojson',
    { schema: { tags: ['regions'], summary: 'Boundaries as a GeoJSON FeatureCollection', querystring: z.object({ level, parent: code.optional() }) } },
    async (req) => {
      const pr = requirePermission(req, 'region.read');
      return p.regions.geojson(pr, req.query.level, req.query.parent);
    },
  );

  r.get(
    '/api/regions/:code',
    { schema: { tags: ['regions'], summary: 'One region with its boundary and ancestors', params: z.object({ code }) } },
    async (req) => {
      const pr = requirePermission(req, 'region.read');
      return p.regions.get(pr, req.params.code);
    },
  );

  r.get(
    '/api/orgs',
    {
      schema: {
        tags: ['regions'],
        summary: 'Departments and command centres',
        querystring: z.object({ kind: z.enum(['department', 'command_centre', 'district_centre']).optional() }),
      },
    },
    async (req) => {
      requirePermission(req, 'org.read');
      return { items: await p.regions.orgs(req.query.kind) };
    },
  );
}
