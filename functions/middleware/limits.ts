/**
 * Per-client limits counted in DynamoDB (so they hold across Lambda instances): public
 * submissions per territory (`limits.submissionsPerMinute`) and across all territories
 * (`clientLimits.submissionsPerMinute`), and tracking-code look-ups. Every attempt counts,
 * refused ones and replays included, and so do attempts at unknown things and drafts: a limit
 * that only counted real things would tell which exist.
 */
import type { Context } from 'hono';
import { dayIn } from '#analytics/calendar.ts';
import { RateLimitedError } from '../errors.ts';
import type { AppEnv, PublicDeps } from '../deps.ts';
import type { Territory } from '../model.ts';
import { count } from '../metrics.ts';
import { clientIdentity } from '../security.ts';
import type { Cap } from '../store/rate-limits.ts';

async function refuseBeyond(deps: PublicDeps, c: Context<AppEnv>, caps: Cap[], territory?: Territory) {
  const now = deps.now();
  const client = clientIdentity(deps.config.secret, deps.clientAddress(c), dayIn(now, 'UTC'));
  const decision = await deps.stores.rateLimits.hit(client, caps, now.getTime());
  if (!decision.allowed) {
    count('RateLimited', { territory: territory?.id });
    throw new RateLimitedError(decision.retryAfterSeconds);
  }
}

/** What a public submission counts against: the client's cap across territories, and `territory`'s own. */
export function submissionCaps(deps: PublicDeps, territory: Territory | undefined): Cap[] {
  const own = territory?.limits.submissionsPerMinute ?? 0;
  return [
    { counter: 'submissions', perMinute: Math.max(deps.config.clientLimits.submissionsPerMinute, own) },
    ...(territory ? [{ counter: `t:${territory.id}`, perMinute: own }] : []),
  ];
}

/** A public submission, to `territory` when it is one the caller may address. */
export function countSubmission(deps: PublicDeps, c: Context<AppEnv>, territory: Territory | undefined) {
  return refuseBeyond(deps, c, submissionCaps(deps, territory), territory);
}

export function countLookup(deps: PublicDeps, c: Context<AppEnv>) {
  return refuseBeyond(deps, c, [{ counter: 'lookups', perMinute: deps.config.clientLimits.lookupsPerMinute }]);
}
