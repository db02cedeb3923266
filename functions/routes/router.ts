/**
 * Routes described once, as data, and served by plain Hono. A route's declaration is all the
 * app needs to serve it safely: its schemas validate the request (failures take the error
 * shape of docs/api.md) and describe it in /openapi.json (functions/openapi.ts); `access` and
 * `territory` say who may call it and what it is addressed to, and the access layer
 * (functions/middleware/access.ts), CORS, the body and submission limits and the OpenAPI
 * document's roles and `security` all follow from them. No OpenAPI library at run time: the one
 * we had extended zod's whole namespace object, which kept every zod module in the Lambda bundle.
 *
 * The staff's routes declare zod schemas. The public routes, which every visitor's cold start
 * loads, declare zod-free validators instead (functions/validation/public-requests.ts) and name
 * their answers (`named`): both stand for a zod twin in routes/public-schemas.ts, which
 * /openapi.json publishes and a differential test holds them to, answer for answer. A public
 * route's new schema goes there and in functions/validation, or the bundle test fails on zod.
 *
 * Adding a route:
 *
 *     const listThings = createRoute({
 *       method: 'get',
 *       path: '/v1/territories/{t}/things',
 *       operationId: 'listThings',                 // unique; client generators name methods after it
 *       summary: "The territory's things",          // the roles are added from `access`
 *       access: { roles: ['admin', 'evaluator'] },  // or 'public' (anyone), or 'operator'
 *       territory: { from: 'param', name: 't' },    // how the request finds its territory
 *       request: { params: z.object({ t: Slug }) },
 *       responses: { 200: jsonResponse('things', Things), ...errors },
 *     });
 *     app.openapi(listThings, async (c) => c.json(await list(scopedTerritory(c).id), 200));
 *
 * `territory` is one of
 * - `{ from: 'param', name }`: the territory's id is that path parameter;
 * - `{ from: 'survey', param }`: the survey that path parameter names;
 * - `{ from: 'suggestion', param }`: the suggestion whose tracking code it is;
 * - `{ from: 'response', param, receipt }`: the response it names; on a public route, found only
 *   with the receipt in that query parameter.
 * The handler runs only once the caller may act on what the path names: with a key, a thing of
 * the key's territory and the right role; on a public route, a public thing (a territory, a live
 * or closed survey, a suggestion by its code, a response by its receipt). Anything else has been
 * answered already, exactly as for what does not exist. The handler reads what was found with
 * `scopedTerritory(c)`, `scopedSurvey(c)`… (functions/routes/scoped.ts), never by reading the
 * path again. `access: 'operator'` and `'anyKey'` take no `territory` (an `anyKey` handler reads
 * the caller's own territory through `c.get('caller')`). A public POST is a submission: a body
 * of at most 64 KB, counted against the per-client limits. Then add the route to the expectation
 * table of functions/hardening/isolation.test.ts: it fails until you say who may call it.
 */
import type { Context, MiddlewareHandler } from 'hono';
// A Router is only ever mounted: the app it is mounted on copies its routes and matches them.
import { HonoBase } from 'hono/hono-base';
import type { Router as Matcher } from 'hono/router';
import { HTTPException } from 'hono/http-exception';
import type * as z from '#analytics/zod.ts';
import { ValidationFailedError, issuesFromZod } from '../errors.ts';
import type { AppEnv, PublicDeps } from '../deps.ts';
import type { Role } from '../model.ts';
import { isSubmission, preflight, refuse, settle } from '../middleware/access.ts';
import { jsonOnly, limitBody } from '../middleware/body.ts';
import { wellFormedBody } from '../middleware/well-formed.ts';
import type { Validator } from '../validation/kit.ts';
import type { publicSchemas } from './public-schemas.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** What a public route names instead of a zod schema: its twin's name in routes/public-schemas.ts. */
export type SchemaName = keyof typeof publicSchemas;
/**
 * A schema a route declares: any zod 4 schema, classic or functional (zod/mini), as the staff's
 * routes use; or, on the public routes, a zod-free stand-in (functions/validation) that names its
 * zod twin, so that a visitor's cold start loads no zod and /openapi.json still describes it.
 */
