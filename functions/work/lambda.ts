/** The worker on Lambda: units of work from the SQS FIFO queue the API, the nightly dispatcher and the worker itself (a dispatch's rest) fill. */
import { createStores } from '../deps.ts';
import { withInvocationLogs } from '../log.ts';
import { createDb } from '../store/dynamo.ts';
import { nightlyRenderers } from '../report-renderers.ts';
import { lambdaPublicFiles, SurveyPublisher } from '../store/public-surveys.ts';
import { createReportFiles } from '../store/reports.ts';
import { remainingOf } from '../nightly/remaining.ts';
import { runBatch, type SqsRecord } from './batch.ts';
import { sqsWorkQueue } from './sqs.ts';

const db = createDb({ table: process.env.ECOUTE_TABLE ?? 'ecoute', timeoutMs: 10_000 });
const stores = createStores(db);
/** The nights mend the surveys' public files beside the widget. */
const surveyFiles = lambdaPublicFiles();
const ctx = {
  stores,
  now: () => new Date(),
  exports: createReportFiles({ bucket: process.env.ECOUTE_EXPORTS_BUCKET ?? 'ecoute-exports' }),
  files: createReportFiles({ bucket: process.env.ECOUTE_REPORTS_BUCKET ?? 'ecoute-reports' }),
  renderers: nightlyRenderers,
  ...(surveyFiles && { publisher: new SurveyPublisher(surveyFiles, stores.surveys) }),
  // The rest of a night's dispatch sends its units here too.
  queue: sqsWorkQueue(process.env.ECOUTE_WORK_QUEUE_URL ?? ''),
};
/** The queue's maxReceiveCount (infra/work.ts): the receive that fails last counts its unit as failed. */
const maxReceives = Number(process.env.ECOUTE_MAX_RECEIVES ?? 3);

export const handler = withInvocationLogs(
  async (event: { Records: SqsRecord[] }, context?: { getRemainingTimeInMillis?: () => number }) =>
    runBatch({ ...ctx, ...remainingOf(context) }, event.Records, maxReceives),
);
