/**
 * CORS. Who may read an answer: the deployment's own pages (`appOrigins`) on every route, and a
 * territory's `allowedOrigins` on what concerns that territory. Which territory that is, the
 * access layer says (access.ts): for keyed routes the key's, never the thing's, so that an
 * answer about another territory's thing carries the same headers as one about nothing.
 */
import type { Context } from 'hono';
import type { AppEnv, PublicDeps } from '../deps.ts';
import type { Territory } from '../model.ts';

const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOW_HEADERS = 'content-type, authorization';
const EXPOSE_HEADERS = 'retry-after';
/**
 * How long a browser may reuse a preflight's answer for the same origin and URL: a day, the
 * longest Firefox keeps one; Chromium keeps it at most 2 hours whatever is asked. A kiosk or a
 * page that posts several responses to one survey then pays one preflight (one API request, one
 * Lambda invocation) per period instead of one per response.
 */
export const PREFLIGHT_MAX_AGE_SECONDS = 86_400;

/** A request from the API's own origin (the local pages) needs no CORS at all. */
export const sameOrigin = (c: Context, origin: string) => origin === new URL(c.req.url).origin;

/** Whether `origin` may read answers about `territory` (or about nothing, when undefined). */
export const originAllowed = (deps: PublicDeps, origin: string, territory: Territory | undefined) =>
  deps.config.appOrigins.includes(origin) || (territory?.allowedOrigins.includes(origin) ?? false);

/** Lets `value` (an origin, or `*`) read this answer, Retry-After included. */
export function allowReading(c: Context<AppEnv>, value: string) {
  c.header('Access-Control-Allow-Origin', value);
  c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
}

/** The answer to a preflight: allowed with the methods and headers we take, or silently not. */
export function preflightAnswer(c: Context<AppEnv>, origin: string | undefined) {
  if (origin !== undefined) {
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Allow-Methods', ALLOW_METHODS);
    c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
    c.header('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
  }
  return c.body(null, 204);
}
