/**
 * The nightly job in a process of its own, on a given table, for the test that SIGKILLs it
 * halfway. With `ECOUTE_PAUSE_AFTER=n` it writes n days, says `paused` on stdout and writes no
 * more, so the kill always lands in the middle of the run, however fast or slow the machine.
 */
import { createStores } from '../deps.ts';
import { nightlyRun } from '../nightly/job.ts';
import type { AggregateStore } from '../store/aggregates.ts';
import { createDb } from '../store/dynamo.ts';

const db = createDb({
  table: process.env.ECOUTE_TABLE ?? '',
  endpoint: process.env.ECOUTE_DYNAMO_ENDPOINT,
  timeoutMs: 10_000,
});
const stores = createStores(db);
const pauseAfter = Number(process.env.ECOUTE_PAUSE_AFTER ?? Number.POSITIVE_INFINITY);
let started = 0;
let written = 0;
const aggregates = Object.create(stores.aggregates) as AggregateStore;
aggregates.putDay = async (...args) => {
  if (started++ >= pauseAfter) {
    setInterval(() => undefined, 60_000); // stay alive, halfway, until killed
    return new Promise<never>(() => undefined);
  }
  await stores.aggregates.putDay(...args);
  if (++written === pauseAfter) process.stdout.write('paused\n');
};
await nightlyRun({ stores: { ...stores, aggregates }, now: () => new Date() });
