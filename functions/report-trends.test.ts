/** The HTML report's monthly trend, on DynamoDB Local: each point is that month's own report, and the survey is read once. */
import { describe, expect, it } from 'vitest';
import { aggregateResponses } from '#analytics/aggregate.ts';
import { daysBetween } from '#analytics/calendar.ts';
import { trendPoint } from '#analytics/render/trends.ts';
import { syntheticResponses } from '#analytics/synthetic.ts';
import { monthlyTrends } from './report-trends.ts';
import { surveyReport } from './reporting.ts';
import { monthsOf } from './store/aggregates.ts';
import { testApp } from './testing/harness.ts';

describe('monthlyTrends', () => {
  it('starts with the first month holding answers, gives each month its own report, and reads the survey once', async () => {
    const t = await testApp({ now: () => new Date('2026-11-23T10:00:00Z') });
    const territory = await t.createTerritory();
    const surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
    const survey = (await t.deps.stores.surveys.get(surveyId))!;
    // Answers from 10 August to 20 November: four months with data, eight before without.
    const days = daysBetween('2026-08-10', '2026-11-20');
    await Promise.all(
      days.map((day, i) =>
        t.deps.stores.aggregates.putDay(
          surveyId,
          day,
          aggregateResponses(
            syntheticResponses(t.demo, { surveyId, day, count: 2 + (i % 3), seed: i + 7 }),
            new Map([[1, t.demo]]),
            { surveyId, day },
          ),
        ),
      ),
    );
    for (const month of monthsOf(days)) await t.deps.stores.aggregates.rollUpMonth(surveyId, month);

    const reads = { version: 0, settings: 0 };
    const surveys = t.deps.stores.surveys;
    const counted = Object.assign(Object.create(surveys) as typeof surveys, {
      version: (...a: Parameters<typeof surveys.version>) => {
        reads.version++;
        return surveys.version(...a);
      },
      settings: (...a: Parameters<typeof surveys.settings>) => {
        reads.settings++;
        return surveys.settings(...a);
      },
    });
    const now = new Date('2026-11-23T10:00:00Z');
    const points = await monthlyTrends(
      { ...t.deps.stores, surveys: counted },
      survey,
      { to: '2026-11-23', timeZone: 'Europe/Paris' },
      now,
    );

    expect(points.map((p) => p.month)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    // November is not over on the 23rd: only its point is marked unfinished.
    expect(points.map((p) => p.unfinished === true)).toEqual([false, false, false, true]);
    expect(reads).toEqual({ version: 1, settings: 1 });
    for (const [month, from, to] of [
      ['2026-08', '2026-08-01', '2026-08-31'],
      ['2026-10', '2026-10-01', '2026-10-31'],
      ['2026-11', '2026-11-01', '2026-11-23'],
    ] as const) {
      const own = trendPoint(month, await surveyReport(t.deps.stores, survey, { from, to }, now), month === '2026-11');
      expect(points.find((p) => p.month === month)).toEqual(own);
    }
  });
});
