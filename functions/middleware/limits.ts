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
import type { AppEnv, Deps } from '../deps.ts';
import type { Territory } from '../model.ts';
import { clientIdentity } from '../security.ts';
import { ALL_LOOKUPS, ALL_SUBMISSIONS } from '../store/layout.ts';

function clientOf(deps: Deps, c: Context<AppEnv>) {
  const now = deps.now();
  return { client: clientIdentity(deps.config.secret, deps.clientAddress(c), dayIn(now, 'UTC')), at: now.getTime() };
}

async function refuseBeyond(deps: Deps, c: Context<AppEnv>, caps: { scope: string; perMinute: number }[]) {
  const { client, at } = clientOf(deps, c);
  const decisions = await Promise.all(
    caps.map((cap) => deps.stores.rateLimits.hit(cap.scope, client, cap.perMinute, at)),
  );
  const refused = decisions.filter((d) => !d.allowed);
  if (refused.length) throw new RateLimitedError(Math.max(...refused.map((d) => d.retryAfterSeconds)));
}

/** A public submission, to `territory` when it is one the caller may address. */
export function countSubmission(deps: Deps, c: Context<AppEnv>, territory: Territory | undefined) {
  const own = territory?.limits.submissionsPerMinute ?? 0;
  return refuseBeyond(deps, c, [
    { scope: ALL_SUBMISSIONS, perMinute: Math.max(deps.config.clientLimits.submissionsPerMinute, own) },
    ...(territory ? [{ scope: territory.id, perMinute: own }] : []),
  ]);
}

export function countLookup(deps: Deps, c: Context<AppEnv>) {
  return refuseBeyond(deps, c, [{ scope: ALL_LOOKUPS, perMinute: deps.config.clientLimits.lookupsPerMinute }]);
}
