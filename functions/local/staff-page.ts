/**
 * The local server's staff pages (dashboard, moderation): one static page each, where a key is
 * typed, so it is never cached nor named to another site, and its CSP allows its script by hash.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';

/** A CSP source allowing exactly this inline script or style. */
export const cspHash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

export function staffPageApp(path: string, page: string, csp: string) {
  const app = new Hono();
  app.get(path, (c) => {
    c.header('Content-Security-Policy', csp);
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(page);
  });
  return app;
}
