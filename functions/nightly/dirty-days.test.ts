/**
 * The dirty-day marks that keep late responses counted, on a clock the test moves. An instance
 * writes a day's mark once per UTC arrival day (not once per response); a mark is cleared only by
 * a run after its arrival day is over, so a late answer that comes after the night processed its
 * day, on an instance that marked that day already, is still counted by the next night.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AggregateStore } from '../store/aggregates.ts';
import { newResponseId, testApp } from '../testing/harness.ts';
import { nightlyRun } from './job.ts';

let clock = Date.parse('2026-11-23T10:00:00Z');
const now = () => new Date(clock);
/** Well past the minute a mark needs to settle (store/responses.ts `MARK_SETTLE_MS`), the same UTC day. */
const settle = () => {
  clock += 5 * 60_000;
};
/** The next night's run: 03:30 in Paris, 02:30 UTC, the day after the clock's. */
const nextNight = () => {
  const d = new Date(clock);
  clock = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1, 2, 30);
};
const LATE_DAY = '2026-11-05';

let t: Awaited<ReturnType<typeof testApp>>;
let territory: { id: string; adminKey: string };
/** Every write to a dirty mark the app makes, counted at the client. */
let markWrites = 0;

beforeAll(async () => {
  t = await testApp({ now });
  territory = await t.createTerritory({ limits: { submissionsPerMinute: 100_000 } });
  t.db.client.middlewareStack.add(
    (next) => async (args) => {
      const sk = (args.input as { Key?: { SK?: { S?: string } } }).Key?.SK?.S ?? '';
      if (sk.startsWith('DIRTY#') && (args.input as { UpdateExpression?: string }).UpdateExpression) markWrites++;
      return next(args);
    },
    { step: 'initialize', name: 'countMarkWrites' },
  );
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
  it('keeps a mark while its arrival day lasts, and clears it at the first run after', async () => {
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
    expect(await dirtyDays(surveyId), 'its arrival day is not over: this instance may still count on it').toEqual([
      LATE_DAY,
    ]);

    nextNight();
    await run();
    expect(await dirtyDays(surveyId)).toEqual([]);
    expect(await counted(surveyId)).toBe(1);
  });

  it("writes a day's mark once per instance and arrival day, and counts an answer that came after the night processed its day", async () => {
    const surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
    nextNight(); // 02:30 UTC: an answer comes before the night's run…
    const before = markWrites;
    await respond(surveyId, 10);
    await respond(surveyId, 9);
    expect(markWrites - before, 'one mark for two answers to the same day').toBe(1);
    settle();
    await run(); // …the night processes the day…
    expect(await counted(surveyId)).toBe(2);

    clock += 8 * 3_600_000; // …and a third answer to the same day comes the same UTC day, on the same instance.
    await respond(surveyId, 2);
    expect(markWrites - before, 'the instance marked that day already: no write').toBe(1);
    expect(await counted(surveyId), 'not yet counted').toBe(2);

    nextNight();
    await run();
    expect(
      await counted(surveyId),
      'the next night counts it: the mark was not cleared while it could stand for it',
    ).toBe(3);
    expect(await dirtyDays(surveyId)).toEqual([]);

    settle(); // A new arrival day: the instance marks the day again.
    await respond(surveyId, 8);
    expect(markWrites - before).toBe(2);
    expect(await dirtyDays(surveyId)).toEqual([LATE_DAY]);
  });

  it('counts a late response in its own day at the next run, after its day was cleared', async () => {
    const surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
    await respond(surveyId, 10);
    nextNight();
    await run();
    expect(await dirtyDays(surveyId)).toEqual([]);

    await respond(surveyId, 2);
    expect(await dirtyDays(surveyId)).toEqual([LATE_DAY]);
    nextNight();
    await run();
    expect(await counted(surveyId)).toBe(2);
    expect(await dirtyDays(surveyId)).toEqual([]);
  });

  it("keeps a day's mark until its month's roll-up is written, so a run that fails in between is redone whole", async () => {
    // A territory of its own, whose night is this survey's alone.
    const town = await t.createTerritory({ limits: { submissionsPerMinute: 100_000 } });
    const surveyId = await t.createLiveSurvey(town.id, town.adminKey);
    const runTown = (stores = t.deps.stores) => nightlyRun({ stores, now }, (x) => x.id === town.id);
    await respond(surveyId, 10);
    nextNight();
    const inMonth = async () =>
      (await t.deps.stores.aggregates.months(surveyId, LATE_DAY, LATE_DAY)).reduce(
        (k, m) => k + m.aggregate.responses,
        0,
      );
    // The day's aggregate is written, then its month's roll-up fails (throttled, out of time…).
    const real = t.deps.stores.aggregates;
    const aggregates = Object.create(real) as AggregateStore;
    aggregates.rollUpMonth = async () => {
      throw new Error('throttled');
    };
    await expect(runTown({ ...t.deps.stores, aggregates })).rejects.toThrow();
    expect(await counted(surveyId), 'the day is counted').toBe(1);
    expect(await inMonth(), 'but not yet in its month, which reports read').toBe(0);
    expect(await dirtyDays(surveyId), 'so the day stays marked: reports say it is pending').toEqual([LATE_DAY]);

    await runTown(); // The retry finds the mark and writes the roll-up.
    expect(await inMonth()).toBe(1);
    expect(await dirtyDays(surveyId)).toEqual([]);
  });

  it('keeps the mark when a response arrives while its day is recomputed, and the next run counts it', async () => {
    const surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
    await respond(surveyId, 10);
    nextNight();
    // The job has read the day and writes its aggregate: a kiosk's late answer arrives just then.
    const real = t.deps.stores.aggregates;
    let arrived = false;
    const aggregates = Object.create(real) as AggregateStore;
    aggregates.putDay = async (survey, day, aggregate, version) => {
      if (survey === surveyId && day === LATE_DAY && !arrived) {
        arrived = true;
        await respond(surveyId, 2);
      }
      return real.putDay(survey, day, aggregate, version);
    };
    await run({ ...t.deps.stores, aggregates });
    expect(arrived).toBe(true);
    expect(await counted(surveyId), 'the run read the day before the answer came').toBe(1);
    expect(await dirtyDays(surveyId)).toEqual([LATE_DAY]);

    nextNight();
    await run();
    expect(await counted(surveyId)).toBe(2);
    expect(await dirtyDays(surveyId)).toEqual([]);
  });
});
