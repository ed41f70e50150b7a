/**
 * Domain errors with stable codes. Services throw these; one Fastify error handler
 * (http/error-handler.ts) maps them to the `{ error: { code, message, fields? } }` shape.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class Invalid extends DomainError {
  constructor(message: string, fields?: Record<string, string>, code = 'invalid') {
    super(400, code, message, fields);
  }
}
export class Unauthenticated extends DomainError {
  constructor(message = '未登录或会话已过期 (not signed in or session expired)', code = 'unauthenticated') {
    super(401, code, message);
  }
}
export class Forbidden extends DomainError {
  /** `detail` goes to the audit record of the refusal, never to the client. */
  constructor(message = '无权访问 (forbidden)', code = 'forbidden', readonly detail: Record<string, unknown> = {}) {
    super(403, code, message);
  }
}
export class NotFound extends DomainError {
  constructor(message = '未找到 (not found)', code = 'not_found') {
    super(404, code, message);
  }
}
export class Conflict extends DomainError {
  constructor(message: string, code = 'conflict') {
    super(409, code, message);
  }
}
export class Locked extends DomainError {
  constructor(message: string, code = 'locked') {
    super(423, code, message);
  }
}
export class TooManyRequests extends DomainError {
  constructor(message: string, readonly retryAfterSeconds: number, code = 'rate_limited') {
    super(429, code, message);
  }
}
