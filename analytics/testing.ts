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
import { aggregateResponses, mergeAll } from './aggregate.ts';
import type { AggregateCell, DailyAggregate } from './aggregate-schema.ts';
import { cellLocale } from './cells.ts';
import {
  COMPOSITE_INDICES,
  npsCategory,
  relativeValueCategory,
  scalePoint,
  scoreRespondent,
  scoringPlan,
} from './scoring.ts';
import { buildReport, type ReportInput } from './report.ts';
import { monthsBetween, rollUpMonths } from './rollup.ts';
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
      // Counted in the composite only with half of the dimensions the respondent was asked.
      const asked = new Set(
        def.questions.flatMap((q) =>
          (q.type === 'rating' || q.type === 'differential') &&
          q.measures?.index === index &&
          q.measures.dimension &&
          (!q.audiences || q.audiences.includes(r.audience))
            ? [q.measures.dimension]
            : [],
        ),
      );
      if (2 * means.length >= asked.size)
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

/** The report of raw responses as the product computes it: day aggregates, month roll-ups and counts, then the report. */
export function reportOfResponses(
  responses: readonly StoredResponse[],
  definitions: ReadonlyMap<number, SurveyDefinition>,
  input: Omit<ReportInput, 'months' | 'history' | 'baseline' | 'earlier' | 'surveyId'> & {
    surveyId?: string;
    baseline?: { from: string; to: string };
    earlier?: { from: string; to: string }[];
  },
) {
  const surveyId = input.surveyId ?? 'demo';
  const byDay = new Map<string, StoredResponse[]>();
  for (const r of responses) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r]);
  const days = [...byDay].map(([day, rs]) => ({
    day,
    aggregate: aggregateResponses(rs, definitions, { surveyId, day }),
  }));
  const rolled = rollUpMonths(surveyId, days);
  const months = (p: { from: string; to: string }) => {
    const wanted = new Set(monthsBetween(p.from, p.to));
    return { from: p.from, to: p.to, months: rolled.filter((m) => wanted.has(m.month)) };
  };
  const { baseline, earlier, ...rest } = input;
  return buildReport({
    ...rest,
    surveyId,
    ...months(input),
    history: rolled.map((m) => m.counts),
    ...(baseline ? { baseline: months(baseline) } : {}),
    ...(earlier ? { earlier: earlier.map(months) } : {}),
  });
}

/**
 * A plain aggregation, one respondent at a time through `scoreRespondent` and exact BigInt sums,
 * written without the slots and flat arrays of aggregate-day.ts: the two must agree field for field.
 */
