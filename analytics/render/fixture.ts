/**
 * Test support for the renderers: a report built from synthetic responses (months of history, a
 * baseline, objectives) and its monthly trend points, as the API would give them. Tests only.
 */
import { aggregateResponses, mergeAll } from '../aggregate.ts';
import { daysBetween } from '../calendar.ts';
import { SurveyDefinition } from '../questionnaire.ts';
import { buildReport, type ReportInput } from '../report.ts';
import type { Objective, Report } from '../report-schema.ts';
import { DEMO_SURVEY, syntheticResponses } from '../synthetic.ts';
import { trendPoint, type TrendPoint } from './trends.ts';

/** The synthetic demo survey with the whole image hexagon, so the radar has its six axes. */
export function fixtureDefinition(): SurveyDefinition {
  const image = ['presence', 'prerequisites', 'pulse', 'potential'].map((d) => ({
    id: `img_${d}`,
    type: 'differential' as const,
    scale: { min: 1, max: 7 },
    label: { fr: d, en: d },
    left: { fr: '−', en: '−' },
    right: { fr: '+', en: '+' },
    measures: { index: 'image' as const, dimension: d },
  }));
  return SurveyDefinition.parse({ ...DEMO_SURVEY, questions: [...DEMO_SURVEY.questions, ...image] });
}

function aggregateOf(definition: SurveyDefinition, from: string, to: string, perDay: number) {
  const definitions = new Map([[1, definition]]);
  const days = daysBetween(from, to).map((day, k) =>
    aggregateResponses(
      syntheticResponses(definition, {
        surveyId: 'demo',
        day,
        count: perDay,
        seed: 7 + k + Date.parse(day) / 86_400_000,
      }),
      definitions,
      { surveyId: 'demo', day },
    ),
  );
  return mergeAll(days, 'demo');
}

export const FIXTURE_OBJECTIVES: Objective[] = [
  { index: 'nps', audience: 'visitor', target: 20, by: '2027-12-31' },
  { index: 'satisfaction', target: 70 },
  { index: 'relativeValue', competitor: 'Nîmes', target: 10, by: '2027-06-30' },
  { index: 'image', audience: 'investor', target: 60 },
];

export function fixtureReport(
  o: { definition?: SurveyDefinition; perDay?: number; baseline?: boolean; extra?: Partial<ReportInput> } = {},
): Report {
  const definition = o.definition ?? fixtureDefinition();
  const perDay = o.perDay ?? 12;
  return buildReport({
    surveyId: 'demo',
    from: '2026-10-01',
    to: '2026-10-31',
    generatedAt: '2026-11-01T02:30:00+01:00',
    definition,
    aggregate: aggregateOf(definition, '2026-10-01', '2026-10-31', perDay),
    ...(o.baseline === false
      ? {}
      : {
          baseline: aggregateOf(definition, '2025-10-01', '2025-10-31', Math.max(1, perDay - 4)),
          baselineFrom: '2025-10-01',
          baselineTo: '2025-10-31',
        }),
    objectives: FIXTURE_OBJECTIVES,
    ...o.extra,
  });
}

/** Twelve monthly points ending with October 2026, from month reports of varying size. */
export function fixtureTrends(definition: SurveyDefinition = fixtureDefinition()): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (let m = 0; m < 12; m++) {
    const month = `${m < 2 ? 2025 : 2026}-${String(((m + 10) % 12) + 1).padStart(2, '0')}`;
    const from = `${month}-01`;
    const to = `${month}-28`;
    const report = buildReport({
      surveyId: 'demo',
      from,
      to,
      generatedAt: '2026-11-01T02:30:00+01:00',
      definition,
      aggregate: aggregateOf(definition, from, to, m === 3 ? 1 : 5 + (m % 4)),
    });
    points.push(trendPoint(month, report));
  }
  return points;
}
