/**
 * Units of work to the SQS FIFO queue the worker Lambda reads: one message group per territory
 * (a territory's units run one after another, never two at once, while territories run side by
 * side), a deduplication id per unit (the same unit sent twice in five minutes is delivered once).
 * Few requests send work, so the SQS client is loaded on the first, from the runtime's SDK
 * (infra/bundling.ts leaves it out of the bundle), as the SES client is: cold starts do not pay for it.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { inPool } from '../pool.ts';
import type { WorkQueue } from './queue.ts';
import { deduplicationId, type WorkUnit } from './units.ts';

/** SQS takes ten messages a call. */
const BATCH = 10;

export function sqsWorkQueue(queueUrl: string): WorkQueue {
  let sqs:
    | Promise<{ client: SQSClient; Send: typeof import('@aws-sdk/client-sqs').SendMessageBatchCommand }>
    | undefined;
  return {
    async enqueue(units) {
      sqs ??= import('@aws-sdk/client-sqs').then(
        ({ SQSClient, SendMessageBatchCommand }) => ({
          client: new SQSClient({ maxAttempts: 3 }),
          Send: SendMessageBatchCommand,
        }),
        (error: unknown) => {
          sqs = undefined; // a failed load is tried again with the next job
          throw error;
        },
      );
      const { client, Send } = await sqs;
      const batches: WorkUnit[][] = [];
      for (let i = 0; i < units.length; i += BATCH) batches.push(units.slice(i, i + BATCH));
      await inPool(batches, 8, async (batch) => {
        const out = await client.send(
          new Send({
            QueueUrl: queueUrl,
            Entries: batch.map((unit, i) => ({
              Id: String(i),
              MessageBody: JSON.stringify(unit),
              MessageGroupId: unit.territory,
              MessageDeduplicationId: deduplicationId(unit),
            })),
          }),
        );
        if (out.Failed?.length)
          throw new Error(`SQS refused ${out.Failed.length} unit(s): ${out.Failed.map((f) => f.Code).join(', ')}`);
      });
    },
  };
}
