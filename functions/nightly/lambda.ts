/** The nightly job on Lambda, invoked by EventBridge Scheduler; a failed run throws (alarm, DLQ). */
import { createStores } from '../deps.ts';
import { withInvocationLogs } from '../log.ts';
import { nightlyRenderers } from '../report-renderers.ts';
import { createDb } from '../store/dynamo.ts';
import { createReportFiles } from '../store/reports.ts';
import { nightlyRun } from './job.ts';

const db = createDb({ table: process.env.ECOUTE_TABLE ?? 'ecoute', timeoutMs: 10_000 });
const files = createReportFiles({ bucket: process.env.ECOUTE_REPORTS_BUCKET ?? 'ecoute-reports' });

/** Scheduler's event carries nothing the run needs. */
export const handler = withInvocationLogs(async (_event: unknown) =>
  nightlyRun({ stores: createStores(db), files, now: () => new Date(), renderers: nightlyRenderers }),
);
