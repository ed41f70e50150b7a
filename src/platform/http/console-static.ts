import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFoundHandler } from './error-handler.js';

/**
 * Serves the built console (web/dist) and answers unknown non-API GETs with index.html so that the
 * console's client-side routes survive a reload. API paths keep the JSON 404.
 */
const ASSET = /\.(js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|json|txt|webmanifest|wasm)$/i;

export async function serveConsole(app: FastifyInstance, dir: string | null): Promise<void> {
  const root = dir && existsSync(join(dir, 'index.html')) ? dir : null;
  if (root) await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    const isApi = /^\/(api|open311|metrics|healthz|readyz)(\/|$)/.test(path);
    // Only real asset names count as files: a dataset URL like /datasets/shichang.enterprises is a page.
    if (root && req.method === 'GET' && !isApi && !ASSET.test(path)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return notFoundHandler(req, reply);
  });
}
