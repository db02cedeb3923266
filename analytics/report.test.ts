import fc from 'fast-check';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { studentTQuantile } from './distributions.ts';
import { type Audience, type StoredResponse, SurveyDefinition } from './questionnaire.ts';
import { Report } from './report-schema.ts';
import { directScores, REFERENCE_NPS_INDEX, reportOfResponses, responseArb, twoVersions } from './testing.ts';

const definitions = twoVersions();
const definition = definitions.get(2) as SurveyDefinition;
const october = { from: '2026-10-01', to: '2026-10-31', generatedAt: '2026-11-01T02:30:00+01:00', definition };

let counter = 0;
function respondents(
  count: number,
  answers: StoredResponse['answers'],
  audience: Audience = 'visitor',
  day = '2026-10-05',
  version = 2,
): StoredResponse[] {
  return Array.from({ length: count }, () => ({
    id: `r${counter++}`,
    surveyId: 'demo',
    version,
    audience,
    locale: 'fr',
    channel: 'web' as const,
    submittedAt: `${day}T10:00:00+01:00`,
    day,
    answers,
  }));
}

const npsResponses = (promoters: number, passives: number, detractors: number, day: string) => [
  ...respondents(promoters, { recommend: 10 }, 'visitor', day),
  ...respondents(passives, { recommend: 8 }, 'visitor', day),
  ...respondents(detractors, { recommend: 3 }, 'resident', day),
];

const noNaN = (report: Report) => expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);

