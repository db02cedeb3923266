/**
 * The staff console under `npm start`, at /console/ on the API's own origin (so it calls the
 * API without CORS): the built index.html and hashed assets of console/dist (built on first use
 * in a fresh clone), config.json saying where things are, and the same CSP and caching as on
 * CloudFront (console/csp.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { ASSET_CACHE, PAGE_CACHE, consoleCsp } from '#console/csp.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'console', 'dist');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

function ensureBuilt(): void {
  if (existsSync(join(dist, 'index.html'))) return;
  const built = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'console', 'build.ts')],
    { stdio: 'inherit' },
  );
  if (built.status !== 0) throw new Error('could not build the console: run npm run build');
}

export function consoleApp() {
  const app = new Hono();
  const page = (c: { header(k: string, v: string): void }) => {
    c.header('Content-Security-Policy', consoleCsp());
    c.header('Cache-Control', PAGE_CACHE);
    c.header('Referrer-Policy', 'no-referrer');
  };
  app.get('/console', (c) => c.redirect('/console/', 301));
  app.get('/console/', (c) => {
    ensureBuilt();
    page(c);
    return c.html(readFileSync(join(dist, 'index.html'), 'utf8'));
  });
  // Same origin: the console finds the API, the widget and the hosted pages at its own address.
  app.get('/console/config.json', (c) => {
    page(c);
    return c.json({ api: '', widget: '', hosted: '' });
  });
  app.get('/console/assets/:file{[A-Za-z0-9_-]+\\.(?:js|css)}', (c) => {
    const file = join(dist, 'assets', c.req.param('file'));
    if (!existsSync(file)) return c.text('not found', 404);
    c.header('Cache-Control', ASSET_CACHE);
    c.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    return c.body(readFileSync(file));
  });
  return app;
}