export type Schema = z.core.$ZodType | { readonly name: string };
/** A schema that validates a request: zod's, or a zod-free validator; both are Standard Schemas. */
export type Checked = z.core.$ZodType | Validator<unknown>;
/** A response's schema on a public route, by its twin's name (see `Schema`). */
export const named = (name: SchemaName) => ({ name });
export interface Content {
  [mediaType: string]: { schema: Schema };
}

/**
 * Who may call a route: anyone, the operator key, any valid key (the operator's too: a route
 * about the calling key itself), or a key of the territory with one of these roles.
 */
export type Access = 'public' | 'operator' | 'anyKey' | { roles: readonly Role[] };

/** How a request finds the territory it is addressed to (see the header). */
export type TerritoryFrom =
  | { from: 'param'; name: string }
  | { from: 'survey'; param: string }
  | { from: 'suggestion'; param: string }
  | { from: 'response'; param: string; receipt: string };

interface RouteBase {
  method: Method;
  /** OpenAPI style: `/v1/surveys/{id}`. */
  path: string;
  /** Unique across the API: what client generators name their methods after. */
  operationId: string;
  /** What it does; who may call it is added from `access`. */
  summary: string;
  description?: string;
  request?: {
    params?: z.core.$ZodObject | Validator<Record<string, unknown>>;
    query?: z.core.$ZodObject | Validator<Record<string, unknown>>;
    body?: { required: true; content: { 'application/json': { schema: Checked } } };
  };
  responses: Record<number, { description: string; content?: Content }>;
}
export type RouteConfig = RouteBase &
  (
    | { access: 'operator' | 'anyKey'; territory?: undefined }
    | { access: 'public' | { roles: readonly Role[] }; territory: TerritoryFrom }
  );

/** Keeps the literal types of a route, for its handler's `c.req.valid(…)`. */
export const createRoute = <const R extends RouteConfig>(route: R): R => route;

/** Who may call, in words, for the OpenAPI summary. */
export function whoMayCall(access: Access): string {
  if (access === 'public') return 'anyone';
  if (access === 'operator') return 'operator key';
  if (access === 'anyKey') return "any key, the operator's too";
  return access.roles.join(', ');
}

const SUBMISSION_BODY_LIMIT = 64 * 1024;
const ADMIN_BODY_LIMIT = 512 * 1024;

type Req<R extends RouteConfig> = NonNullable<R['request']>;
/** What a Standard Schema (zod's or ours) answers when valid. */
type Parsed<S> = S extends { readonly '~standard': { readonly types?: infer T } }
  ? NonNullable<T> extends { readonly output: infer O }
    ? O
    : never
  : never;
type BodyOf<R extends RouteConfig> =
  Req<R> extends { body: { content: { 'application/json': { schema: infer S } } } } ? S : undefined;
/** What `c.req.valid(target)` answers in the handler of route R. */
export interface ValidInput<R extends RouteConfig> {
  out: { json: Parsed<BodyOf<R>>; param: Parsed<Req<R>['params']>; query: Parsed<Req<R>['query']> };
}
export type RouteContext<R extends RouteConfig> = Context<AppEnv, string, ValidInput<R>>;
export type RouteHandler<R extends RouteConfig> = (c: RouteContext<R>) => Response | Promise<Response>;

const targetNames = { json: 'body', param: 'param', query: 'query' } as const;
async function parsed(target: keyof typeof targetNames, schema: Checked, value: unknown) {
  const result = await schema['~standard'].validate(value);
  if (result.issues)
    throw new ValidationFailedError(`the ${targetNames[target]} is not valid`, issuesFromZod(result.issues));
  return result.value as never;
}
/**
 * The path's parameters or the query's (a repeated name as a list), parsed: what `hono/validator`
 * did for these two targets, without its form and cookie readers in every bundle.
 */
