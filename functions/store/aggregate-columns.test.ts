import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { aggregateResponses, mergeAll } from '#analytics/aggregate.ts';
import { versionColumns } from '#analytics/aggregate-columns.ts';
import { packAggregate, unpackAggregate } from '#analytics/aggregate-packed.ts';
import type { DailyAggregate } from '#analytics/aggregate-schema.ts';
import { daysBetween } from '#analytics/calendar.ts';
import { monthCountsOf } from '#analytics/disclosure.ts';
import { SurveyDefinition } from '#analytics/questionnaire.ts';
import { syntheticResponses } from '#analytics/synthetic.ts';
import { demoSurvey } from '../local/demo.ts';
import { aggregateSurveyDays } from '../nightly/job.ts';
import { newResponseId, testApp } from '../testing/harness.ts';
import { type Db, fromItem, queryAll, toItem } from './dynamo.ts';
import { aggregateKey, columnsKey } from './layout.ts';

const definition = SurveyDefinition.parse(demoSurvey);
const definitions = new Map([[1, definition]]);
const version = versionColumns(definitions, [1]) as string[];
const json = (x: unknown) => JSON.stringify(x);

/** A small territory's day: a handful of answers, as the demo's 4 to 12. */
const smallDay = (surveyId: string, day: string, seed: number): DailyAggregate =>
  aggregateResponses(syntheticResponses(definition, { surveyId, day, count: 3 + (seed % 6), seed }), definitions, {
    surveyId,
    day,
  });

/** The `COLS#` items of a survey: each list of columns its days name. */
async function columnLists(db: Db, surveyId: string): Promise<string[]> {
  const items = await queryAll<{ SK: string }>(db, {
    KeyConditionExpression: 'PK = :p AND begins_with(SK, :c)',
    ExpressionAttributeValues: toItem({ ':p': columnsKey(surveyId, '').PK, ':c': 'COLS#' }),
  });
  return items.map((i) => i.SK);
}

async function daySchema(db: Db, surveyId: string, day: string): Promise<number> {
  const out = await db.client.send(
    new GetItemCommand({ TableName: db.table, Key: toItem(aggregateKey(surveyId, day)) }),
  );
  return fromItem<{ schema: number }>(out.Item!).schema;
}

/** The aggregate with a channel and a locale tag its version's list does not name, keys kept sorted. */
function withUnforeseen(agg: DailyAggregate): DailyAggregate {
  const out = structuredClone(agg);
  const cell = out.cells[0]!;
  const sorted = <V>(r: Record<string, V>) =>
    Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
  cell.channels = sorted({ ...cell.channels, sms: 2 }) as typeof cell.channels;
  cell.locales = sorted({ ...cell.locales, 'x-klingon': 1 });
  return out;
}

