/**
 * Test support for analytics: random responses to two versions of the demo survey (fast-check),
 * and a deliberately plain, independent scoring of raw responses that the aggregate-based
 * indices must agree with. Imported by tests only.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  AUDIENCES,
  type AnswerValue,
  type Answers,
  type Question,
  type StoredResponse,
  SurveyDefinition,
  isScaleQuestion,
  scaleOf,
} from './questionnaire.ts';
import { DEMO_SURVEY } from './synthetic.ts';

/** Version 1 is the demo survey; version 2 moves a scale, flips a reverse code and adds a dimension. */
export function twoVersions(): Map<number, SurveyDefinition> {
  const v1 = SurveyDefinition.parse(DEMO_SURVEY);
  const v2 = SurveyDefinition.parse({
    ...DEMO_SURVEY,
    questions: DEMO_SURVEY.questions.map((q) => {
      if (q.id === 'sat_transport') return { ...q, scale: { min: 0, max: 10 }, reverse: true };
      if (q.id === 'img_people') return { ...q, reverse: false };
      if (q.id === 'val_quality') return { ...q, measures: { index: 'value', dimension: 'emotional' } };
      return q;
    }),
  });
  return new Map([
    [1, v1],
    [2, v2],
  ]);
}

function answerArb(q: Question): fc.Arbitrary<AnswerValue | undefined> {
  if (isScaleQuestion(q)) {
    const { min, max } = scaleOf(q);
    return fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
      { weight: 6, arbitrary: fc.integer({ min, max }) },
    );
  }
  if (q.type === 'choice') {
    const ids = q.options.map((o) => o.id);
    return q.multiple ? fc.subarray(ids) : fc.option(fc.constantFrom(...ids), { nil: undefined });
  }
  return fc.constant(undefined);
}

function answersArb(def: SurveyDefinition): fc.Arbitrary<Answers> {
  return fc.tuple(...def.questions.map(answerArb)).map((values) => {
    const answers: Answers = {};
    def.questions.forEach((q, i) => {
      const v = values[i];
      if (v !== undefined) answers[q.id] = v;
    });
    return answers;
  });
}

export function responseArb(
  definitions: Map<number, SurveyDefinition>,
  surveyId: string,
  day: string,
): fc.Arbitrary<StoredResponse> {
  return fc.constantFrom(...definitions.keys()).chain((version) =>
    fc.record({
      id: fc.uuid(),
      surveyId: fc.constant(surveyId),
      version: fc.constant(version),
      audience: fc.constantFrom(...AUDIENCES),
      locale: fc.constantFrom('fr', 'en'),
      channel: fc.constantFrom('web' as const, 'kiosk' as const),
      submittedAt: fc.constant(`${day}T10:00:00+01:00`),
      day: fc.constant(day),
      answers: answersArb(definitions.get(version) as SurveyDefinition),
    }),
  );
}

/** Per-respondent scores, computed straight from METHODOLOGY.md, one response at a time. */
export interface DirectScores {
  nps: { promoters: number; passives: number; detractors: number };
  composite: Record<string, number[]>;
  dimension: Record<string, number[]>;
  relative: Record<string, { better: number; same: number; worse: number }>;
}

export function directScores(responses: StoredResponse[], definitions: Map<number, SurveyDefinition>): DirectScores {
  const out: DirectScores = {
    nps: { promoters: 0, passives: 0, detractors: 0 },
    composite: {},
    dimension: {},
    relative: {},
  };
  for (const r of responses) {
    const def = definitions.get(r.version) as SurveyDefinition;
    const perDimension: Record<string, Record<string, number[]>> = {};
    for (const q of def.questions) {
      const x = r.answers[q.id];
      if (typeof x !== 'number') continue;
      if (q.type === 'nps') {
        if (x >= 9) out.nps.promoters++;
        else if (x >= 7) out.nps.passives++;
        else out.nps.detractors++;
      } else if (q.type === 'comparison') {
        const c = (out.relative[q.competitor] ??= { better: 0, same: 0, worse: 0 });
        if (x >= 4) c.better++;
        else if (x === 3) c.same++;
        else c.worse++;
      } else if ((q.type === 'rating' || q.type === 'differential') && q.measures?.dimension) {
        const coded = q.reverse ? q.scale.max + q.scale.min - x : x;
        const score = (100 * (coded - q.scale.min)) / (q.scale.max - q.scale.min);
        ((perDimension[q.measures.index] ??= {})[q.measures.dimension] ??= []).push(score);
      }
    }
    for (const [index, dims] of Object.entries(perDimension)) {
      const means = Object.entries(dims).map(([dim, xs]) => {
        const m = xs.reduce((s, v) => s + v, 0) / xs.length;
        (out.dimension[`${index}/${dim}`] ??= []).push(m);
        return m;
      });
      (out.composite[index] ??= []).push(means.reduce((s, v) => s + v, 0) / means.length);
    }
  }
  return out;
}

/** METHODOLOGY.md reference 3: 150 promoters, 100 passives, 50 detractors. */
export const REFERENCE_NPS_INDEX = {
  value: expect.closeTo(33.333, 3),
  ciLow: expect.closeTo(24.607, 3),
  ciHigh: expect.closeTo(41.4, 3),
  n: 300,
  nEff: 300,
  lowSample: false,
  suppressed: false,
};
