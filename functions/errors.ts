/**
 * What can go wrong, as error classes; `errorBody` maps them to the codes of API.md in one place.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ErrorIssue {
  path: string;
  message: string;
}

export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal'
  | 'unavailable';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/**
 * Why an error answer breaks the error shape of API.md (`{ error: { code, message, issues } }`,
 * the code the one its status stands for, nothing else), or undefined when it keeps it.
 */
export function errorShapeProblem(status: number, body: unknown, text = ''): string | undefined {
  const json = body as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | null | undefined;
  const e = json?.error;
  if (!e || typeof e !== 'object') return `no error object: ${text.slice(0, 120)}`;
  const code = (Object.keys(STATUS) as ErrorCode[]).find((c) => STATUS[c] === status);
  if (e.code !== code) return `code ${String(e.code)} with status ${status}`;
  if (typeof e.message !== 'string' || !e.message) return 'no message';
  if (
    !Array.isArray(e.issues) ||
    e.issues.some(
      (i: { path?: unknown; message?: unknown } | null) =>
        typeof i?.path !== 'string' || typeof i?.message !== 'string',
    )
  )
    return 'bad issues';
  if (Object.keys(json).length !== 1 || Object.keys(e).some((k) => !['code', 'message', 'issues'].includes(k)))
    return 'extra fields';
  return undefined;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: ErrorIssue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  get status(): ContentfulStatusCode {
    return STATUS[this.code];
  }
}

export class ValidationFailedError extends ApiError {
  constructor(message: string, issues: ErrorIssue[]) {
    super('validation_failed', message, issues);
  }
}
export class UnauthorizedError extends ApiError {
  constructor(message = 'a valid key is required: Authorization: Bearer KEY') {
    super('unauthorized', message);
  }
}
export class ForbiddenError extends ApiError {
  constructor(message: string) {
    super('forbidden', message);
  }
}
export class NotFoundError extends ApiError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}
export class ConflictError extends ApiError {
  constructor(message: string) {
    super('conflict', message);
  }
}
export class PayloadTooLargeError extends ApiError {
  constructor(maxBytes: number) {
    super('payload_too_large', `the body is larger than ${maxBytes} bytes`);
  }
}
export class UnsupportedMediaTypeError extends ApiError {
  constructor() {
    super('unsupported_media_type', 'send the body as application/json');
  }
}
export class RateLimitedError extends ApiError {
  constructor(retryAfterSeconds: number) {
    super('rate_limited', 'too many submissions from this client; try again later', [], {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}
export class StorageUnavailableError extends ApiError {
  constructor() {
    super('unavailable', 'storage is unavailable; retry shortly', [], { 'Retry-After': '5' });
  }
}

export function errorBody(e: ApiError) {
  return { error: { code: e.code, message: e.message, issues: e.issues } };
}

/** zod issues → the `issues` of our error shape, with dotted paths. */
export function issuesFromZod(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ErrorIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}

/** Errors the AWS SDK raises when the database cannot be reached or is overloaded. */
export function isStorageUnavailable(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const name = e.name;
  const code = (e as { code?: string }).code;
  return (
    [
      'TimeoutError',
      'RequestTimeout',
      'ServiceUnavailable',
      'ProvisionedThroughputExceededException',
      'ThrottlingException',
      'RequestLimitExceeded',
      'InternalServerError',
    ].includes(name) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'].includes(code ?? '') ||
    /ECONNREFUSED|ECONNRESET|socket hang up|timed? ?out/i.test(e.message)
  );
}
