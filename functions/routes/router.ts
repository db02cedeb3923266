/** Every sub-app is an OpenAPIHono whose validation failures take the error shape of API.md. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ValidationFailedError, issuesFromZod } from '../errors.ts';
import type { AppEnv } from '../deps.ts';

export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new ValidationFailedError(`the ${result.target === 'json' ? 'body' : result.target} is not valid`, issuesFromZod(result.error.issues));
    },
  });
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .openapi('Error');

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
export const errors = {
  400: err('validation_failed: each problem in issues'),
  401: err('unauthorized: no key or an unknown one'),
  403: err('forbidden: the role or origin is not allowed'),
  404: err('not_found (also for what belongs to another territory)'),
  409: err('conflict'),
  413: err('payload_too_large'),
  415: err('unsupported_media_type'),
  429: err('rate_limited, with Retry-After'),
  503: err('unavailable: storage is down; retry'),
};

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
export const jsonResponse = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});
export const bearer = [{ bearer: [] as string[] }];
