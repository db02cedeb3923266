import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AggregateMismatchError,
  UnknownSurveyVersionError,
  aggregateResponses,
  emptyAggregate,
  mergeAggregates,
  mergeAll,
} from './aggregate.ts';
import { DailyAggregate, netScoreStats } from './aggregate-schema.ts';
import { meanAndM2 } from './moments.ts';
import { type StoredResponse, SurveyDefinition } from './questionnaire.ts';
import { DEMO_SURVEY } from './synthetic.ts';
import { referenceAggregate, responseArb, twoVersions } from './testing.ts';

const definitions = twoVersions();
const DAY = '2026-10-05';
const agg = (responses: StoredResponse[], day = DAY) =>
  aggregateResponses(responses, definitions, { surveyId: 'demo', day });
const responses = (day = DAY, max = 40) => fc.array(responseArb(definitions, 'demo', day), { maxLength: max });
const json = (x: unknown) => JSON.stringify(x);

function response(answers: StoredResponse['answers'], extra: Partial<StoredResponse> = {}): StoredResponse {
  return {
    id: `r${Math.random()}`,
    surveyId: 'demo',
    version: 1,
    audience: 'visitor',
    locale: 'fr',
    channel: 'web',
    submittedAt: `${DAY}T10:00:00+01:00`,
    day: DAY,
    answers,
    ...extra,
  };
}

