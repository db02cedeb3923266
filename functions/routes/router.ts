/**
 * Routes described once, as data, and served by plain Hono: each route's zod schemas validate
 * its request (failures take the error shape of API.md) and describe it in /openapi.json
 * (functions/openapi.ts). No OpenAPI library at run time: the one we had extended zod's whole
 * namespace object, which kept every zod module and locale in the Lambda bundle.
 */
import { Hono, type Context } from 'hono';
import { validator } from 'hono/validator';
import * as z from 'zod';
import { ValidationFailedError, issuesFromZod } from '../errors.ts';
import type { AppEnv } from '../deps.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export interface Content {
  [mediaType: string]: { schema: z.ZodType };
}
export interface RouteConfig {
  method: Method;
  /** OpenAPI style: `/v1/surveys/{id}`. */
  path: string;
  summary: string;
  description?: string;
  security?: Record<string, string[]>[];
  request?: {
    params?: z.ZodObject;
    query?: z.ZodObject;
    body?: { required: true; content: { 'application/json': { schema: z.ZodType } } };
  };
  responses: Record<number, { description: string; content?: Content }>;
}

/** Keeps the literal types of a route, for its handler's `c.req.valid(…)`. */
export const createRoute = <R extends RouteConfig>(route: R): R => route;

type Req<R extends RouteConfig> = NonNullable<R['request']>;
type Parsed<S> = S extends z.ZodType ? z.output<S> : never;
type BodyOf<R extends RouteConfig> =
  Req<R> extends { body: { content: { 'application/json': { schema: infer S } } } } ? S : undefined;
/** What `c.req.valid(target)` answers in the handler of route R. */
export interface ValidInput<R extends RouteConfig> {
  out: { json: Parsed<BodyOf<R>>; param: Parsed<Req<R>['params']>; query: Parsed<Req<R>['query']> };
}
export type RouteContext<R extends RouteConfig> = Context<AppEnv, string, ValidInput<R>>;
export type RouteHandler<R extends RouteConfig> = (c: RouteContext<R>) => Response | Promise<Response>;

const targetNames = { json: 'body', param: 'param', query: 'query' } as const;
const validate = (target: keyof typeof targetNames, schema: z.ZodType) =>
  validator(target, async (value) => {
    const result = await schema.safeParseAsync(value);
    if (!result.success)
      throw new ValidationFailedError(`the ${targetNames[target]} is not valid`, issuesFromZod(result.error.issues));
    return result.data as never;
  });

/** A Hono app that also remembers the routes it serves, for the OpenAPI document. */
export class Router extends Hono<AppEnv> {
  readonly described: RouteConfig[] = [];

  openapi<R extends RouteConfig>(route: R, handler: RouteHandler<R>): this {
    this.described.push(route);
    const { params, query, body } = route.request ?? {};
    const checks = [
      // The order @hono/zod-openapi used, so the first problem reported stays the same.
      ...(query ? [validate('query', query)] : []),
      ...(params ? [validate('param', params)] : []),
      ...(body ? [validate('json', body.content['application/json'].schema)] : []),
    ];
    const path = route.path.replace(/\{(\w+)\}/g, ':$1');
    // Hono's overloads type handlers one by one; the validators above set what `valid` reads.
    this.on(
      route.method.toUpperCase(),
      path,
      ...(checks as []),
      handler as unknown as (c: Context<AppEnv>) => Promise<Response>,
    );
    return this;
  }

  /** Serves another router's routes (paths are absolute) and describes them too. */
  include(other: Router): this {
    this.described.push(...other.described);
    this.route('/', other);
    return this;
  }
}

export const newRouter = () => new Router();

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: 'Error' });

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
  required: true as const,
  content: { 'application/json': { schema } },
});
export const jsonResponse = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});
export const bearer = [{ bearer: [] as string[] }];
