/**
 * The nightly dispatcher on Lambda, invoked by EventBridge Scheduler: one unit of work per
 * territory to the work queue, which the worker Lambda runs (functions/work/lambda.ts), page by
 * page; short of time, it hands the rest on to the worker through the same queue (dispatch.ts).
 * A failed dispatch throws (alarm, retried by Lambda, then the dead-letter queue).
 */
import { createStores } from '../deps.ts';
import { withInvocationLogs } from '../log.ts';
import { createDb } from '../store/dynamo.ts';
import { sqsWorkQueue } from '../work/sqs.ts';
import { dispatchNight } from './dispatch.ts';
import { remainingOf } from './remaining.ts';

const db = createDb({ table: process.env.ECOUTE_TABLE ?? 'ecoute', timeoutMs: 10_000 });
const queue = sqsWorkQueue(process.env.ECOUTE_WORK_QUEUE_URL ?? '');

/** Scheduler's event carries nothing the dispatch needs. */
export const handler = withInvocationLogs(
  async (_event: unknown, context?: { getRemainingTimeInMillis?: () => number }) =>
    dispatchNight({ stores: createStores(db), now: () => new Date(), queue, ...remainingOf(context) }),
);
