import { gzipSync } from 'node:zlib';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { aggregateResponses, mergeAll } from '#analytics/aggregate.ts';
import { type PackedAggregate, unpackAggregate } from '#analytics/aggregate-packed.ts';
import type { DailyAggregate } from '#analytics/aggregate-schema.ts';
import { daysBetween } from '#analytics/calendar.ts';
import { monthCountsOf } from '#analytics/disclosure.ts';
import { SurveyDefinition } from '#analytics/questionnaire.ts';
import { syntheticResponses } from '#analytics/synthetic.ts';
import { demoSurvey } from '../local/demo.ts';
import { testApp } from '../testing/harness.ts';
import { packAggregate } from '#analytics/aggregate-packed.ts';
import { encodePacked } from './aggregate-bytes.ts';
import { type Db, fromItem, toItem } from './dynamo.ts';
import { aggregateKey, columnsKey } from './layout.ts';
import { monthsOf, splitAggregate } from './aggregates.ts';

/** A month as read back, keyed: what a report's sums unpack to. */
const keyed = (m: { aggregate: PackedAggregate } | undefined) => m && unpackAggregate(m.aggregate);

const definition = SurveyDefinition.parse(demoSurvey);
const definitions = new Map([[1, definition]]);

/** A day written as an older version of the store wrote it (`gz` in that schema's encoding). */
async function putOlderDay(db: Db, surveyId: string, day: string, gz: Uint8Array, schema: number): Promise<void> {
  await db.client.send(
    new PutItemCommand({ TableName: db.table, Item: toItem({ ...aggregateKey(surveyId, day), gz, schema }) }),
  );
}

/** Two days of 40 synthetic answers each. */
const twoDays = (surveyId: string, days: [string, string], seed: number) =>
  days.map((day, i) =>
    aggregateResponses(syntheticResponses(definition, { surveyId, day, count: 40, seed: seed + i }), definitions, {
      surveyId,
      day,
    }),
  ) as [DailyAggregate, DailyAggregate];

