/**
 * The dirty-day marks that keep late responses counted, on a clock the test moves: a mark stays
 * while it is younger than the settling minute, is cleared once its day is recomputed and the
 * mark has settled, and survives a run during which a response arrives for its day, so that the
 * next run counts that response.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AggregateStore } from '../store/aggregates.ts';
import { newResponseId, testApp } from '../testing/harness.ts';
import { nightlyRun } from './job.ts';

let clock = Date.parse('2026-11-23T10:00:00Z');
const now = () => new Date(clock);
/** Well past the minute a mark needs to settle (job.ts `SETTLE_MS`). */
const settle = () => {
  clock += 5 * 60_000;
};
const LATE_DAY = '2026-11-05';

let t: Awaited<ReturnType<typeof testApp>>;
let territory: { id: string; adminKey: string };

beforeAll(async () => {
  t = await testApp({ now });
  territory = await t.createTerritory({ limits: { submissionsPerMinute: 100_000 } });
});

async function respond(surveyId: string, recommend: number, day = LATE_DAY) {
  const res = await t.call('POST', `/v1/surveys/${surveyId}/responses`, {
    body: {
      id: newResponseId(),
      audience: 'visitor',
      locale: 'fr',
      answers: { recommend },
      submittedAt: `${day}T18:00:00+01:00`,
    },
  });
  expect(res.status, res.text).toBe(201);
}

const dirtyDays = async (surveyId: string) => (await t.deps.stores.responses.dirtyDays(surveyId)).map((d) => d.day);
const counted = async (surveyId: string) =>
  (await t.deps.stores.aggregates.days(surveyId, LATE_DAY, LATE_DAY)).reduce((k, d) => k + d.aggregate.responses, 0);
const run = (stores = t.deps.stores) => nightlyRun({ stores, now });

describe('dirty-day marks', () => {
  it('keeps a mark younger than a minute, and clears it after the next run once it has settled', async () => {
    const surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
    await respond(surveyId, 10);
    expect(await dirtyDays(surveyId)).toEqual([LATE_DAY]);

    await run();
    expect(await counted(surveyId)).toBe(1);
    expect(await dirtyDays(surveyId), 'a fresh mark stays: the day index may not show the newest writes yet').toEqual([
      LATE_DAY,
    ]);

    settle();
    await run();
    expect(await dirtyDays(surveyId)).toEqual([]);
    expect(await counted(surveyId)).toBe(1);
  });

  it('counts a late response in its own day at the next run, after its day was cleared', async () => {
    const surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
    await respond(surveyId, 10);
    settle();
    await run();
    expect(await dirtyDays(surveyId)).toEqual([]);

    await respond(surveyId, 2);
    expect(await dirtyDays(surveyId)).toEqual([LATE_DAY]);
    settle();
    await run();
    expect(await counted(surveyId)).toBe(2);
    expect(await dirtyDays(surveyId)).toEqual([]);
  });

  it('keeps the mark when a response arrives while its day is recomputed, and the next run counts it', async () => {
    const surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
    await respond(surveyId, 10);
    settle();
    // The job has read the day and writes its aggregate: a kiosk's late answer arrives just then.
    const real = t.deps.stores.aggregates;
    let arrived = false;
    const aggregates = Object.create(real) as AggregateStore;
    aggregates.putDay = async (survey, day, aggregate) => {
      if (survey === surveyId && day === LATE_DAY && !arrived) {
        arrived = true;
        await respond(surveyId, 2);
      }
      return real.putDay(survey, day, aggregate);
    };
    await run({ ...t.deps.stores, aggregates });
    expect(arrived).toBe(true);
    expect(await counted(surveyId), 'the run read the day before the answer came').toBe(1);
    expect(await dirtyDays(surveyId)).toEqual([LATE_DAY]);

    settle();
    await run();
    expect(await counted(surveyId)).toBe(2);
    expect(await dirtyDays(surveyId)).toEqual([]);
  });
});
