/**
 * A batch of SQS FIFO messages as the worker Lambda receives it, each a unit of work. Failures
 * are reported per message (partial batch response): a failed message comes back after the
 * visibility timeout, and after its last receive it is moved to the dead-letter queue. In a
 * FIFO batch, the messages after a failure are returned unprocessed too, so no message overtakes
 * an earlier one of its territory.
 */
import { log } from '../log.ts';
import { WorkUnit } from './units.ts';
import { runUnit, type WorkContext } from './worker.ts';

export interface SqsRecord {
  messageId: string;
  body: string;
  attributes: { ApproximateReceiveCount: string };
}

export interface BatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export async function runBatch(ctx: WorkContext, records: SqsRecord[], maxReceives: number): Promise<BatchResponse> {
  const failures: BatchResponse['batchItemFailures'] = [];
  for (const record of records) {
    if (failures.length > 0) {
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const number = Number(record.attributes.ApproximateReceiveCount);
    try {
      const unit = WorkUnit.parse(JSON.parse(record.body));
      await runUnit(ctx, unit, { number, final: number >= maxReceives });
    } catch (e) {
      log('error', 'unit of work failed', {
        messageId: record.messageId,
        receive: number,
        error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