describe('AggregateStore', () => {
  it("rolls each month up into the merge of its days, with the month's counts beside it", async () => {
    const { deps } = await testApp();
    const store = deps.stores.aggregates;
    const surveyId = 'rollup-check';
    const days = daysBetween('2026-01-27', '2026-04-03');
    const daily = new Map(
      days.map((day, i) => [
        day,
        aggregateResponses(syntheticResponses(definition, { surveyId, day, count: 3, seed: i + 1 }), definitions, {
          surveyId,
          day,
        }),
      ]),
    );
    await Promise.all([...daily].map(([day, agg]) => store.putDay(surveyId, day, agg)));
    for (const month of monthsOf(days)) await store.rollUpMonth(surveyId, month);
    const months = await store.months(surveyId, '2026-02-10', '2026-03-05');
    expect(months.map((m) => m.month)).toEqual(['2026-02', '2026-03']);
    const february = daysBetween('2026-02-01', '2026-02-28').map((d) => daily.get(d)!);
    expect(keyed(months[0])).toEqual(mergeAll(february, surveyId));
    const history = await store.history(surveyId);
    expect(history.map((h) => h.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    // Three responses a day, counted day by day for the report's n.
    expect(
      Object.values(history[1]?.days ?? {}).reduce((s, d) => s + Object.values(d).reduce((a, b) => a + (b ?? 0), 0), 0),
    ).toBe(84);
  });

  it('stores a day of 50 000 answers of the demo survey as one small item', async () => {
    const { deps } = await testApp();
    const surveyId = 'busy-day';
    const day = '2026-07-14';
    const aggregate = aggregateResponses(
      syntheticResponses(definition, { surveyId, day, count: 50_000, seed: 14 }),
      definitions,
      {
        surveyId,
        day,
      },
    );
    expect(splitAggregate(aggregate)).toHaveLength(1);
    expect(splitAggregate(aggregate)[0]!.byteLength).toBeLessThan(20 * 1024);
    await deps.stores.aggregates.putDay(surveyId, day, aggregate);
    expect((await deps.stores.aggregates.days(surveyId, day, day))[0]?.aggregate).toEqual(aggregate);
  });

  it('splits an aggregate past the item limit into parts by cells, and reads them back whole', async () => {
    const { db, deps } = await testApp();
    const { AggregateStore } = await import('./aggregates.ts');
    const tiny = new AggregateStore(db, 2500); // a limit a few cells pass, as a huge questionnaire would
    const surveyId = 'split-check';
    const day = '2026-07-15';
    const aggregate = aggregateResponses(
      syntheticResponses(definition, { surveyId, day, count: 300, seed: 15 }),
      definitions,
      {
        surveyId,
        day,
      },
    );
    expect(splitAggregate(aggregate, 2500).length).toBeGreaterThan(2);
    await tiny.putDay(surveyId, day, aggregate);
    expect((await tiny.days(surveyId, day, day))[0]?.aggregate).toEqual(aggregate);
    // The month's roll-up is split the same way, and read back whole.
    await tiny.rollUpMonth(surveyId, '2026-07');
    const [month] = await tiny.months(surveyId, day, day);
    expect(JSON.stringify(keyed(month))).toBe(JSON.stringify(mergeAll([aggregate], surveyId)));
    // Rewritten smaller, the extra parts go.
    const small = aggregateResponses(
      syntheticResponses(definition, { surveyId, day, count: 2, seed: 16 }),
      definitions,
      { surveyId, day },
    );
    await tiny.putDay(surveyId, day, small);
    expect((await tiny.days(surveyId, day, day))[0]?.aggregate).toEqual(small);
    expect(deps.stores.aggregates).toBeDefined();
  });

  it('reads days stored in the keyed encoding (schema 2) beside columnar ones, and rolls them up together', async () => {
    const { db, deps } = await testApp();
    const store = deps.stores.aggregates;
    const surveyId = 'schema2-check';
    const [old, fresh] = twoDays(surveyId, ['2026-05-01', '2026-05-02'], 60);
    // Written as the store wrote schema 2 before the columnar encoding.
    await putOlderDay(db, surveyId, '2026-05-01', gzipSync(JSON.stringify(old)), 2);
    await store.putDay(surveyId, '2026-05-02', fresh);
    const read = await store.days(surveyId, '2026-05-01', '2026-05-02');
    expect(JSON.stringify(read.map((d) => d.aggregate))).toBe(JSON.stringify([old, fresh]));
    await store.rollUpMonth(surveyId, '2026-05');
    const [month] = await store.months(surveyId, '2026-05-01', '2026-05-31');
    expect(JSON.stringify(keyed(month))).toBe(JSON.stringify(mergeAll([old, fresh], surveyId)));
    expect(await store.history(surveyId)).toEqual([
      monthCountsOf('2026-05', [
        { day: '2026-05-01', aggregate: old },
        { day: '2026-05-02', aggregate: fresh },
      ]),
    ]);
    expect(await store.legacyDays(surveyId)).toEqual([]);
  });

  it('reads days stored with their columns inside (schema 3) beside days naming them (schema 4), and rolls them up together', async () => {
    const { db, deps } = await testApp();
    const store = deps.stores.aggregates;
    const surveyId = 'schema3-check';
    const [old, fresh] = twoDays(surveyId, ['2026-08-01', '2026-08-02'], 80);
    // Written as the store wrote days before schema 4: gzipped, the columns line inside.
    await putOlderDay(db, surveyId, '2026-08-01', encodePacked(packAggregate(old)), 3);
    await store.putDay(surveyId, '2026-08-02', fresh);
    const item = await db.client.send(
      new GetItemCommand({ TableName: db.table, Key: toItem(aggregateKey(surveyId, '2026-08-02')) }),
    );
    const written = fromItem<{ schema: number; bytes: Uint8Array }>(item.Item!);
    expect(written.schema).toBe(4);
    const id = Buffer.from(written.bytes.subarray(0, 22)).toString('latin1');
    const columns = await db.client.send(
      new GetItemCommand({ TableName: db.table, Key: toItem(columnsKey(surveyId, id)) }),
    );
    expect(columns.Item).toBeDefined();
    const read = await store.days(surveyId, '2026-08-01', '2026-08-02');
    expect(JSON.stringify(read.map((d) => d.aggregate))).toBe(JSON.stringify([old, fresh]));
    await store.rollUpMonth(surveyId, '2026-08');
    const [month] = await store.months(surveyId, '2026-08-01', '2026-08-31');
    expect(JSON.stringify(keyed(month))).toBe(JSON.stringify(mergeAll([old, fresh], surveyId)));
    expect(await store.legacyDays(surveyId)).toEqual([]);
  });

  it("reads a day in a process that never wrote it: the day's columns come from the table", async () => {
    const { db, deps } = await testApp();
    const surveyId = 'columns-check';
    const day = '2026-08-03';
    const aggregate = aggregateResponses(
      syntheticResponses(definition, { surveyId, day, count: 30, seed: 83 }),
      definitions,
      { surveyId, day },
    );
    await deps.stores.aggregates.putDay(surveyId, day, aggregate);
    // A fresh copy of the store's modules knows no columns, as another Lambda would not.
    vi.resetModules();
    const { AggregateStore } = await import('./aggregates.ts');
    const [read] = await new AggregateStore(db).days(surveyId, day, day);
    expect(JSON.stringify(read?.aggregate)).toBe(JSON.stringify(aggregate));
  });

  it('reads a month roll-up stored as keyed JSON (schema 2) before months were columnar', async () => {
    const { db, deps } = await testApp();
    const store = deps.stores.aggregates;
    const surveyId = 'month-schema2-check';
    const days = ['2026-06-01', '2026-06-02'].map((day, i) => ({
      day,
      aggregate: aggregateResponses(
        syntheticResponses(definition, { surveyId, day, count: 40, seed: 70 + i }),
        definitions,
        { surveyId, day },
      ),
    }));
    const merged = mergeAll(
      days.map((d) => d.aggregate),
      surveyId,
    );
    const counts = monthCountsOf('2026-06', days);
    // Written as the store wrote months before: gzipped keyed JSON, the counts beside it.
    await db.client.send(
      new PutItemCommand({
        TableName: db.table,
        Item: toItem({
          ...aggregateKey(surveyId, 'M2026-06'),
          gz: gzipSync(JSON.stringify(merged)),
          counts: gzipSync(JSON.stringify(counts)),
          schema: 2,
          responses: merged.responses,
        }),
      }),
    );
    const [month] = await store.months(surveyId, '2026-06-01', '2026-06-30');
    expect(JSON.stringify(keyed(month))).toBe(JSON.stringify(merged));
    expect(await store.history(surveyId)).toEqual([counts]);
    // Rolled up again from its days, it reads back the same.
    await Promise.all(days.map((d) => store.putDay(surveyId, d.day, d.aggregate)));
    await store.rollUpMonth(surveyId, '2026-06');
    const [again] = await store.months(surveyId, '2026-06-01', '2026-06-30');
    expect(JSON.stringify(keyed(again))).toBe(JSON.stringify(merged));
  });

  it('reads a day stored in the first encoding, and names it for the nightly job to rebuild', async () => {
    const { db, deps } = await testApp();
    const surveyId = 'legacy-check';
    const legacy = {
      schema: 1,
      surveyId,
      from: '2025-06-01',
      to: '2025-06-01',
      versions: [1],
      responses: 2,
      cells: [
        {
          key: { audience: 'visitor', locale: 'fr', channel: 'web', cells: {} },
          responses: 2,
          scales: { recommend: [[9, 2]] },
          choices: {},
          topTwoBox: {},
          nps: { positive: 2, neutral: 0, negative: 0 },
          composites: {
            satisfaction: {
              score: {
                n: 2,
                sum: 150,
                sumSq: 11250,
                histogram: [
                  [50, 1],
                  [100, 1],
                ],
              },
              dimensions: {},
            },
          },
          relativeValue: {},
        },
      ],
    };
    await db.client.send(
      new PutItemCommand({
        TableName: db.table,
        Item: toItem({ ...aggregateKey(surveyId, '2025-06-01'), gz: gzipSync(JSON.stringify(legacy)) }),
      }),
    );
    const [read] = await deps.stores.aggregates.days(surveyId, '2025-06-01', '2025-06-01');
    expect(read?.aggregate.schema).toBe(2);
    expect(read?.aggregate.cells[0]?.composites.satisfaction?.score).toMatchObject({ n: 2 });
    expect(read?.aggregate.cells[0]?.nps).toEqual({ positive: 2, neutral: 0, negative: 0 });
    expect(await deps.stores.aggregates.legacyDays(surveyId)).toEqual(['2025-06-01']);
  });
});