describe('buildReport', () => {
  it('gives the reference NPS and its comparison: 150/100/50 against 100/90/60', () => {
    const report = reportOfResponses(
      [
        ...npsResponses(100, 50, 20, '2026-10-05'),
        ...npsResponses(50, 50, 30, '2026-10-20'),
        ...npsResponses(100, 90, 60, '2025-10-07'),
      ],
      definitions,
      { ...october, baseline: { from: '2025-10-01', to: '2025-10-31' } },
    );
    expect(report.overall.n).toBe(300);
    expect(report.overall.indices.nps).toEqual(REFERENCE_NPS_INDEX);
    expect(report.comparison?.overall.nps).toEqual({
      delta: expect.closeTo(17.333, 3),
      se: expect.any(Number),
      statistic: expect.closeTo(2.64, 3),
      p: expect.closeTo(0.0083, 4),
      significant: true,
    });
    expect(report.baseline).toMatchObject({ from: '2025-10-01', to: '2025-10-31' });
    expect(report.versions).toEqual([{ version: 2, responses: 300 }]);
    expect(Report.safeParse(report).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []).toEqual([]);
    noNaN(report);
  });

  it('withholds a thin audience, its comparison, and leaves it out of the overall', () => {
    const report = reportOfResponses(
      [
        ...respondents(150, { recommend: 9 }),
        ...respondents(50, { recommend: 7 }),
        ...respondents(12, { recommend: 9 }, 'investor'),
        ...respondents(100, { recommend: 9 }, 'visitor', '2025-10-05'),
        ...respondents(100, { recommend: 6 }, 'visitor', '2025-10-05'),
        ...respondents(40, { recommend: 2 }, 'investor', '2025-10-05'),
      ],
      definitions,
      { ...october, baseline: { from: '2025-10-01', to: '2025-10-31' } },
    );
    expect(report.byAudience.investor?.indices.nps).toEqual({
      value: null,
      ciLow: null,
      ciHigh: null,
      n: 12,
      nEff: 12,
      lowSample: true,
      suppressed: true,
      withheld: 'thin',
    });
    // Else the overall minus the visitors would be the 12 investors.
    expect(report.overall.indices.nps.n).toBe(200);
    expect(report.overall.n).toBe(212);
    expect(report.comparison?.byAudience.investor?.nps).toBeNull();
    expect(report.comparison?.byAudience.visitor?.nps?.significant).toBe(true);
    expect(report.overall.indices.image).toMatchObject({ value: null, n: 0, suppressed: true });
    expect(report.byAudience.resident?.n).toBe(0);
    // the current definition's dimensions, even when nobody answered them
    expect(Object.keys(report.overall.dimensions.value).sort()).toEqual(['emotional', 'price']);
    noNaN(report);
  });

  it('gives 74.444 for three 1–10 satisfaction items with means 8.2, 7.6 and 7.3', () => {
    const tenPoint = SurveyDefinition.parse({
      ...definition,
      audiences: ['visitor'],
      questions: ['a', 'b', 'c'].map((id) => ({
        id,
        type: 'rating',
        scale: { min: 1, max: 10 },
        label: { fr: id },
        measures: { index: 'satisfaction', dimension: id },
      })),
    });
    const rows = Array.from({ length: 30 }, (_, i) => ({ a: i < 24 ? 8 : 9, b: i < 18 ? 8 : 7, c: i < 9 ? 8 : 7 }));
    const report = reportOfResponses(
      rows.flatMap((answers) => respondents(1, answers)),
      new Map([[2, tenPoint]]),
      { ...october, definition: tenPoint },
    );
    expect(report.overall.indices.satisfaction.value).toBeCloseTo(74.444, 3);
    expect(report.overall.dimensions.satisfaction.a?.value).toBeCloseTo((100 * 7.2) / 9, 12);
  });

  it('post-stratifies on audience: weights, design effect, and an interval after calibration', () => {
    const report = reportOfResponses(
      [...respondents(100, { recommend: 10 }, 'visitor'), ...respondents(100, { recommend: 0 }, 'resident')],
      definitions,
      { ...october, weighting: { audience: { visitor: 25, resident: 75 } } },
    );
    // w = 0.5 for visitors, 1.5 for residents; n_eff = 200²/(100·0.25 + 100·2.25) = 160
    expect(report.overall.indices.nps).toMatchObject({
      value: expect.closeTo(-50, 9),
      n: 200,
      nEff: expect.closeTo(160, 9),
    });
    // Every difference between respondents is the audience the weights are calibrated on: no variance is left.
    expect(report.overall.indices.nps.ciLow).toBeCloseTo(-50, 9);
    expect(report.overall.indices.nps.ciHigh).toBeCloseTo(-50, 9);
    expect(report.weighting).toMatchObject({
      method: 'post-stratification',
      converged: true,
      deff: expect.closeTo(1.25, 9),
      nEff: expect.closeTo(160, 9),
      collapsed: [],
    });
    expect(report.weighting?.margins).toEqual([
      { margin: 'audience', category: 'resident', n: 100, share: expect.closeTo(0.75, 9) },
      { margin: 'audience', category: 'visitor', n: 100, share: expect.closeTo(0.25, 9) },
    ]);
  });

  it('shows a group of exactly 30 whatever the targets (n_eff compared with a tolerance)', () => {
    const report = reportOfResponses(
      [...respondents(30, { recommend: 9 }, 'visitor'), ...respondents(70, { recommend: 5 }, 'resident')],
      definitions,
      { ...october, weighting: { audience: { visitor: 0.3, resident: 0.7 } } },
    );
    expect(report.byAudience.visitor?.indices.nps.suppressed).toBe(false);
  });

  it('reads objectives: distance to the target and whether the interval is above it', () => {
    const report = reportOfResponses(npsResponses(150, 100, 50, '2026-10-05'), definitions, {
      ...october,
      objectives: [
        { index: 'nps', target: 20, by: '2027-12-31' },
        { index: 'nps', target: 40 },
        { index: 'nps', audience: 'investor', target: 10 },
      ],
    });
    expect(report.objectives[0]).toMatchObject({
      value: expect.closeTo(33.333, 3),
      distance: expect.closeTo(13.333, 3),
      ciAboveTarget: true,
    });
    expect(report.objectives[1]).toMatchObject({ distance: expect.closeTo(-6.667, 3), ciAboveTarget: false });
    expect(report.objectives[2]).toMatchObject({ value: null, distance: null, ciAboveTarget: false });
  });

  it('computes from aggregates what a direct computation on the raw responses gives', () => {
    const days = ['2026-10-01', '2026-10-02'];
    const arb = fc.tuple(
      ...days.map((day) => fc.array(responseArb(definitions, 'demo', day), { minLength: 20, maxLength: 90 })),
    );
    fc.assert(
      fc.property(arb, (perDay) => {
        const all = perDay.flat();
        const report = reportOfResponses(all, definitions, october);
        const byAudience = (a: Audience) => all.filter((r) => r.audience === a);
        for (const a of ['visitor', 'resident', 'investor'] as const) {
          const section = report.byAudience[a];
          const direct = directScores(byAudience(a), definitions);
          const npsN = direct.nps.promoters + direct.nps.passives + direct.nps.detractors;
          expect(section?.indices.nps.n).toBe(npsN);
          if (npsN >= 30) {
            expect(section?.indices.nps.value).toBeCloseTo(
              (100 * (direct.nps.promoters - direct.nps.detractors)) / npsN,
              9,
            );
          }
          for (const [name, scores] of [
            ...(['satisfaction', 'image', 'value'] as const).map(
              (i) => [i, direct.composite[i] ?? []] as [string, number[]],
            ),
            ...Object.entries(direct.dimension),
          ]) {
            const [index, dim] = name.split('/') as ['satisfaction' | 'image' | 'value', string | undefined];
            const got = dim ? section?.dimensions[index][dim] : section?.indices[index];
            expect(got?.n).toBe(scores.length);
            if (scores.length < 30) {
              expect(got?.value).toBeNull();
              continue;
            }
            const m = mean(scores);
            const half =
              (studentTQuantile(0.975, scores.length - 1) * sampleStandardDeviation(scores)) / Math.sqrt(scores.length);
            expect(got?.value).toBeCloseTo(m, 9);
            expect(got?.ciLow).toBeCloseTo(Math.max(0, m - half), 9);
            expect(got?.ciHigh).toBeCloseTo(Math.min(100, m + half), 9);
          }
        }
        // The overall rests on the audiences that can be shown: a thin one is left out.
        const shown = (['visitor', 'resident', 'investor'] as const).filter((a) => {
          const d = directScores(byAudience(a), definitions).nps;
          return d.promoters + d.passives + d.detractors >= 30;
        });
        const overall = directScores(shown.flatMap(byAudience), definitions).nps;
        expect(report.overall.indices.nps.n).toBe(overall.promoters + overall.passives + overall.detractors);
        noNaN(report);
      }),
      { numRuns: 20 },
    );
  });
});

