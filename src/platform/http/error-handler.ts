import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, TooManyRequests } from '../errors.js';

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** Fastify's own client errors (bad JSON, body too large, wrong content type) by their codes. */
const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json', '请求体不是合法的 JSON (malformed JSON body)'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json', '请求体为空 (empty JSON body)'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large', '请求体过大 (request body too large)'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', '不支持的内容类型 (unsupported content type)'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request', '内容长度不正确 (invalid content length)'],
  FST_ERR_NOT_FOUND: [404, 'not_found', '未找到 (not found)'],
};

/**
 * The one place where errors become HTTP answers: domain errors keep their code, validation errors
 * name each field, anything unexpected is a 500 with no detail (the log keeps the stack).
 */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  let status = 500;
  let body: ErrorBody = { error: { code: 'internal', message: '服务器内部错误 (internal server error)' } };

  if (err instanceof DomainError) {
    status = err.status;
    body = { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } };
    if (err instanceof TooManyRequests) reply.header('retry-after', String(err.retryAfterSeconds));
  } else if (hasZodFastifySchemaValidationErrors(err)) {
    status = 400;
    const fields: Record<string, string> = {};
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    for (const v of err.validation) {
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      fields[path ? `${where}.${path}` : where] = v.message ?? 'invalid';
    }
    body = { error: { code: 'invalid', message: '请求参数不合法 (invalid request)', fields } };
  } else if (err.code && FASTIFY_CODES[err.code]) {
    const [s, code, message] = FASTIFY_CODES[err.code];
    status = s;
    body = { error: { code, message } };
  } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    status = err.statusCode;
    body = { error: { code: 'bad_request', message: err.message } };
  }

  if (status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ code: body.error.code, status }, 'request refused');
  void reply.status(status).type('application/json; charset=utf-8').send(body);
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send({ error: { code: 'not_found', message: `未找到 ${req.method} ${req.url.split('?')[0]} (not found)` } });
}
