/**
 * The outbox's rules as pure functions: which answers are retried, when, and for how long.
 * The outbox (outbox.ts) only adds storage, fetch and timers around them.
 */

/** A response kept on the device until the API has it. */
export interface Pending {
  /** The response id: the idempotency key, so a replay is stored once. */
  id: string;
  url: string;
  /** The exact JSON sent the first time; a replay must be deep-equal to it. */
  body: string;
  created: number;
  attempts: number;
  due: number;
}

export const DAY_MS = 86_400_000;
/** The API accepts a `submittedAt` up to 30 days old; past that a retry cannot succeed. */
export const MAX_AGE_MS = 30 * DAY_MS;
const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 15 * 60_000;

/** Status 0 means the request never got an answer (offline, DNS, CORS, reset). */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** Exponential backoff with "equal jitter": half fixed, half random, so kiosks do not stampede. */
export function backoffMs(attempts: number, random: number): number {
  const ceiling = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  return ceiling / 2 + (random * ceiling) / 2;
}

/** `Retry-After` in milliseconds; the API sends seconds (the HTTP-date form is ignored: backoff applies). */
export function retryAfterMs(header: string | null | undefined): number | undefined {
  const seconds = Number(header || NaN);
  return seconds >= 0 ? seconds * 1000 : undefined;
}

export function isExpired(p: Pending, now: number): boolean {
  return now - p.created > MAX_AGE_MS;
}

/** The queue after one attempt at `id` answered `status`: kept and rescheduled, or gone. */
export function settle(
  queue: readonly Pending[],
  id: string,
  attempt: { status: number; retryAfter?: string | null },
  now: number,
  random: number,
): Pending[] {
  return queue.flatMap((p) => {
    if (p.id !== id) return [p];
    if (!isRetryable(attempt.status) || isExpired(p, now)) return [];
    const attempts = p.attempts + 1;
    const wait = Math.max(backoffMs(attempts, random), retryAfterMs(attempt.retryAfter) ?? 0);
    return [{ ...p, attempts, due: now + wait }];
  });
}

/** What to send now: unexpired entries that are due (all of them when forced: page load, back online). */
export function dueNow(queue: readonly Pending[], now: number, force: boolean): Pending[] {
  return queue.filter((p) => !isExpired(p, now) && (force || p.due <= now));
}

/** When the next timer should fire, or undefined when nothing waits. */
export function nextDue(queue: readonly Pending[], now: number): number | undefined {
  const live = queue.filter((p) => !isExpired(p, now));
  return live.length ? Math.min(...live.map((p) => p.due)) : undefined;
}

/** Adds an entry once: a second submit of the same response keeps the first body. */
export function enqueue(queue: readonly Pending[], entry: Pending): Pending[] {
  return queue.some((p) => p.id === entry.id) ? [...queue] : [...queue, entry];
}
