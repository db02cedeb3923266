/**
 * `aggregate.rate`'s loop: days of synthetic responses aggregated one after the other, as the
 * nightly job aggregates the days it has read. Only `aggregateResponses` is timed.
 *
 * The responses are what the job holds: the store keeps each one as its JSON (`responseItem`'s
 * `data`) and the job's read parses it back (`readBack`, through `ResponseStore.dayPages`). Objects made by
 * `JSON.parse` are not those the generator builds: one shape per set of answered questions, arrays
 * always packed, short strings such as the day or the channel shared. Timing the generator's
 * objects measured a loop that production never runs.
 *
 * Run by the `aggregate` suite in a process of its own, bundled as the nightly function is and on
 * the Node.js of the Lambda runtime that runs it (bench/runtime-node.ts): `node <bundle> <days>
 * <perDay>` prints `{"dayMs":[…]}`.
 */
import { pathToFileURL } from 'node:url';
import { aggregateResponses } from '#analytics/aggregate.ts';
import type { StoredResponse } from '#analytics/questionnaire.ts';
import { demoDefinition, syntheticResponses } from '#analytics/synthetic.ts';
import { readBack } from '#functions/store/responses.ts';
import { responseItem } from '#functions/store/responses-public.ts';

export function dayOf(start: string, offset: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

const definition = demoDefinition();
export const rateDefinitions = new Map([[1, definition]]);

/** Day `i`'s responses, as the nightly job reads them from the store. */
export function storedDay(i: number, perDay: number): { day: string; responses: StoredResponse[] } {
  const day = dayOf('2026-01-01', i);
  const made = syntheticResponses(definition, { surveyId: 'bench', day, count: perDay, seed: i + 1 });
  return { day, responses: made.map((r) => readBack(responseItem(r, '').data, 'bench', day)) };
}

/**
 * Each day's aggregation time, in order. No forced collection between days: a full collection
 * frees the previous day's answer shapes, V8 then drops the code it optimized for them, and each
 * day would be timed cold (several times slower: a cost of the bench, not of the job).
 */
export function timeDays(days: number, perDay: number): number[] {
  const dayMs: number[] = [];
  for (let i = 0; i < days; i++) {
    const { day, responses } = storedDay(i, perDay);
    const t0 = performance.now();
    aggregateResponses(responses, rateDefinitions, { surveyId: 'bench', day });
    dayMs.push(performance.now() - t0);
  }
  return dayMs;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [days = 100, perDay = 10_000] = process.argv.slice(2).map(Number);
  process.stdout.write(`${JSON.stringify({ dayMs: timeDays(days, perDay) })}\n`);
}
