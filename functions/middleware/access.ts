/**
 * The access layer, built from each route's declaration (`access` and `territory` in
 * RouteConfig, functions/routes/router.ts), in an order chosen so that nothing a caller may
 * not see changes an answer. First (`settle`): who calls (the key); what the request is
 * addressed to, as that caller may see it (scope.ts); who may read the answer (CORS: the key's
 * territory's origins on keyed routes, the thing's on public ones); the per-client limits.
 * Then the route checks its request (size, media type, schemas), which depends on nothing
 * stored. Then (`refuse`): authentication (401), scope (404, exactly as for what does not
 * exist), role (403), Origin (403; on the look-up by tracking code, 404 as an unknown code).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.ts';
import type { AppEnv, Caller, PublicDeps, Scope } from '../deps.ts';
import type { RouteConfig } from '../routes/router.ts';
import { callerOf } from './auth.ts';
import { allowReading, originAllowed, preflightAnswer, sameOrigin } from './cors.ts';
import { countLookup, countSubmission } from './limits.ts';
import { resolveScope, type Viewer } from './scope.ts';

/** A public POST: a response or a suggestion, limited per client. */
export const isSubmission = (route: RouteConfig) => route.access === 'public' && route.method === 'post';
/** The public look-up of a suggestion by the code a resident keeps: limited per client, and answered as unknown to foreign pages. */
export const isLookupByCode = (route: RouteConfig) =>
  route.access === 'public' && route.territory.from === 'suggestion';

function viewerOf(route: RouteConfig, caller: Caller): Viewer | undefined {
  if (route.access === 'public') return 'public';
  return typeof route.access === 'object' && caller.kind === 'key' ? { territory: caller.key.territory } : undefined;
}

/** What the route names, when the caller may not see it: the same words as for what does not exist. */
function notFound(route: RouteConfig): NotFoundError {
  const from = route.territory?.from ?? 'param';
  if (from === 'survey') return new NotFoundError(route.access === 'public' ? 'live survey' : 'survey');
  return new NotFoundError(from === 'param' ? 'territory' : from);
}

const foreign = (origin: string) =>
  new ForbiddenError(`the origin ${origin.slice(0, 100)} is not allowed for this territory`);

/** What `settle` found, for `refuse`: kept per request, never on the context where a handler could read it. */
interface Settled {
  caller: Caller;
  scope: Scope;
  origin: string | undefined;
  allowed: boolean;
}
const settled = new WeakMap<Context, Settled>();

function refusal(route: RouteConfig, { caller, scope, origin, allowed }: Settled) {
  if (caller.kind === 'invalid') throw new UnauthorizedError(caller.reason);
  if (route.access === 'public') {
    if (!scope.territory) throw notFound(route);
  } else if (caller.kind === 'anonymous') {
    throw new UnauthorizedError();
  } else if (route.access === 'operator') {
    if (caller.kind !== 'operator') throw new ForbiddenError('only the operator key may do this');
  } else if (route.access === 'anyKey') {
    // Any valid key: the handler answers about the key itself and its own territory.
  } else {
    if (caller.kind === 'operator')
      throw new ForbiddenError('the operator key creates territories; use a territory key');
    if (!scope.territory) throw notFound(route);
    const { roles } = route.access;
    if (!roles.includes(caller.key.role))
      throw new ForbiddenError(`this needs the ${roles.join(' or ')} role; this key is ${caller.key.role}`);
  }
  if (!allowed && origin !== undefined) throw isLookupByCode(route) ? notFound(route) : foreign(origin);
}

/** Finds who calls and what the request names, and sets CORS and the limits; refuses nothing yet but a flood. */
export function settle(deps: PublicDeps, route: RouteConfig): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = await callerOf(deps, c.req.header('authorization'));
    const viewer = viewerOf(route, caller);
    const scope = viewer && route.territory ? await resolveScope(deps, route.territory, c, viewer) : {};
    const readers =
      route.access === 'public'
        ? scope.territory
        : caller.kind === 'key'
          ? await deps.stores.territories.get(caller.key.territory)
          : undefined;
    const origin = c.req.header('origin');
    const cross = origin !== undefined && !sameOrigin(c, origin);
    const allowed = !cross || originAllowed(deps, origin, readers);
    c.header('Vary', 'Origin', { append: true });
    if (cross && allowed) allowReading(c, origin);
    // An unknown code's 404 reveals nothing, so any page may read it; a code from a page its territory does not allow answers the same.
    else if (cross && isLookupByCode(route)) allowReading(c, '*');
    if (isSubmission(route)) await countSubmission(deps, c, scope.territory);
    if (isLookupByCode(route)) await countLookup(deps, c);
    settled.set(c, { caller, scope, origin, allowed });
    await next();
  };
}

/** Refuses what the caller may not do, then hands the handler what it may act on. */
export function refuse(route: RouteConfig): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const found = settled.get(c);
    if (!found) throw new Error(`${route.method} ${route.path}: refuse runs without settle`);
    refusal(route, found);
    c.set('caller', found.caller);
    c.set('scope', found.scope);
    await next();
  };
}

/**
 * A preflight carries no key. Keyed routes are answered for any origin (the request itself then
 * carries the key, and its answer the CORS headers of the key's territory); public ones for the
 * origins of the thing's territory, a refusal (403) for others, and nothing to say about what is
 * not found. A route answers the preflights of its own method and leaves the others to the next.
 */
export function preflight(deps: PublicDeps, route: RouteConfig): MiddlewareHandler<AppEnv> {
  return async (c: Context<AppEnv>, next) => {
    if (c.req.header('access-control-request-method')?.toLowerCase() !== route.method) return next();
    const origin = c.req.header('origin');
    c.header('Vary', 'Origin', { append: true });
    if (origin === undefined || sameOrigin(c, origin)) return preflightAnswer(c, undefined);
    if (route.access !== 'public') return preflightAnswer(c, origin);
    const scope = route.territory ? await resolveScope(deps, route.territory, c, 'public') : {};
    if (originAllowed(deps, origin, scope.territory)) return preflightAnswer(c, origin);
    if (scope.territory && !isLookupByCode(route)) throw foreign(origin);
    return preflightAnswer(c, undefined);
  };
}
