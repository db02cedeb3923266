/**
 * Test support for the renderers: a report built from synthetic responses (months of history, a
 * baseline on an older questionnaire version, the two periods before for durable superiority,
 * objectives) and its monthly trend points, as the API would give them. The answers are shaped
 * so the report has something to say: recommendation follows the welcome, the price and the
 * people; the welcome improved this year; Sète is no better than us. Tests only.
 */
import { daysBetween } from '../calendar.ts';
import { type StoredResponse, SurveyDefinition } from '../questionnaire.ts';
import type { ReportInput } from '../report.ts';
import type { Objective, Report } from '../report-schema.ts';
import { DEMO_SURVEY, seededRandom, syntheticResponses } from '../synthetic.ts';
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

/** Version 1, the baseline's, did not ask about food yet: the satisfaction composites differ. */
export function fixtureVersions(current: SurveyDefinition = fixtureDefinition()): Map<number, SurveyDefinition> {
  const v1 = SurveyDefinition.parse({ ...current, questions: current.questions.filter((q) => q.id !== 'sat_food') });
  return new Map([
    [1, v1],
    [2, current],
  ]);
}

/** 0–1 on the answer's own scale, reverse-coded questions turned so that 1 is the good end. */
function scored(definition: SurveyDefinition, id: string, value: unknown): number | undefined {
  const q = definition.questions.find((x) => x.id === id);
  if (!q || !('scale' in q) || typeof value !== 'number') return undefined;
  const x = (value - q.scale.min) / (q.scale.max - q.scale.min);
  return 'reverse' in q && q.reverse ? 1 - x : x;
}

interface Shape {
  /** Half of the welcome answers one point higher: this year's improvement. */
  liftWelcome: boolean;
}

/** Recommendation driven by the welcome, the price and the people; Sète answered at random. */
function shaped(definition: SurveyDefinition, r: StoredResponse, k: number, shape: Shape): StoredResponse {
  const random = seededRandom(k * 7919 + Date.parse(r.day) / 86_400_000);
  const answers = { ...r.answers };
  if (shape.liftWelcome && typeof answers.sat_welcome === 'number' && random() < 0.5)
    answers.sat_welcome = Math.min(5, answers.sat_welcome + 1);
  const drivers = ['sat_welcome', 'val_price', 'img_people']
    .map((id) => scored(definition, id, answers[id]))
    .filter((x): x is number => x !== undefined);
  if (typeof answers.recommend === 'number' && drivers.length) {
    const mean = drivers.reduce((s, x) => s + x, 0) / drivers.length;
    answers.recommend = Math.max(0, Math.min(10, Math.round(10 * (0.6 * mean + 0.5 * random()) + 2.5)));
  }
  if (typeof answers.cmp_sete === 'number') answers.cmp_sete = 1 + Math.floor(random() * 5);
  return { ...r, answers };
}

/** Synthetic responses from `from` to `to`, `perDay` a day (a seeded, repeatable history). */
function responsesOf(
  definitions: Map<number, SurveyDefinition>,
  version: number,
  period: { from: string; to: string },
  perDay: number,
  shape: Shape = { liftWelcome: false },
): StoredResponse[] {
  const definition = definitions.get(version) as SurveyDefinition;
  return daysBetween(period.from, period.to).flatMap((day, k) =>
    syntheticResponses(definition, {
      surveyId: 'demo',
      day,
      count: perDay,
      version,
      seed: 7 + k + Date.parse(day) / 86_400_000,
    }).map((r, i) => shaped(definition, r, k * 1000 + i, shape)),
  );
}

function reportOf(
  definitions: Map<number, SurveyDefinition>,
  responses: StoredResponse[],
  input: Omit<Parameters<typeof reportOfResponses>[2], 'definition' | 'generatedAt'>,
): Report {
  const definition = definitions.get(Math.max(...definitions.keys())) as SurveyDefinition;
  return reportOfResponses(responses, definitions, { ...input, definition, generatedAt: '2026-11-01T02:30:00+01:00' });
}

export const FIXTURE_OBJECTIVES: Objective[] = [
  { index: 'nps', audience: 'visitor', target: 20, by: '2027-12-31' },
  { index: 'satisfaction', target: 70 },
  { index: 'relativeValue', competitor: 'Nîmes', target: 10, by: '2027-06-30' },
  { index: 'image', audience: 'investor', target: 60 },
];

const CURRENT = { from: '2026-10-01', to: '2026-10-31' };
const BASELINE = { from: '2025-10-01', to: '2025-10-31' };
const EARLIER = [
  { from: '2026-08-01', to: '2026-08-31' },
  { from: '2026-09-01', to: '2026-09-30' },
];

export function fixtureReport(
  o: {
    definition?: SurveyDefinition;
    perDay?: number;
    baseline?: boolean;
    extra?: Partial<Pick<ReportInput, 'weighting' | 'objectives'>>;
  } = {},
): Report {
  const definitions = fixtureVersions(o.definition);
  const perDay = o.perDay ?? 12;
  const responses = [
    ...responsesOf(definitions, 2, CURRENT, perDay, { liftWelcome: true }),
    ...EARLIER.flatMap((p) => responsesOf(definitions, 2, p, Math.max(1, perDay - 4), { liftWelcome: true })),
    ...(o.baseline === false ? [] : responsesOf(definitions, 1, BASELINE, Math.max(1, perDay - 4))),
  ];
  return reportOf(definitions, responses, {
    ...CURRENT,
    ...(o.baseline === false ? {} : { baseline: BASELINE }),
    earlier: EARLIER,
    objectives: FIXTURE_OBJECTIVES,
    ...o.extra,
  });
}

/** Twelve monthly points ending with October 2026, from month reports of varying size. */
export function fixtureTrends(definition: SurveyDefinition = fixtureDefinition()): TrendPoint[] {
  const definitions = new Map([[1, definition]]);
  const months = Array.from(
    { length: 12 },
    (_, m) => `${m < 2 ? 2025 : 2026}-${String(((m + 10) % 12) + 1).padStart(2, '0')}`,
  );
  const responses = months.flatMap((month, m) =>
    responsesOf(definitions, 1, { from: `${month}-01`, to: `${month}-28` }, m === 3 ? 1 : 5 + (m % 4)),
  );
  return months.map((month) =>
    trendPoint(month, reportOf(definitions, responses, { from: `${month}-01`, to: `${month}-28` })),
  );
}
