/**
 * The whole API as one Hono app: the public routes (public-app.ts, which also orders the
 * app-wide middleware) with the staff's, the OpenAPI document and its rendering. The staff
 * Lambda and the local server serve it; on AWS, API Gateway sends the public routes to the
 * public Lambda instead (infra/api.ts).
 */
import { Hono } from 'hono';
import type { AppEnv, Deps } from './deps.ts';
import { openApiDocument } from './openapi.ts';
import { DOCS_CSP, apiDocsPage } from './api-docs.ts';
import { publicResources, serve } from './public-app.ts';
import { erasuresApp } from './routes/erasures.ts';
import { jobsApp } from './routes/jobs.ts';
import { meApp } from './routes/me.ts';
import { reportFilesApp } from './routes/report-files.ts';
import { reportsApp } from './routes/reports.ts';
import { responseExportApp } from './routes/response-export.ts';
import { suggestionModerationApp } from './routes/suggestion-moderation.ts';
import { suggestionReportsApp } from './routes/suggestion-reports.ts';
import { surveysApp } from './routes/surveys.ts';
import { territoriesApp } from './routes/territories.ts';

export function createApp(deps: Deps) {
  const open = publicResources(deps);
  // In this order the OpenAPI document lists them, as it always has.
  const resources = [
    meApp(deps),
    territoriesApp(deps),
    surveysApp(deps),
    open.liveSurvey,
    open.responses,
    responseExportApp(deps),
    reportsApp(deps),
    jobsApp(deps),
    reportFilesApp(deps),
    open.suggestions,
    suggestionModerationApp(deps),
    suggestionReportsApp(deps),
    erasuresApp(deps),
  ];
  const app = serve(new Hono<AppEnv>(), deps, resources);

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
