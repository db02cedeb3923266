/**
 * The one Hono app, whatever runs it (Lambda or the local server). Middleware is ordered here,
 * visibly: security headers, access log, CORS per territory, body limits, JSON only, the caller,
 * the submission limits, well-formed text; then the resources.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.ts';
import type { AppEnv, Deps } from './deps.ts';
import { log, withLogContext } from './log.ts';
import { openApiDocument } from './openapi.ts';
import { DOCS_CSP, apiDocsPage } from './api-docs.ts';
import { identify } from './middleware/auth.ts';
import { onError, notFound } from './middleware/errors.ts';
import { canonicalCode } from './suggestion.ts';
import { submissionLimit, territoryCors, type TerritoryOf } from './middleware/public.ts';
import { wellFormedBody } from './middleware/well-formed.ts';
import { jobsApp } from './routes/jobs.ts';
import { meApp } from './routes/me.ts';
import { reportFilesApp } from './routes/report-files.ts';
import { reportsApp } from './routes/reports.ts';
import { responsesApp } from './routes/responses.ts';
import { suggestionsApp } from './routes/suggestions.ts';
import { surveysApp } from './routes/surveys.ts';
import { territoriesApp } from './routes/territories.ts';

const SUBMISSION_BODY_LIMIT = 64 * 1024;
const ADMIN_BODY_LIMIT = 512 * 1024;

/** Which territory a /v1 path is addressed to, for CORS and limits. */
function territoryResolver(deps: Deps): TerritoryOf {
  const { surveys, responses, suggestions } = deps.stores;
  return async (c) => {
    const parts = new URL(c.req.url).pathname.split('/');
    const [, , kind, id] = parts;
    // No id is longer than 64 characters: a longer one names nothing, and DynamoDB refuses keys past 2 KB (a 500).
    if (!id || id.length > 64) return undefined;
    if (kind === 'territories') return id;
    if (kind === 'surveys') return (await surveys.get(id))?.territory;
    if (kind === 'responses') {
      const r = await responses.get(id);
      return r ? (await surveys.get(r.surveyId))?.territory : undefined;
    }
    if (kind === 'suggestions') {
      const code = canonicalCode(id);
      return code ? (await suggestions.get(code))?.territory : undefined;
    }
    return undefined;
  };
}

/** One line per request, and the request's id on every line logged while it runs. */
const accessLog =
  (deps: Deps): MiddlewareHandler =>
  (c, next) =>
    withLogContext({ requestId: deps.requestId?.(c) ?? randomUUID() }, async () => {
      const started = performance.now();
      await next();
      log(c.res.status >= 500 ? 'error' : 'info', 'request', {
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      });
    });

const jsonOnly: MiddlewareHandler = async (c, next) => {
  if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) throw new UnsupportedMediaTypeError();
  }
  await next();
};

const limitBody = (maxSize: number): MiddlewareHandler =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new PayloadTooLargeError(maxSize);
    },
  });

const isSubmission = (c: Context) =>
  c.req.method === 'POST' && /^\/v1\/(surveys\/[^/]+\/responses|territories\/[^/]+\/suggestions)$/.test(c.req.path);

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(notFound);

  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin', crossOriginEmbedderPolicy: false }));
  app.use('*', accessLog(deps));
  app.use('/v1/*', territoryCors(deps, territoryResolver(deps)));
  app.use('/v1/*', (c, next) => limitBody(isSubmission(c) ? SUBMISSION_BODY_LIMIT : ADMIN_BODY_LIMIT)(c, next));
  app.use('/v1/*', jsonOnly);
  app.use('/v1/*', identify(deps));
  app.use('/v1/*', (c, next) => (isSubmission(c) ? submissionLimit(deps)(c, next) : next()));
  app.use('/v1/*', wellFormedBody);

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
