/** The nightly job on Lambda, invoked by EventBridge Scheduler; a failed run throws (alarm, DLQ). */
import { createStores } from '../deps.ts';
import { withLogContext } from '../log.ts';
import { nightlyRenderers } from '../report-renderers.ts';
import { createDb } from '../store/dynamo.ts';
import { createReportFiles } from '../store/reports.ts';
import { nightlyRun } from './job.ts';

const db = createDb({ table: process.env.ECOUTE_TABLE ?? 'ecoute', timeoutMs: 10_000 });
const files = createReportFiles({ bucket: process.env.ECOUTE_REPORTS_BUCKET ?? 'ecoute-reports' });

let coldStart = true;

/** Scheduler's event carries nothing the run needs; Lambda's request id goes on every line it logs. */
export async function handler(_event?: unknown, context?: { awsRequestId?: string }): Promise<{ days: number; responses: number }> {
  const fields = { lambdaRequestId: context?.awsRequestId, coldStart };
  coldStart = false;
  return withLogContext(fields, () => nightlyRun({ stores: createStores(db), files, now: () => new Date(), renderers: nightlyRenderers }));
}