describe('versions', () => {
  const foodOnly = SurveyDefinition.parse({
    ...definition,
    audiences: ['visitor'],
    questions: [
      {
        id: 'sat_food',
        type: 'rating',
        scale: { min: 1, max: 5 },
        label: { fr: 'Restauration' },
        measures: { index: 'satisfaction', dimension: 'food' },
      },
    ],
  });
  const withTransport = SurveyDefinition.parse({
    ...foodOnly,
    questions: [
      ...foodOnly.questions,
      {
        id: 'sat_transport',
        type: 'rating',
        scale: { min: 1, max: 5 },
        label: { fr: 'Transports' },
        measures: { index: 'satisfaction', dimension: 'transport' },
      },
    ],
  });
  const versions = new Map([
    [1, foodOnly],
    [2, withTransport],
  ]);

  it('shows no change when a new version adds a dimension and the old one did not move', () => {
    // Food is the same in both periods (half 4, half 5); version 2 adds transport, rated 1.
    const food = (day: string, version: number, extra = {}) => [
      ...respondents(60, { sat_food: 4, ...extra }, 'visitor', day, version),
      ...respondents(60, { sat_food: 5, ...extra }, 'visitor', day, version),
    ];
    const report = reportOfResponses(
      [...food('2026-09-10', 1), ...food('2026-10-10', 2, { sat_transport: 1 })],
      versions,
      {
        ...october,
        definition: withTransport,
        baseline: { from: '2026-09-01', to: '2026-09-30' },
      },
    );
    expect(report.comparison?.overall.satisfaction).toBeNull();
    expect(report.comparison?.overall.withheld).toEqual({ satisfaction: 'versions' });
    expect(report.comparison?.overall.dimensions?.satisfaction.food).toMatchObject({ delta: 0, significant: false });
    expect(report.versions).toEqual([{ version: 2, responses: 120 }]);
    expect(report.baseline?.versions).toEqual([{ version: 1, responses: 120 }]);
  });

  it('counts a respondent in a composite only with half of the dimensions asked', () => {
    const report = reportOfResponses(
      [
        ...respondents(40, { sat_food: 5 }, 'visitor', '2026-10-10', 2),
        ...respondents(40, { sat_food: 1, sat_transport: 1 }, 'visitor', '2026-10-10', 2),
      ],
      versions,
      { ...october, definition: withTransport },
    );
    // One of two dimensions is half: all 80 count; 0.5·100 + 0.5·0 = 50.
    expect(report.overall.indices.satisfaction).toMatchObject({ n: 80, value: expect.closeTo(50, 9) });
  });
});

