/** The one place where failures become the error shape of API.md. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  ApiError,
  StorageUnavailableError,
  ValidationFailedError,
  errorBody,
  isStorageUnavailable,
} from '../errors.ts';
import { log } from '../log.ts';

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof HTTPException) {
    if (e.status === 413) return new ApiError('payload_too_large', 'the body is too large');
    if (e.status === 400)
      return new ValidationFailedError(e.message || 'malformed request', [
        { path: '(body)', message: e.message || 'malformed JSON' },
      ]);
    if (e.status === 415) return new ApiError('unsupported_media_type', 'send the body as application/json');
  }
  if (isStorageUnavailable(e)) return new StorageUnavailableError();
  return new ApiError('internal', 'something went wrong on our side; it has been logged');
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
