/**
 * The one Hono app, whatever runs it (Lambda or the local server). App-wide middleware is
 * ordered here, visibly: security headers, the access log and the request's time budget. Everything else a route runs
 * (the access layer with CORS and the per-client limits, body limits, JSON only, well-formed
 * text, its validators) follows from its declaration (functions/routes/router.ts).
 */
import { randomUUID } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Deps } from './deps.ts';
import { requestLine, withRequestLog } from './log.ts';
import { openApiDocument } from './openapi.ts';
import { DOCS_CSP, apiDocsPage } from './api-docs.ts';
import { requestBudget } from './middleware/budget.ts';
import { onError, notFound } from './middleware/errors.ts';
import { erasuresApp } from './routes/erasures.ts';
import { jobsApp } from './routes/jobs.ts';
import { countOutcome } from './middleware/outcomes.ts';
import { meApp } from './routes/me.ts';
import { reportFilesApp } from './routes/report-files.ts';
import { reportsApp } from './routes/reports.ts';
import { responsesApp } from './routes/responses.ts';
import { suggestionsApp } from './routes/suggestions.ts';
import { surveysApp } from './routes/surveys.ts';
import { territoriesApp } from './routes/territories.ts';

/**
 * One line per request (every failure's, a sample of the others': log.ts requestLine), the
 * request's id on every line logged while it runs, and what its answer counts.
 */
const accessLog =
  (deps: Deps): MiddlewareHandler<AppEnv> =>
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

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(notFound);

  app.use(
    '*',
    secureHeaders({
      crossOriginResourcePolicy: 'cross-origin',
      crossOriginEmbedderPolicy: false,
      // A year, as OWASP ASVS 3.4.1 asks (Hono's default is 180 days).
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    }),
  );
  app.use('*', accessLog(deps));
  app.use('*', requestBudget(deps.config.requestBudgetMs));

  app.get('/health', (c) => c.json({ status: 'ok' }));
  const resources = [
    meApp(deps),
    territoriesApp(deps),
    surveysApp(deps),
    responsesApp(deps),
    reportsApp(deps),
    jobsApp(deps),
    reportFilesApp(deps),
    suggestionsApp(deps),
    erasuresApp(deps),
  ];
  for (const resource of resources) app.route('/', resource);

  let contract: object | undefined;
  const document = () =>
    (contract ??= openApiDocument(
      resources.flatMap((r) => r.described),
      {
        title: 'Écoute API',
        version: '1.0.0',
        description: 'Surveys and suggestions for territories. The guide: docs/api.md; this document rendered: /docs.',
        // package.json says UNLICENSED: no licence granted, which SPDX can only name as a LicenseRef.
        license: { name: 'All rights reserved', identifier: 'LicenseRef-UNLICENSED' },
      },
    ));
  app.get('/openapi.json', (c) => c.json(document()));
  let docs: string | undefined;
  app.get('/docs', (c) => {
    c.header('Content-Security-Policy', DOCS_CSP);
    c.header('Cache-Control', 'public, max-age=300');
    return c.html((docs ??= apiDocsPage(document())));
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
