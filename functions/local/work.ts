/**
 * Work outside requests on the local stack: the in-process queue in place of SQS and the worker
 * Lambda (nights, back-fills, exports), exports written to s3rver and handed out by links
 * presigned for it. `npm start` and
 * the tests build it the same way.
 */
import type { Stores, Work } from '../deps.ts';
import { fileLinks } from '../store/presign.ts';
import { createReportFiles, ensureBucket, S3RVER_CREDENTIALS, type ReportFiles } from '../store/reports.ts';
import type { AggregationContext } from '../nightly/job.ts';
import { LocalWorkQueue } from '../work/queue.ts';
import { runUnit } from '../work/worker.ts';

export async function startLocalWork(o: {
  stores: Stores;
  now: () => Date;
  s3Endpoint: string;
  bucket: string;
  /** Wait before a failed unit is tried again (SQS's visibility timeout, shortened). */
  retryDelayMs?: number;
  /** Where a territory's night writes its report files, in which formats, and who mends the surveys' public files. */
  reports?: Pick<AggregationContext, 'files' | 'renderers' | 'publisher'>;
}): Promise<Work & { queue: LocalWorkQueue; exports: ReportFiles }> {
  const exports = createReportFiles({ bucket: o.bucket, endpoint: o.s3Endpoint });
  await ensureBucket(exports);
  const queue = new LocalWorkQueue({ concurrency: 2, maxAttempts: 3, retryDelayMs: o.retryDelayMs ?? 5000 });
  queue.serve((unit, attempt) =>
    runUnit({ ...o.reports, stores: o.stores, now: o.now, exports, queue }, unit, attempt),
  );
  const links = fileLinks({
    bucket: o.bucket,
    region: 'eu-west-3',
    endpoint: o.s3Endpoint,
    credentials: S3RVER_CREDENTIALS,
  });
  return { queue, exports, links };
}
