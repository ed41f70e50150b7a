import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { auditRefusals } from '../audit/audit-refusals.js';
import { registerAuthentication } from '../auth/auth.plugin.js';
import type { TianmuModule } from '../module.js';
import type { Platform } from '../platform.js';
import { serveConsole } from './console-static.js';
import { errorHandler } from './error-handler.js';
import { registerMetrics } from './metrics.js';

export interface ServerOptions {
  /** Folder of the built console; null serves the API alone. */
  consoleDir: string | null;
  logger?: boolean;
}

/** Builds the HTTP server: one error shape, zod-validated routes, OpenAPI, metrics, the console. */
export async function buildServer(p: Platform, modules: readonly TianmuModule[], opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false || p.config.logLevel === 'silent' ? false : { level: p.config.logLevel },
    bodyLimit: p.config.bodyLimitBytes,
    // Query strings are parsed flat; nested or array tricks in parameters become plain strings.
    routerOptions: { maxParamLength: 200 },
    // Per-request lines only when debugging; refusals and failures are logged by the error handler.
    logController: new LogController({ disableRequestLogging: p.config.logLevel !== 'debug' && p.config.logLevel !== 'trace' }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Tianmu 天目 API', version: '0.1.0', description: 'Open platform for a district data bureau. Errors: { error: { code, message, fields? } }.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tianmu_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(fastifyCookie);
  registerAuthentication(app, p.auth);
  auditRefusals(app, p.audit);
  registerMetrics(app);

  for (const m of modules) await m.routes?.(app, p);
  await serveConsole(app, opts.consoleDir);
  return app;
}
