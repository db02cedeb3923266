/** The nightly job in a process of its own, on a given table, for the test that SIGKILLs it halfway. */
import { createStores } from '../deps.ts';
import { nightlyRun } from '../nightly/job.ts';
import { createDb } from '../store/dynamo.ts';

const db = createDb({
  table: process.env.ECOUTE_TABLE ?? '',
  endpoint: process.env.ECOUTE_DYNAMO_ENDPOINT,
  timeoutMs: 10_000,
});
await nightlyRun({ stores: createStores(db), now: () => new Date() });
