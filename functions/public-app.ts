/**
 * What every Écoute app is made of, and the public one: the routes anyone may call without a key
 * (a live survey's definition, submitting and erasing a response, the suggestion box), which the
 * widget and the hosted pages call. The public Lambda (functions/public-lambda.ts) serves this
 * app alone, so a visitor's cold start loads none of the staff's code; createApp (app.ts) serves
 * these routes and the staff's together, for the staff Lambda and the local server.
 *
 * App-wide middleware is ordered here, visibly: security headers, the access log and the
 * request's time budget. Everything else a route runs (the access layer with CORS and the
 * per-client limits, body limits, JSON only, well-formed text, its validators) follows from its
 * declaration (functions/routes/router.ts).
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono/tiny';
import type { AppEnv, PublicDeps } from './deps.ts';
import { requestLine, withRequestLog } from './log.ts';
import { requestBudget } from './middleware/budget.ts';
import { onError, notFound } from './middleware/errors.ts';
import { countOutcome } from './middleware/outcomes.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { liveSurveyApp } from './routes/live-survey.ts';
import { responsesApp } from './routes/responses.ts';
import type { Router } from './routes/router.ts';
import { suggestionsApp } from './routes/suggestions.ts';

/**
 * One line per request (every failure's, a sample of the others': log.ts requestLine), the
 * request's id on every line logged while it runs, and what its answer counts.
 */
const accessLog =
  (deps: PublicDeps): MiddlewareHandler<AppEnv> =>
  (c, next) =>
    withRequestLog({ requestId: deps.requestId?.(c) ?? randomUUID() }, async () => {
      const started = performance.now();
      await next();
      requestLine(c.res.status, {
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      });
      countOutcome(c);
    });

/**
 * `app` serving `resources` (routers whose paths are absolute) behind the app-wide middleware, and
 * /health. The public app is a `hono/tiny` one (PatternRouter: 6 KB less to load, and no matcher
 * to compile on the first request, for about a microsecond more per match over its dozen routes);
 * the staff's, with five times the routes, keeps Hono's default router.
 */
export function serve<A extends Hono<AppEnv>>(app: A, deps: PublicDeps, resources: readonly Router[]): A {
  app.onError(onError);
  app.notFound(notFound);

  app.use('*', securityHeaders);
  app.use('*', accessLog(deps));
  app.use('*', requestBudget(deps.config.requestBudgetMs));

  app.get('/health', (c) => c.json({ status: 'ok' }));
  for (const resource of resources) app.route('/', resource);
  return app;
}

/** The public routes' routers, in the order the OpenAPI document lists them among the others'. */
export const publicResources = (deps: PublicDeps) => ({
  liveSurvey: liveSurveyApp(deps),
  responses: responsesApp(deps),
  suggestions: suggestionsApp(deps),
});

export function createPublicApp(deps: PublicDeps) {
  const routers = Object.values(publicResources(deps));
  return Object.assign(serve(new Hono<AppEnv>(), deps, routers), { described: routers.flatMap((r) => r.described) });
}
