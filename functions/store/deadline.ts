/**
 * A request's time budget for the database. The API function has 10 s; each DynamoDB call may
 * take three attempts of up to 2 s, and a request makes about six in a row, so without a budget
 * a slow database runs a request into the function's timeout and API Gateway answers a bare
 * 503 outside our error shape. Every call made while a request runs stops at the request's
 * deadline instead (dynamo.ts), and the app answers 503 in its shape while there is time.
 * Outside a request (the nightly job, the worker) there is no deadline.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The budget a request gets when none is configured: 2 s short of the API function's 10 s. */
export const DEFAULT_REQUEST_BUDGET_MS = 8000;

/** A request's deadline (`performance.now()` time), and the signal that fires then, made on its first database call. */
interface Deadline {
  at: number;
  signal?: AbortSignal;
}
const deadline = new AsyncLocalStorage<Deadline>();

/** Runs `work` with a deadline `budgetMs` from now, which every database call it makes respects. */
export const withDeadline = <T>(budgetMs: number, work: () => T): T =>
  deadline.run({ at: performance.now() + budgetMs }, work);

/**
 * Runs `work` outside any request, whoever starts it: the local work queue's units, which a
 * request enqueues and which must not inherit its deadline (on AWS they run in the worker).
 */
export const outsideRequest = <T>(work: () => T): T => deadline.exit(work);

/** Milliseconds left before the current request's deadline (≤ 0 once passed); undefined outside a request. */
export function remainingMs(): number | undefined {
  const current = deadline.getStore();
  return current === undefined ? undefined : current.at - performance.now();
}

/**
 * The signal that aborts at the current request's deadline; undefined outside a request. One per
 * request, shared by all its calls and their attempts (they all stop at the same instant): a
 * signal with its timer for each call cost more than the call's own marshalling.
 */
export function deadlineSignal(): AbortSignal | undefined {
  const current = deadline.getStore();
  if (current === undefined) return undefined;
  current.signal ??= AbortSignal.timeout(Math.max(1, Math.ceil(current.at - performance.now())));
  return current.signal;
}

/**
 * A database call cut short, or not begun, because its request ran out of time. The SDK does
 * not retry it (it is neither a timeout nor a network error), and the app answers 503.
 */
export class OutOfTimeError extends Error {
  override readonly name = 'RequestOutOfTime';
  constructor(options?: ErrorOptions) {
    super('the request ran out of time for the database', options);
  }
}
