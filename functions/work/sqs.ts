/**
 * Units of work to the SQS FIFO queue the worker Lambda reads: one message group per territory
 * (a territory's units run one after another, never two at once, while territories run side by
 * side), a deduplication id per unit (the same unit sent twice in five minutes is delivered once).
 */
import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { inPool } from '../pool.ts';
import type { WorkQueue } from './queue.ts';
import { deduplicationId, type WorkUnit } from './units.ts';

/** SQS takes ten messages a call. */
const BATCH = 10;

export function sqsWorkQueue(queueUrl: string, client = new SQSClient({ maxAttempts: 3 })): WorkQueue {
  return {
    async enqueue(units) {
      const batches: WorkUnit[][] = [];
      for (let i = 0; i < units.length; i += BATCH) batches.push(units.slice(i, i + BATCH));
      await inPool(batches, 8, async (batch) => {
        const out = await client.send(
          new SendMessageBatchCommand({
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
