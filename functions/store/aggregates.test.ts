import { describe, expect, it } from 'vitest';
import { aggregateResponses, mergeAll } from '#analytics/aggregate.ts';
import { daysBetween } from '#analytics/calendar.ts';
import { SurveyDefinition } from '#analytics/questionnaire.ts';
import { syntheticResponses } from '#analytics/synthetic.ts';
import { demoSurvey } from '../local/demo.ts';
import { testApp } from '../testing/harness.ts';
import { monthsOf } from './aggregates.ts';

describe('AggregateStore.period', () => {
  it('equals the merge of every day, whatever mix of month roll-ups and edge days it reads', async () => {
    const { deps } = await testApp();
    const store = deps.stores.aggregates;
    const definition = SurveyDefinition.parse(demoSurvey);
    const surveyId = 'period-check';
    const days = daysBetween('2026-01-27', '2026-04-03');
    const daily = new Map(
      days.map((day, i) => [
        day,
        aggregateResponses(
          syntheticResponses(definition, { surveyId, day, count: 3, seed: i + 1 }),
          new Map([[1, definition]]),
          { surveyId, day },
        ),
      ]),
    );
    await Promise.all([...daily].map(([day, agg]) => store.putDay(surveyId, day, agg)));
    for (const month of monthsOf(days)) await store.rollUpMonth(surveyId, month);

    for (const [from, to] of [
      ['2026-01-27', '2026-04-03'],
      ['2026-02-01', '2026-03-31'],
      ['2026-02-10', '2026-02-20'],
      ['2026-01-30', '2026-03-01'],
      ['2026-03-01', '2026-03-31'],
    ] as const) {
      const expected = mergeAll(
        daysBetween(from, to).map((d) => daily.get(d)!),
        surveyId,
      );
      expect(await store.period(surveyId, from, to)).toEqual(expected);
    }
  });
});
