/**
 * The one place where failures become the error shape of API.md: the HTTP layer's own errors as
 * they are, domain errors (stores, analytics) mapped to a code here, the database's unavailability
 * to 503, and anything else to a logged 500 that says nothing of its cause.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  ApiError,
  ConflictError,
  InternalError,
  PayloadTooLargeError,
  StorageUnavailableError,
  UnsupportedMediaTypeError,
  ValidationFailedError,
  errorBody,
  isStorageUnavailable,
} from '../errors.ts';
import { log } from '../log.ts';
import { SurveyChangedError, SurveyIdTakenError } from '../store/surveys.ts';

/** Domain errors a client can act on, and what they mean to it; every other error is ours (500). */
const DOMAIN: [abstract new (...args: never[]) => Error, (e: Error) => ApiError][] = [
  [SurveyIdTakenError, (e) => new ConflictError(e.message, { cause: e })],
  [SurveyChangedError, (e) => new ConflictError(e.message, { cause: e })],
];

function fromHono(e: HTTPException): ApiError | undefined {
  if (e.status === 413) return new PayloadTooLargeError(undefined, { cause: e });
  if (e.status === 415) return new UnsupportedMediaTypeError();
  if (e.status === 400)
    return new ValidationFailedError(e.message || 'malformed request', [
      { path: '(body)', message: e.message || 'malformed JSON' },
    ]);
  return undefined;
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const known = e instanceof HTTPException ? fromHono(e) : undefined;
  if (known) return known;
  for (const [type, map] of DOMAIN) if (e instanceof type) return map(e);
  if (isStorageUnavailable(e)) return new StorageUnavailableError({ cause: e });
  return new InternalError({ cause: e });
}

export function onError(e: unknown, c: Context) {
  const err = toApiError(e);
  if (err.code === 'internal' || err.code === 'unavailable') {
    const detail = e instanceof Error ? { name: e.name, error: e.message, stack: e.stack } : { error: String(e) };
    log('error', 'request failed', { method: c.req.method, path: c.req.routePath, code: err.code, ...detail });
  }
  return c.json(errorBody(err), err.status, err.headers);
}

export function notFound(c: Context) {
  return c.json(
    errorBody(new ApiError('not_found', `no such path: ${c.req.method} ${new URL(c.req.url).pathname.slice(0, 200)}`)),
    404,
  );
}
