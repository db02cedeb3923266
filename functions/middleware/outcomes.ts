/**
 * What each answer counts (functions/metrics.ts), read from the answer once it is made: the
 * status, the error code that made it, and the territory the access layer found (absent when
 * the request was refused before its scope was settled: a malformed body, an unknown survey).
 * A client over its limit is counted where the limit is decided (limits.ts), which knows the
 * territory it wrote to.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { type Counter, count } from '../metrics.ts';
import { toApiError } from './errors.ts';

/** The public submissions, by Hono's route path: what a 2xx of each counts, and a refusal. */
const SUBMISSIONS: Record<string, { ok: Record<number, Counter>; refused: Counter }> = {
  'POST /v1/surveys/:id/responses': {
    ok: { 201: 'ResponsesAccepted', 200: 'ResponsesReplayed' },
    refused: 'ResponsesRefused',
  },
  'POST /v1/territories/:t/suggestions': { ok: { 201: 'SuggestionsReceived' }, refused: 'SuggestionsRefused' },
};

export function countOutcome(c: Context<AppEnv>): void {
  const { status } = c.res;
  const territory = c.get('scope')?.territory?.id;
  if (status === 503) count('Unavailable', { territory });
  const submission = SUBMISSIONS[`${c.req.method} ${c.req.routePath}`];
  if (!submission) return;
  const ok = submission.ok[status];
  if (ok) count(ok, { territory });
  else if (status >= 400 && status < 500)
    count(submission.refused, { territory, reason: c.error ? toApiError(c.error).code : String(status) });
}
