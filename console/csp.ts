/**
 * The console's Content Security Policy, the same under `npm start` and on CloudFront: only
 * its own hashed script and stylesheet (and ecoute.js, from the same host, for the preview),
 * calls to the API alone, no frames, no forms posted anywhere, never framed itself.
 */
export function consoleCsp(apiOrigin = "'self'"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${apiOrigin}`.replace(" 'self' 'self'", " 'self'"),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Hashed assets never change: a year in every cache. index.html and config.json: always asked again. */
export const ASSET_CACHE = 'public, max-age=31536000, immutable';
export const PAGE_CACHE = 'no-cache';
