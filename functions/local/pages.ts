/**
 * What the local server shows besides the API: the widget script and the surveys' public files
 * (from s3rver), the staff console, a start page, and (on a second origin) the demo host pages
 * of a tourism office and a city hall.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { escapeHtml } from '#analytics/render/markup.ts';
import { PUBLIC_SURVEY_CACHE, publicSurveyKey, type PublicFiles } from '../store/public-surveys.ts';
import { consoleApp } from './console.ts';
import { DEMO_SURVEY_ID, type DemoSeed } from './seed.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const widgetDir = join(root, 'survey-widget');
const distDir = join(widgetDir, 'dist');
/** What the build makes: the widget, the scripts it loads on demand, the hosted page's script. */
const SCRIPTS = ['ecoute.js', 'ecoute.esm.js', 'ecoute-suggestions.js', 'ecoute-en.js', 'ecoute-page.js'];

/** The built widget; built on first use when the folder is a fresh clone. */
function widgetFile(name: string): string {
  const file = join(distDir, name);
  if (!existsSync(file)) {
    const built = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(widgetDir, 'build.ts')],
      { stdio: 'inherit' },
    );
    if (built.status !== 0) throw new Error('could not build the widget: run npm run build');
  }
  return readFileSync(file, 'utf8');
}

export function localPagesApp(o: { apiUrl: string; hostUrl: string; surveyFiles?: PublicFiles }) {
  const app = new Hono();
  const { surveyFiles } = o;
  // Beside the script, as the widget's CloudFront serves its bucket's `surveys/`: public, to any page.
  if (surveyFiles)
    app.get('/surveys/:file{[a-z0-9-]+\\.json}', async (c) => {
      c.header('Access-Control-Allow-Origin', '*');
      const body = await surveyFiles.get(publicSurveyKey(c.req.param('file').slice(0, -'.json'.length)));
      if (body === undefined) return c.text('not found', 404);
      c.header('Cache-Control', PUBLIC_SURVEY_CACHE);
      return c.body(body, 200, { 'Content-Type': 'application/json' });
    });
  for (const name of SCRIPTS) {
    app.get(`/${name}`, (c) => {
      const body = widgetFile(name);
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
      c.header('ETag', etag);
      c.header('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
      c.header('Access-Control-Allow-Origin', '*');
      if (c.req.header('if-none-match') === etag) return c.body(null, 304);
      return c.body(body, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    });
  }
  // The hosted survey page: a QR code, an e-mail link or a kiosk tablet opens /s/{survey}?channel=….
  app.get('/s/:survey{[a-z0-9-]+}', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(join(widgetDir, 'hosted', 'survey.html'), 'utf8').replaceAll('{{API}}', o.apiUrl));
  });
  app.route('/', consoleApp());
  app.get('/', (c) => {
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Écoute — local</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}a{color:#0b4f9c}</style></head>
<body><h1>Écoute</h1><p>L'instrument d'évaluation du marketing territorial, en local.</p><ul>
<li><a href="${escapeHtml(o.hostUrl)}/tourisme.html">Page d'un office de tourisme avec le questionnaire</a> (autre origine)</li>
<li><a href="${escapeHtml(o.hostUrl)}/mairie.html">Page d'une mairie avec la boîte à idées</a> (autre origine)</li>
<li><a href="/console/">La console : questionnaires, rapports, boîte à idées, clés d'accès</a></li>
<li><a href="/s/${DEMO_SURVEY_ID}?channel=qr">Page du questionnaire</a> (QR code, e-mail) · <a href="/s/${DEMO_SURVEY_ID}?channel=kiosk">en borne</a></li>
<li><a href="/docs" hreflang="en">La référence de l'API</a> (en anglais) · <a href="/openapi.json">son contrat OpenAPI</a> · <a href="/health">/health</a></li>
</ul></body></html>`);
  });
  return app;
}

/** The second origin: host pages that embed the widget as a tourism office or a city hall would. */
export function hostPagesApp(o: { apiUrl: string; demo: Pick<DemoSeed, 'territory' | 'surveyId'> }) {
  const app = new Hono();
  const fill = (html: string) =>
    html
      .replaceAll('{{API}}', o.apiUrl)
      .replaceAll('{{SURVEY}}', o.demo.surveyId)
      .replaceAll('{{TERRITORY}}', o.demo.territory);
  app.get('/:page{[a-z-]+\\.html}', (c) => {
    const file = join(widgetDir, 'demo', c.req.param('page'));
    if (!existsSync(file)) return c.text('not found', 404);
    return c.html(fill(readFileSync(file, 'utf8')));
  });
  app.get('/', (c) => c.redirect('/tourisme.html'));
  return app;
}
