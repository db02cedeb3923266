/**
 * Requests addressed to a territory: CORS from its allowedOrigins, refusal of other origins,
 * and the per-client submission limit counted in DynamoDB.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { dayIn } from '#analytics/calendar.ts';
import { ForbiddenError, RateLimitedError } from '../errors.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { clientIdentity } from '../security.ts';

/** Finds the territory id a request is addressed to (from the path, or the thing it names). */
export type TerritoryOf = (c: Context<AppEnv>) => Promise<string | undefined>;

const ALLOW_HEADERS = 'content-type, authorization';
const EXPOSE_HEADERS = 'retry-after';

export function territoryCors(deps: Deps, territoryOf: TerritoryOf): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = await territoryOf(c);
    const territory = id ? await deps.stores.territories.get(id) : undefined;
    c.set('territory', territory);
    const origin = c.req.header('origin');
    const preflight = c.req.method === 'OPTIONS';
    if (origin === undefined || origin === new URL(c.req.url).origin) {
      if (preflight) return c.body(null, 204);
      return next();
    }
    if (!territory) {
      // Unknown territory: answer as the route would (404) without CORS headers.
      if (preflight) return c.body(null, 204);
      return next();
    }
    // The hosted survey page (/s/{survey} on the widget's host) serves every territory's surveys.
    if (!territory.allowedOrigins.includes(origin) && !deps.config.pageOrigins.includes(origin)) {
      throw new ForbiddenError(`the origin ${origin.slice(0, 100)} is not allowed for this territory`);
    }
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin', { append: true });
    if (preflight) {
      c.header('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
      c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    await next();
  };
}

/** Counts every public submission (refused ones and replays too) against the territory's limit. */
export function submissionLimit(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const territory = c.get('territory');
    if (territory && c.req.method === 'POST') {
      const now = deps.now();
      const client = clientIdentity(deps.config.secret, deps.clientAddress(c), dayIn(now, 'UTC'));
      const decision = await deps.stores.rateLimits.hit(
        territory.id,
        client,
        territory.limits.submissionsPerMinute,
        now.getTime(),
      );
      if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
    }
    await next();
  };
}
