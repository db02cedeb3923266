/**
 * Test support for the renderers: a report built from synthetic responses (months of history, a
 * baseline, objectives) and its monthly trend points, as the API would give them. Tests only.
 */
import { daysBetween } from '../calendar.ts';
import { type StoredResponse, SurveyDefinition } from '../questionnaire.ts';
import type { ReportInput } from '../report.ts';
import type { Objective, Report } from '../report-schema.ts';
import { DEMO_SURVEY, syntheticResponses } from '../synthetic.ts';
import { reportOfResponses } from '../testing.ts';
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

/** Synthetic responses from `from` to `to`, `perDay` a day (a seeded, repeatable history). */
function responsesOf(definition: SurveyDefinition, from: string, to: string, perDay: number): StoredResponse[] {
  return daysBetween(from, to).flatMap((day, k) =>
    syntheticResponses(definition, {
      surveyId: 'demo',
      day,
      count: perDay,
      seed: 7 + k + Date.parse(day) / 86_400_000,
    }),
  );
}

function reportOf(
  definition: SurveyDefinition,
  responses: StoredResponse[],
  input: Omit<Parameters<typeof reportOfResponses>[2], 'definition' | 'generatedAt'>,
): Report {
  return reportOfResponses(responses, new Map([[1, definition]]), {
    ...input,
    definition,
    generatedAt: '2026-11-01T02:30:00+01:00',
  });
}

export const FIXTURE_OBJECTIVES: Objective[] = [
  { index: 'nps', audience: 'visitor', target: 20, by: '2027-12-31' },
  { index: 'satisfaction', target: 70 },
  { index: 'relativeValue', competitor: 'Nîmes', target: 10, by: '2027-06-30' },
  { index: 'image', audience: 'investor', target: 60 },
];

export function fixtureReport(
  o: {
    definition?: SurveyDefinition;
    perDay?: number;
    baseline?: boolean;
    extra?: Partial<Pick<ReportInput, 'weighting' | 'objectives'>>;
  } = {},
): Report {
  const definition = o.definition ?? fixtureDefinition();
  const perDay = o.perDay ?? 12;
  const responses = [
    ...responsesOf(definition, '2026-10-01', '2026-10-31', perDay),
    ...(o.baseline === false ? [] : responsesOf(definition, '2025-10-01', '2025-10-31', Math.max(1, perDay - 4))),
  ];
  return reportOf(definition, responses, {
    from: '2026-10-01',
    to: '2026-10-31',
    ...(o.baseline === false ? {} : { baseline: { from: '2025-10-01', to: '2025-10-31' } }),
    objectives: FIXTURE_OBJECTIVES,
    ...o.extra,
  });
}

/** Twelve monthly points ending with October 2026, from month reports of varying size. */
export function fixtureTrends(definition: SurveyDefinition = fixtureDefinition()): TrendPoint[] {
  const months = Array.from(
    { length: 12 },
    (_, m) => `${m < 2 ? 2025 : 2026}-${String(((m + 10) % 12) + 1).padStart(2, '0')}`,
  );
  const responses = months.flatMap((month, m) =>
    responsesOf(definition, `${month}-01`, `${month}-28`, m === 3 ? 1 : 5 + (m % 4)),
  );
  return months.map((month) =>
    trendPoint(month, reportOf(definition, responses, { from: `${month}-01`, to: `${month}-28` })),
  );
}
