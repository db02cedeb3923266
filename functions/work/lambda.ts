/** The worker on Lambda: units of work from the SQS FIFO queue the API and the nightly dispatcher fill. */
import { createStores } from '../deps.ts';
import { withInvocationLogs } from '../log.ts';
import { createDb } from '../store/dynamo.ts';
import { nightlyRenderers } from '../report-renderers.ts';
import { lambdaPublicFiles, SurveyPublisher } from '../store/public-surveys.ts';
import { createReportFiles } from '../store/reports.ts';
import { runBatch, type SqsRecord } from './batch.ts';

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
};
/** The queue's maxReceiveCount (infra/work.ts): the receive that fails last counts its unit as failed. */
const maxReceives = Number(process.env.ECOUTE_MAX_RECEIVES ?? 3);

export const handler = withInvocationLogs(async (event: { Records: SqsRecord[] }) =>
  runBatch(ctx, event.Records, maxReceives),
);