describe('disclosure', () => {
  it("withholds what subtracting the other audiences from the overall would give (the year's investors)", () => {
    const year = { ...october, from: '2026-01-01', to: '2026-12-31' };
    const rs = [
      ...respondents(200, { recommend: 9 }, 'visitor', '2026-03-10'),
      ...respondents(150, { recommend: 4 }, 'resident', '2026-05-10'),
      ...respondents(8, { recommend: 10 }, 'investor', '2026-06-10'),
    ];
    const r = reportOfResponses(rs, definitions, year);
    expect(r.byAudience.investor?.indices.nps.value).toBeNull();
    // The attack: (overall·n − visitors·n − residents·n) / n_investors.
    const total = (i: Report['overall']['indices']['nps']) => ((i.value ?? 0) * i.n) / 100;
    const recovered =
      total(r.overall.indices.nps) -
      total(r.byAudience.visitor!.indices.nps) -
      total(r.byAudience.resident!.indices.nps);
    const investors =
      r.overall.indices.nps.n - r.byAudience.visitor!.indices.nps.n - r.byAudience.resident!.indices.nps.n;
    expect(investors).toBe(0);
    expect(recovered).toBeCloseTo(0, 9);
  });

  it('cannot single out the one resident of 14 January from overlapping periods', () => {
    const monthly = (month: string) => [
      ...respondents(40, { recommend: 8 }, 'resident', `${month}-03`),
      ...respondents(40, { recommend: 9 }, 'visitor', `${month}-20`),
    ];
    const rs = [
      ...['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].flatMap(monthly),
      ...respondents(1, { recommend: 0 }, 'resident', '2026-01-14'),
    ];
    const report = (from: string, to: string) => reportOfResponses(rs, definitions, { ...october, from, to });
    const a = report('2026-01-01', '2026-06-30').byAudience.resident?.indices.nps;
    const b = report('2026-01-15', '2026-06-30').byAudience.resident?.indices.nps;
    const c = report('2026-01-01', '2026-01-13').byAudience.resident?.indices.nps;
    // The attack is (a·n − b·n − c·n): c cuts January's residents in two and is withheld.
    expect(c).toMatchObject({ value: null, withheld: 'edges' });
    // a − b is January's residents as a whole (41), the one of the 14th never apart from the 40 of the 3rd.
    expect((a?.n ?? 0) - (b?.n ?? 0)).toBe(41);
  });

  it('shows whole months and any period whose edges cut no one', () => {
    const rs = [
      ...respondents(60, { recommend: 9 }, 'visitor', '2026-10-05'),
      ...respondents(60, { recommend: 9 }, 'visitor', '2026-11-05'),
    ];
    const exact = reportOfResponses(rs, definitions, { ...october, from: '2026-10-01', to: '2026-10-31' });
    const loose = reportOfResponses(rs, definitions, { ...october, from: '2026-10-02', to: '2026-11-04' });
    expect(exact.byAudience.visitor?.indices.nps).toMatchObject({ n: 60, suppressed: false });
    expect(loose.byAudience.visitor?.indices.nps).toMatchObject({ n: 60, suppressed: false });
  });
});

describe('the diagnostic', () => {
  it('correlates each dimension with the recommendation, as a direct computation on respondents does', () => {
    const arb = fc.array(responseArb(definitions, 'demo', '2026-10-03'), { minLength: 150, maxLength: 250 });
    fc.assert(
      fc.property(arb, (rs) => {
        const report = reportOfResponses(rs, definitions, october);
        for (const item of report.byAudience.visitor?.drivers?.items ?? []) {
          // Pairs of (dimension score, recommendation) from raw answers, one respondent at a time.
          const pairs = rs
            .filter((r) => r.audience === 'visitor')
            .flatMap((r) => {
              const y = r.answers.recommend;
              const def = definitions.get(r.version) as SurveyDefinition;
              const xs = def.questions.flatMap((q) => {
                const v = r.answers[q.id];
                if ((q.type !== 'rating' && q.type !== 'differential') || typeof v !== 'number') return [];
                if (q.measures?.index !== item.index || q.measures.dimension !== item.dimension) return [];
                const coded = q.reverse ? q.scale.max + q.scale.min - v : v;
                return [(100 * (coded - q.scale.min)) / (q.scale.max - q.scale.min)];
              });
              return typeof y === 'number' && xs.length ? [[mean(xs), y]] : [];
            });
          expect(item.importance.n).toBe(pairs.length);
          if (pairs.length < 30 || item.importance.value === null) continue;
          const mx = mean(pairs.map((p) => p[0] ?? 0));
          const my = mean(pairs.map((p) => p[1] ?? 0));
          const sxy = pairs.reduce((s, [x = 0, y = 0]) => s + (x - mx) * (y - my), 0);
          const sxx = pairs.reduce((s, [x = 0]) => s + (x - mx) ** 2, 0);
          const syy = pairs.reduce((s, [, y = 0]) => s + (y - my) ** 2, 0);
          expect(item.importance.value).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 9);
        }
      }),
      { numRuns: 10 },
    );
  });

  it('has no drivers without an outcome question, and says why nothing is shown without NaN', () => {
    const noOutcome = SurveyDefinition.parse({
      ...definition,
      questions: definition.questions.filter((q) => q.type !== 'nps'),
    });
    const report = reportOfResponses(respondents(40, { sat_food: 3 }), new Map([[2, noOutcome]]), {
      ...october,
      definition: noOutcome,
    });
    expect(report.overall.drivers).toBeNull();
    noNaN(report);
  });
});

describe('bad input', () => {
  it('reports targets it cannot reach, empty margins and unanswered dimensions without NaN', () => {
    const rs = [...respondents(94, { recommend: 9 }, 'visitor'), ...respondents(6, { recommend: 9 }, 'investor')];
    const report = reportOfResponses(rs, definitions, {
      ...october,
      weighting: { audience: { visitor: 0.5, investor: 0.5 }, origin: {} },
    });
    expect(report.weighting).toMatchObject({ converged: false, maxGap: expect.closeTo(0.4, 6) });
    noNaN(report);
  });
});