const validate =
  (target: 'param' | 'query', schema: Checked): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const value =
      target === 'param'
        ? c.req.param()
        : Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
    c.req.addValidatedData(target, await parsed(target, schema, value));
    await next();
  };
/**
 * The body as JSON whatever its label: `jsonOnly` has let through only the types the route takes
 * (a submission's `text/plain` too, which Hono's own JSON validator would read as no body).
 */
const validateBody =
  (schema: Checked): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    let value: unknown;
    try {
      value = await c.req.json();
    } catch {
      throw new HTTPException(400, { message: 'Malformed JSON in request body' });
    }
    c.req.addValidatedData('json', await parsed('json', schema, value));
    await next();
  };

/**
 * A route's steps and handler as one Hono handler, run as Hono runs a list of them (each step's
 * `next` runs the following one; a step that answers ends the request). Registered one by one,
 * each step was an entry of every router the route goes through, and each entry builds a
 * matcher: 150 of them were about 4 ms of the public function's cold start.
 */
function inOrder(
  steps: readonly MiddlewareHandler<AppEnv>[],
  handler: (c: Context<AppEnv>) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  return async (c) => {
    const run = async (i: number): Promise<void> => {
      const step = steps[i];
      const res = step ? await step(c, () => run(i + 1)) : await handler(c);
      if (res && !c.finalized) c.res = res;
    };
    await run(0);
    return c.res;
  };
}

/**
 * The matcher of a Router, which never matches: the app a Router is mounted on matches its
 * routes. Each route a real one is given builds its pattern at once, and the app builds them all
 * again: half of the public function's matchers, built at every cold start for nothing.
 */
const mountedOnly: Matcher<never> = {
  name: 'mounted-only',
  add() {},
  match() {
    throw new Error('a Router serves nothing itself: mount it on an app (app.route)');
  },
};

/** A Hono app that serves routes from their declarations and remembers them, for the OpenAPI document. */
export class Router extends HonoBase<AppEnv> {
  readonly described: RouteConfig[] = [];

  constructor(private readonly deps: PublicDeps) {
    super({ router: mountedOnly });
  }

  openapi<R extends RouteConfig>(route: R, handler: RouteHandler<R>): this {
    this.described.push(route);
    const { params, query, body } = route.request ?? {};
    const chain = [
      settle(this.deps, route),
      limitBody(isSubmission(route) ? SUBMISSION_BODY_LIMIT : ADMIN_BODY_LIMIT),
      jsonOnly(isSubmission(route)),
      wellFormedBody,
      // The order @hono/zod-openapi used, so the first problem reported stays the same.
      ...(query ? [validate('query', query)] : []),
      ...(params ? [validate('param', params)] : []),
      ...(body ? [validateBody(body.content['application/json'].schema)] : []),
      refuse(route),
    ];
    const path = route.path.replace(/\{(\w+)\}/g, ':$1');
    this.on('OPTIONS', path, preflight(this.deps, route));
    // The validators above set what `valid` reads.
    this.on(route.method.toUpperCase(), path, inOrder(chain, handler as unknown as (c: Context<AppEnv>) => Response));
    return this;
  }

  /** Serves another router's routes (paths are absolute) and describes them too. */
  include(other: Router): this {
    this.described.push(...other.described);
    this.route('/', other);
    return this;
  }
}

export const newRouter = (deps: PublicDeps) => new Router(deps);

const err = (description: string) => ({
  description,
  content: { 'application/json': { schema: named('ErrorSchema') } },
});
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

export const jsonBody = <T extends Checked>(schema: T) => ({
  required: true as const,
  content: { 'application/json': { schema } },
});
export const jsonResponse = <T extends Schema>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});