export function referenceAggregate(
  responses: readonly StoredResponse[],
  definitions: ReadonlyMap<number, SurveyDefinition>,
  opts: { surveyId: string; day: string },
): DailyAggregate {
  const cells: AggregateCell[] = [];
  const byVersion: Record<string, number> = {};
  for (const r of responses) {
    const def = definitions.get(r.version) as SurveyDefinition;
    const plan = scoringPlan(def);
    byVersion[String(r.version)] = (byVersion[String(r.version)] ?? 0) + 1;
    const own = (id: string) => (Object.hasOwn(r.answers, id) ? r.answers[id] : undefined);
    const optionsOf = (id: string) =>
      (def.questions.find((x) => x.id === id) as { options: { id: string }[] }).options.map((o) => o.id);
    const key = {
      audience: r.audience,
      cells: Object.fromEntries(
        plan.cellQuestions.map((q) => {
          const a = own(q);
          return [q, typeof a === 'string' && optionsOf(q).includes(a) ? a : null];
        }),
      ),
    };
    // Free text is left out of the item counts (it is removed after its retention period).
    const asked = plan.audiences[r.audience].asked.filter((q) => q.type !== 'text');
    const answered = (q: Question) => {
      const a = own(q.id);
      if (isScaleQuestion(q)) return typeof a === 'number';
      if (q.type === 'choice') return (typeof a === 'string' && a !== '') || (Array.isArray(a) && a.length > 0);
      return typeof a === 'string' && a !== '';
    };
    const scores = scoreRespondent(plan, r.audience, r.answers);
    const moment = (c: number, d: number) => ({ d, n: 1, sum: c, sumSq: c * c });
    const net = (category: string) => ({
      positive: category === 'positive' ? 1 : 0,
      neutral: category === 'neutral' ? 1 : 0,
      negative: category === 'negative' ? 1 : 0,
    });
    const scalesOf = plan.scales.flatMap((s) => {
      const x = scalePoint(own(s.id), s.scale);
      return x === undefined ? [] : [{ s, x }];
    });
    const composites: AggregateCell['composites'] = {};
    for (const index of COMPOSITE_INDICES) {
      const dims = scores.dimensions.get(index);
      const signature = plan.audiences[r.audience].dimensions[index];
      if (!dims && signature.length === 0) continue;
      const composite = scores.composites.get(index);
      composites[index] = {
        score: composite
          ? moment(composite.c, composite.d)
          : { d: plan.units.composites[index], n: 0, sum: 0, sumSq: 0 },
        dimensions: Object.fromEntries([...(dims ?? [])].map(([dim, u]) => [dim, moment(u.c, u.d)])),
        asked: signature.length ? { [signature.join('|')]: 1 } : {},
      };
    }
    const drivers = Object.fromEntries(
      scores.outcome === undefined
        ? []
        : [...scores.dimensions].flatMap(([index, dims]) =>
            [...dims].map(([dim, u]) => {
              const y = scores.outcome as number;
              return [`${index}/${dim}`, { d: u.d, n: 1, sx: u.c, sxx: u.c * u.c, sy: y, syy: y * y, sxy: u.c * y }];
            }),
          ),
    );
    const reliability: AggregateCell['reliability'] = {};
    for (const [dimension, items] of plan.audiences[r.audience].itemSets) {
      const xs = items.map((i) => {
        const x = scalePoint(own(i.id), i.scale);
        return x === undefined ? undefined : i.reverse ? i.scale.max + i.scale.min - x : x;
      });
      if (xs.some((x) => x === undefined)) continue;
      const v = xs as number[];
      const products = v.flatMap((x, j) => v.slice(j).map((y) => x * y));
      reliability[dimension] = { [items.map((i) => i.id).join('|')]: { n: 1, sums: v, products } };
    }
    cells.push({
      key,
      responses: 1,
      locales: { [cellLocale(r.locale, plan.languages)]: 1 },
      channels: { [r.channel]: 1 },
      items: Object.fromEntries(asked.map((q) => [q.id, [1, answered(q) ? 1 : 0] as [number, number]])),
      scales: Object.fromEntries(scalesOf.map(({ s, x }) => [s.id, [[x, 1]] as [number, number][]])),
      choices: Object.fromEntries(
        plan.choices.flatMap((c) => {
          const a = own(c.id);
          // Only the question's own options count: an id it does not offer is no answer among them.
          const chosen = (typeof a === 'string' ? [a] : Array.isArray(a) ? a : []).filter((o) =>
            optionsOf(c.id).includes(o),
          );
          return chosen.length ? [[c.id, Object.fromEntries(chosen.map((o) => [o, 1]))]] : [];
        }),
      ),
      topTwoBox: Object.fromEntries(
        scalesOf
          .filter(({ s }) => s.scale.max - s.scale.min === 4)
          .map(({ s, x }) => [
            s.id,
            { n: 1, top: (s.reverse ? s.scale.max + s.scale.min - x : x) >= s.scale.max - 1 ? 1 : 0 },
          ]),
      ),
      ...(scores.nps === undefined ? {} : { nps: net(npsCategory(scores.nps)) }),
      composites,
      relativeValue: Object.fromEntries([...scores.relativeValue].map(([k, x]) => [k, net(relativeValueCategory(x))])),
      drivers,
      reliability,
    });
  }
  const versions = Object.keys(byVersion).map(Number);
  return mergeAll([
    {
      schema: 2,
      surveyId: opts.surveyId,
      from: opts.day,
      to: opts.day,
      versions,
      byVersion,
      responses: responses.length,
      cells,
    },
  ]);
}