describe("days naming their survey version's list of columns (schema 5)", () => {
  it("the nightly job writes a survey's days of one version with one list, however different their answers", async () => {
    const t = await testApp({ now: () => new Date('2026-11-20T10:00:00Z') });
    const territory = await t.createTerritory();
    const surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
    const days = ['2026-11-02', '2026-11-03', '2026-11-04'];
    // A single answer a day, each different: each day holds columns of its own.
    const answers = [{ recommend: 9 }, { recommend: 2, img_people: 6 }, { recommend: 5, val_price: 4 }];
    for (const [i, day] of days.entries()) {
      const res = await t.call('POST', `/v1/surveys/${surveyId}/responses`, {
        body: {
          id: newResponseId(),
          audience: 'visitor',
          locale: 'fr',
          answers: answers[i],
          submittedAt: `${day}T18:00:00+01:00`,
        },
      });
      expect(res.status, res.text).toBe(201);
    }
    await aggregateSurveyDays({ stores: t.deps.stores, now: () => new Date('2026-11-20T10:00:00Z') }, surveyId, days);
    expect(await columnLists(t.db, surveyId)).toHaveLength(1);
    for (const day of days) expect(await daySchema(t.db, surveyId, day)).toBe(5);
    const read = await t.deps.stores.aggregates.days(surveyId, days[0] as string, days[2] as string);
    expect(read.map((d) => d.aggregate.responses)).toEqual([1, 1, 1]);
    expect(read[2]?.aggregate.cells[0]?.scales).toEqual({ recommend: [[5, 1]], val_price: [[4, 1]] });
  });

  it('a small survey stores one list for all the days of its version, and reads them back exactly', async () => {
    const { db, deps } = await testApp();
    const store = deps.stores.aggregates;
    const surveyId = 'small-version';
    const days = daysBetween('2026-03-01', '2026-03-31');
    const daily = days.map((day, i) => ({ day, aggregate: smallDay(surveyId, day, i + 1) }));
    // The days do differ in the columns they hold (one list each, before schema 5).
    const own = new Set(daily.map((d) => json(d.aggregate.cells.map((c) => Object.keys(c.scales)))));
    expect(own.size).toBeGreaterThan(10);
    await Promise.all(daily.map((d) => store.putDay(surveyId, d.day, d.aggregate, version)));
    expect(await columnLists(db, surveyId)).toHaveLength(1);
    expect(await daySchema(db, surveyId, '2026-03-05')).toBe(5);
    const read = await store.days(surveyId, '2026-03-01', '2026-03-31');
    expect(json(read)).toBe(json(daily));
    await store.rollUpMonth(surveyId, '2026-03');
    const [month] = await store.months(surveyId, '2026-03-01', '2026-03-31');
    const merged = mergeAll(
      daily.map((d) => d.aggregate),
      surveyId,
    );
    expect(json(unpackAggregate(month!.aggregate))).toBe(json(merged));
    // The month in the columns its cells hold, as before schema 5, and its counts those of its days.
    expect(month!.aggregate.columns).toEqual(packAggregate(merged).columns);
    expect(await store.history(surveyId)).toEqual([monthCountsOf('2026-03', daily)]);
    // Another process, which knows no list: one read of the version's list serves every day.
    vi.resetModules();
    const { AggregateStore } = await import('./aggregates.ts');
    expect(json(await new AggregateStore(db).days(surveyId, '2026-03-01', '2026-03-31'))).toBe(json(daily));
  });

  it('a day holding a channel or locale tag outside its version names a list of its own, and reads back exactly', async () => {
    const { db, deps } = await testApp();
    const store = deps.stores.aggregates;
    const surveyId = 'unforeseen-columns';
    const usual = smallDay(surveyId, '2026-04-01', 7);
    const odd = withUnforeseen(smallDay(surveyId, '2026-04-02', 8));
    await store.putDay(surveyId, '2026-04-01', usual, version);
    await store.putDay(surveyId, '2026-04-02', odd, version);
    expect(await columnLists(db, surveyId)).toHaveLength(2);
    expect(await daySchema(db, surveyId, '2026-04-01')).toBe(5);
    expect(await daySchema(db, surveyId, '2026-04-02')).toBe(4);
    const read = await store.days(surveyId, '2026-04-01', '2026-04-02');
    expect(json(read.map((d) => d.aggregate))).toBe(json([usual, odd]));
    expect(read[1]?.aggregate.cells[0]?.channels).toHaveProperty('sms', 2);
    await store.rollUpMonth(surveyId, '2026-04');
    const [month] = await store.months(surveyId, '2026-04-01', '2026-04-30');
    expect(json(unpackAggregate(month!.aggregate))).toBe(json(mergeAll([usual, odd], surveyId)));
  });

  it('reads a day the previous code wrote with a list of its own (schema 4) beside days naming their version, and rolls them up together', async () => {
    const { db, deps } = await testApp();
    const store = deps.stores.aggregates;
    const surveyId = 'schema4-beside-5';
    const old = smallDay(surveyId, '2026-05-01', 11);
    const fresh = smallDay(surveyId, '2026-05-02', 12);
    // Without its version's columns the store writes a day as it did before schema 5.
    await store.putDay(surveyId, '2026-05-01', old);
    await store.putDay(surveyId, '2026-05-02', fresh, version);
    expect([await daySchema(db, surveyId, '2026-05-01'), await daySchema(db, surveyId, '2026-05-02')]).toEqual([4, 5]);
    vi.resetModules();
    const { AggregateStore } = await import('./aggregates.ts');
    const other = new AggregateStore(db);
    const read = await other.days(surveyId, '2026-05-01', '2026-05-02');
    expect(json(read.map((d) => d.aggregate))).toBe(json([old, fresh]));
    await other.rollUpMonth(surveyId, '2026-05');
    const [month] = await other.months(surveyId, '2026-05-01', '2026-05-31');
    expect(json(unpackAggregate(month!.aggregate))).toBe(json(mergeAll([old, fresh], surveyId)));
  });
});