describe('aggregateResponses', () => {
  it('keeps exact histograms, choice counts, NPS classes and top-2-box counts per cell', () => {
    const a = agg([
      response({ recommend: 10, sat_welcome: 5, origin: 'local', interests: ['culture', 'food'] }),
      response({ recommend: 7, sat_welcome: 4, origin: 'local', interests: ['food'] }),
      response({ recommend: null, sat_welcome: 2, val_price: 1, origin: 'local' }),
    ]);
    expect(a.responses).toBe(3);
    expect(a.cells).toHaveLength(1);
    const [cell] = a.cells;
    expect(cell?.key).toEqual({ audience: 'visitor', cells: { origin: 'local' } });
    expect(cell?.locales).toEqual({ fr: 3 });
    expect(cell?.channels).toEqual({ web: 3 });
    expect(cell?.scales.sat_welcome).toEqual([
      [2, 1],
      [4, 1],
      [5, 1],
    ]);
    expect(cell?.choices.interests).toEqual({ culture: 1, food: 2 });
    expect(cell?.nps).toEqual({ positive: 1, neutral: 1, negative: 0 });
    expect(netScoreStats(cell!.nps!)).toEqual({ n: 2, sum: 100, sumSq: 10_000 });
    expect(cell?.topTwoBox.sat_welcome).toEqual({ n: 3, top: 2 });
    // val_price is reverse-coded: a 1 ("not expensive") is a top box
    expect(cell?.topTwoBox.val_price).toEqual({ n: 1, top: 1 });
  });

  it('scores each response with the definition of its own version', () => {
    const a = agg([response({ sat_transport: 10 }, { version: 1 }), response({ sat_transport: 10 }, { version: 2 })]);
    const transport = a.cells[0]?.composites.satisfaction?.dimensions.transport;
    // The transport dimension has two items: v1 two 1–10 items (d = lcm(1,2)·9 = 18), v2 a 0–10
    // and a 1–10 item (d = 2·lcm(10, 9) = 180). v1: a 10 of 1–10 is 100 points, 18 units of 100/18;
    // v2: a 10 reverse-coded on 0–10 is 0. Merged in the common unit 180: 180 and 0.
    expect(transport).toEqual({ d: 180, n: 2, sum: 180, sumSq: 180 * 180 });
    expect(a.versions).toEqual([1, 2]);
    expect(a.byVersion).toEqual({ 1: 1, 2: 1 });
  });

  it('averages a composite over the dimensions answered, not the items', () => {
    const a = agg([response({ sat_welcome: 5, sat_food: 1, sat_transport: 1, sat_transport_night: 10 })]);
    // welcome 100; food 0; transport mean(0, 100) = 50; satisfaction mean(100, 0, 50) = 50
    expect(meanAndM2(a.cells[0]!.composites.satisfaction!.score)).toEqual({ n: 1, mean: 50, m2: 0 });
  });

  it('refuses a response of another day, another survey, or an unknown version', () => {
    expect(() => agg([response({}, { day: '2026-10-06' })])).toThrow(AggregateMismatchError);
    expect(() => agg([response({}, { surveyId: 'other' })])).toThrow(AggregateMismatchError);
    expect(() => agg([response({}, { version: 9 })])).toThrow(UnknownSurveyVersionError);
  });

  it('gives, field for field, what scoring each respondent and adding them up gives', () => {
    fc.assert(
      fc.property(responses(DAY, 80), (rs) => {
        expect(json(agg(rs))).toBe(json(referenceAggregate(rs, definitions, { surveyId: 'demo', day: DAY })));
      }),
      { numRuns: 60 },
    );
  });

  it('counts a composite only for respondents who answered half of the dimensions they were asked', () => {
    // Visitors are asked satisfaction's welcome, food and transport: one of three is not enough.
    const a = agg([response({ sat_welcome: 5 }), response({ sat_welcome: 5, sat_food: 1 })]);
    const satisfaction = a.cells[0]?.composites.satisfaction;
    expect(satisfaction?.score.n).toBe(1);
    expect(satisfaction?.dimensions.welcome?.n).toBe(2);
    expect(satisfaction?.asked).toEqual({ 'food|transport|welcome': 2 });
  });

  it('keeps a question named after a prototype property as unanswered, never as its inherited value', () => {
    const withConstructor = new Map([
      [
        1,
        {
          ...definitions.get(1)!,
          questions: [
            ...definitions.get(1)!.questions,
            {
              id: 'constructor',
              type: 'choice' as const,
              options: [
                { id: 'a', label: { fr: 'A' } },
                { id: 'b', label: { fr: 'B' } },
              ],
              label: { fr: 'x' },
            },
          ],
        },
      ],
    ]);
    const a = aggregateResponses([response({ recommend: 9 })], withConstructor, { surveyId: 'demo', day: DAY });
    expect(Object.hasOwn(a.cells[0]?.items ?? {}, 'constructor')).toBe(true);
    expect(a.cells[0]?.items.constructor).toEqual([1, 0]);
  });

  it('reads a response the same whatever the order of its answers', () => {
    const reordered = (r: StoredResponse, order: number[]): StoredResponse => {
      const entries = Object.entries(r.answers);
      const answers: StoredResponse['answers'] = {};
      for (const i of order) {
        const [id, value] = entries[i % entries.length] as [string, StoredResponse['answers'][string]];
        answers[id] = value;
      }
      return { ...r, answers: entries.length ? answers : {} };
    };
    fc.assert(
      fc.property(responses(DAY, 60), fc.array(fc.nat(), { minLength: 20, maxLength: 20 }), (rs, seed) => {
        // Each response's answers rebuilt in another order (a permutation of their keys).
        const shuffled = rs.map((r, k) => {
          const n = Object.keys(r.answers).length;
          const order = [...Array(n).keys()].sort(
            (a, b) => ((seed[(a + k) % 20] ?? 0) % 7) - ((seed[(b + k) % 20] ?? 0) % 7),
          );
          return reordered(r, order);
        });
        expect(json(agg(shuffled))).toBe(json(agg(rs)));
      }),
      { numRuns: 40 },
    );
  });

  it('never counts an answer a response inherits instead of owning', () => {
    const inherited = Object.assign(Object.create({ recommend: 10, origin: 'abroad' }), { sat_welcome: 5 });
    const a = agg([response(inherited)]);
    expect(a.cells[0]?.key.cells).toEqual({ origin: null });
    expect(a.cells[0]?.nps).toBeUndefined();
    expect(a.cells[0]?.items.recommend).toEqual([1, 0]);
    expect(a.cells[0]?.scales).toEqual({ sat_welcome: [[5, 1]] });
  });

  it('keeps sums exact past 2⁵³, as decimal text', () => {
    // Five items on ranges 19, 17, 13, 11 and 7 (primes): d = lcm(1…5)·19·17·13·11·7 = 19 399 380
    // units, so 600 respondents at the top of every item sum C² = 600·d² ≈ 2.3·10¹⁷, past 2⁵³.
    const item = (id: string, max: number) => ({
      id,
      type: 'rating' as const,
      scale: { min: 0, max },
      label: { fr: id },
      measures: { index: 'satisfaction' as const, dimension: 'welcome' },
    });
    const def = SurveyDefinition.parse({
      title: { fr: 'Grands nombres' },
      audiences: ['visitor'],
      questions: [
        { id: 'recommend', type: 'nps', label: { fr: 'Recommanderiez-vous ?' } },
        item('a', 19),
        item('b', 17),
        item('c', 13),
        item('e', 11),
        item('f', 7),
      ],
    });
    const rs = Array.from({ length: 600 }, () => response({ recommend: 10, a: 19, b: 17, c: 13, e: 11, f: 7 }));
    const cell = aggregateResponses(rs, new Map([[1, def]]), { surveyId: 'demo', day: DAY }).cells[0];
    const d = 60n * 19n * 17n * 13n * 11n * 7n;
    const n = 600n;
    const welcome = { d: Number(d), n: 600, sum: Number(n * d), sumSq: String(n * d * d) };
    expect(cell?.composites.satisfaction?.dimensions.welcome).toEqual(welcome);
    expect(cell?.composites.satisfaction?.score).toEqual(welcome);
    expect(cell?.drivers['satisfaction/welcome']).toEqual({
      d: Number(d),
      n: 600,
      sx: Number(n * d),
      sxx: String(n * d * d),
      sy: 6000,
      syy: 60_000,
      sxy: Number(n * d * 10n),
    });
  });

  it('correlates the drivers with an outcome answered below zero, and keeps a competitor named __proto__', () => {
    const def = SurveyDefinition.parse({
      title: { fr: 'Échelles négatives' },
      audiences: ['visitor'],
      outcome: 'mood',
      questions: [
        { id: 'mood', type: 'rating', scale: { min: -5, max: 5 }, label: { fr: 'Humeur' } },
        {
          id: 'welcome',
          type: 'rating',
          scale: { min: 1, max: 5 },
          label: { fr: 'Accueil' },
          measures: { index: 'satisfaction', dimension: 'welcome' },
        },
        { id: 'versus', type: 'comparison', competitor: '__proto__', label: { fr: 'Par rapport à…' } },
      ],
    });
    const cell = aggregateResponses([response({ mood: -3, welcome: 5, versus: 5 })], new Map([[1, def]]), {
      surveyId: 'demo',
      day: DAY,
    }).cells[0];
    // welcome 5 on 1–5 is 100 points: C = d = 4 units; the outcome's point is −3.
    expect(cell?.drivers['satisfaction/welcome']).toEqual({ d: 4, n: 1, sx: 4, sxx: 16, sy: -3, syy: 9, sxy: -12 });
    expect(Object.hasOwn(cell?.relativeValue ?? {}, '__proto__')).toBe(true);
    expect(Object.entries(cell?.relativeValue ?? {})).toEqual([
      ['__proto__', { positive: 1, neutral: 0, negative: 0 }],
    ]);
  });

  it('gives byte-identical JSON whatever the order of the responses', () => {
    fc.assert(
      fc.property(
        responses().chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length }))),
        ([rs, shuffled]) => {
          expect(json(agg(shuffled))).toBe(json(agg(rs)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('finds an answer among many options as among few', () => {
    // Past a dozen options the loop looks an answer up in a map instead of comparing ids; the cell
    // question (origin) and a multiple choice both take that way here, against the reference.
    const many = Array.from({ length: 15 }, (_, i) => ({ id: `o${i}`, label: { fr: `O${i}` } }));
    const wide = new Map([
      [
        1,
        SurveyDefinition.parse({
          ...DEMO_SURVEY,
          questions: DEMO_SURVEY.questions.map((q) =>
            q.id === 'origin' || q.id === 'interests' ? { ...q, options: many } : q,
          ),
        }),
      ],
    ]);
    const opts = { surveyId: 'demo', day: DAY };
    fc.assert(
      fc.property(fc.array(responseArb(wide, 'demo', DAY), { maxLength: 60 }), (rs) => {
        const all = [...rs, response({ origin: 'o14', interests: ['o0', 'o14'] })];
        expect(json(aggregateResponses(all, wide, opts))).toBe(json(referenceAggregate(all, wide, opts)));
      }),
      { numRuns: 30 },
    );
  });

  it('counts only the options a question offers, as the reference does', () => {
    // An id the question does not offer (an option renamed since, a hand-made request) is no answer
    // among its options: it counts neither as a choice nor as a cell's value.
    const opts = { surveyId: 'demo', day: DAY };
    const interests = (
      (definitions.get(1) as SurveyDefinition).questions.find((q) => q.id === 'interests') as {
        options: { id: string }[];
      }
    ).options.map((o) => o.id);
    const [a = '', b = ''] = interests;
    const rs = [
      response({ origin: 'mars', interests: ['nowhere', a] }),
      response({ origin: '', interests: [''] }),
      response({ interests: [a, b] }),
    ];
    const got = aggregateResponses(rs, definitions, opts);
    expect(json(got)).toBe(json(referenceAggregate(rs, definitions, opts)));
    const counted: Record<string, number> = {};
    for (const cell of got.cells) {
      expect(cell.key.cells.origin ?? null).toBeNull();
      for (const [o, n] of Object.entries(cell.choices.interests ?? {})) counted[o] = (counted[o] ?? 0) + n;
    }
    expect(counted).toEqual({ [a]: 2, [b]: 1 });
  });

  it('reads each definition with its own layout, even two under the same version number', () => {
    // Layouts are compiled once per definition object: version 1 of another survey, or a survey
    // read again, must not be aggregated with the layout of a definition seen before.
    const opts = { surveyId: 'demo', day: DAY };
    const rs = [response({ sat_transport: 10, img_people: 7, val_quality: 5, origin: 'local' })];
    const [v1, v2] = [definitions.get(1) as SurveyDefinition, definitions.get(2) as SurveyDefinition];
    const first = aggregateResponses(rs, new Map([[1, v1]]), opts);
    const second = aggregateResponses(rs, new Map([[1, v2]]), opts);
    expect(json(second)).toBe(json(referenceAggregate(rs, new Map([[1, v2]]), opts)));
    expect(json(second)).not.toBe(json(first));
  });

  it('survives a JSON round trip through its zod schema', () => {
    fc.assert(
      fc.property(responses(), (rs) => {
        const a = agg(rs);
        expect(DailyAggregate.parse(JSON.parse(json(a)))).toEqual(a);
      }),
      { numRuns: 20 },
    );
  });
});

describe('mergeAggregates', () => {
  it('merges the aggregates of two sets of responses into the aggregate of their union', () => {
    fc.assert(
      fc.property(responses(), responses(), (a, b) => {
        expect(json(mergeAggregates(agg(a), agg(b)))).toBe(json(agg([...a, ...b])));
      }),
      { numRuns: 60 },
    );
  });

  it('is commutative and associative, across days', () => {
    fc.assert(
      fc.property(responses('2026-10-01'), responses('2026-10-02'), responses('2026-10-03'), (a, b, c) => {
        const [x, y, z] = [agg(a, '2026-10-01'), agg(b, '2026-10-02'), agg(c, '2026-10-03')];
        expect(json(mergeAggregates(x, y))).toBe(json(mergeAggregates(y, x)));
        const left = mergeAggregates(mergeAggregates(x, y), z);
        expect(json(left)).toBe(json(mergeAggregates(x, mergeAggregates(y, z))));
        expect(json(mergeAll([z, x, y]))).toBe(json(left));
        expect(left.from).toBe('2026-10-01');
        expect(left.to).toBe('2026-10-03');
      }),
      { numRuns: 40 },
    );
  });

  it('has the empty aggregate as its identity', () => {
    fc.assert(
      fc.property(responses(), (rs) => {
        const a = agg(rs);
        expect(json(mergeAggregates(emptyAggregate('demo'), a))).toBe(json(a));
        expect(json(mergeAggregates(a, emptyAggregate('demo')))).toBe(json(a));
      }),
      { numRuns: 20 },
    );
    expect(mergeAll([], 'demo')).toEqual(emptyAggregate('demo'));
  });

  it('refuses to merge two surveys', () => {
    expect(() => mergeAggregates(emptyAggregate('a'), emptyAggregate('b'))).toThrow(AggregateMismatchError);
  });
});
