/**
 * The HTTP layer's errors, one class per code of API.md, and `errorBody`, their one shape.
 * Domain errors (stores, analytics) never carry a status: functions/middleware/errors.ts maps
 * them to these in one place.
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

export const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
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

export interface ApiErrorOptions extends ErrorOptions {
  issues?: ErrorIssue[];
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  override readonly name: string = 'ApiError';
  readonly issues: ErrorIssue[];
  readonly headers: Record<string, string>;
  constructor(
    readonly code: ErrorCode,
    message: string,
    { issues = [], headers = {}, ...options }: ApiErrorOptions = {},
  ) {
    super(message, options);
    this.issues = issues;
    this.headers = headers;
  }
  get status(): ContentfulStatusCode {
    return STATUS[this.code];
  }
}

export class ValidationFailedError extends ApiError {
  override readonly name = 'ValidationFailedError';
  constructor(message: string, issues: ErrorIssue[], options?: ErrorOptions) {
    super('validation_failed', message, { issues, ...options });
  }
}
export class UnauthorizedError extends ApiError {
  override readonly name = 'UnauthorizedError';
  constructor(message = 'a valid key is required: Authorization: Bearer KEY') {
    super('unauthorized', message);
  }
}
export class ForbiddenError extends ApiError {
  override readonly name = 'ForbiddenError';
  constructor(message: string) {
    super('forbidden', message);
  }
}
export class NotFoundError extends ApiError {
  override readonly name = 'NotFoundError';
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}
export class ConflictError extends ApiError {
  override readonly name = 'ConflictError';
  constructor(message: string, options?: ErrorOptions) {
    super('conflict', message, options);
  }
}
export class PayloadTooLargeError extends ApiError {
  override readonly name = 'PayloadTooLargeError';
  constructor(maxBytes?: number, options?: ErrorOptions) {
    super(
      'payload_too_large',
      maxBytes === undefined ? 'the body is too large' : `the body is larger than ${maxBytes} bytes`,
      options,
    );
  }
}
export class UnsupportedMediaTypeError extends ApiError {
  override readonly name = 'UnsupportedMediaTypeError';
  constructor() {
    super('unsupported_media_type', 'send the body as application/json');
  }
}
export class RateLimitedError extends ApiError {
  override readonly name = 'RateLimitedError';
  constructor(retryAfterSeconds: number) {
    super('rate_limited', 'too many requests from this client; try again later', {
      headers: { 'Retry-After': String(retryAfterSeconds) },
    });
  }
}
export class StorageUnavailableError extends ApiError {
  override readonly name = 'StorageUnavailableError';
  constructor(options?: ErrorOptions) {
    super('unavailable', 'storage is unavailable; retry shortly', { headers: { 'Retry-After': '5' }, ...options });
  }
}
export class InternalError extends ApiError {
  override readonly name = 'InternalError';
  constructor(options?: ErrorOptions) {
    super('internal', 'something went wrong on our side; it has been logged', options);
  }
}

export function errorBody(e: ApiError) {
  return { error: { code: e.code, message: e.message, issues: e.issues } };
}

/** zod's issues, or any Standard Schema's → the `issues` of our error shape, with dotted paths. */
export function issuesFromZod(
  issues: readonly { path?: readonly (PropertyKey | { readonly key: PropertyKey })[]; message: string }[],
): ErrorIssue[] {
  return issues.map((i) => ({
    path: (i.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.') || '(body)',
    message: i.message,
  }));
}

const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'ServiceUnavailable',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  // A request's own deadline passed before the database answered (functions/store/deadline.ts).
  'RequestOutOfTime',
]);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/**
 * Errors the AWS SDK raises when the database cannot be reached or is overloaded, by their
 * name (the SDK's) or code (the socket's), here or in their causes; never by their message.
 */
export function isStorageUnavailable(e: unknown): boolean {
  for (let cause = e, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (UNAVAILABLE_NAMES.has(cause.name) || (typeof code === 'string' && UNREACHABLE_CODES.has(code))) return true;
  }
  return false;
}
