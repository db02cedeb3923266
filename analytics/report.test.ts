import fc from 'fast-check';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { aggregateResponses, mergeAll } from './aggregate.ts';
import { studentTQuantile } from './distributions.ts';
import { netPromoterScore } from './indices.ts';
import type { Audience, StoredResponse } from './questionnaire.ts';
import { buildReport } from './report.ts';
import { Report } from './report-schema.ts';
import { REFERENCE_NPS_INDEX, directScores, responseArb, twoVersions } from './testing.ts';

const definitions = twoVersions();
const definition = definitions.get(2)!;
const period = {
  surveyId: 'demo',
  from: '2026-10-01',
  to: '2026-10-31',
  generatedAt: '2026-11-01T02:30:00+01:00',
  definition,
};

let counter = 0;
function respondents(
  count: number,
  answers: StoredResponse['answers'],
  audience: Audience = 'visitor',
  day = '2026-10-05',
): StoredResponse[] {
  return Array.from({ length: count }, () => ({
    id: `r${counter++}`,
    surveyId: 'demo',
    version: 2,
    audience,
    locale: 'fr',
    channel: 'web' as const,
    submittedAt: `${day}T10:00:00+01:00`,
    day,
    answers,
  }));
}

/** Aggregates responses day by day, then merges the days, as the nightly job and the API do. */
function periodAggregate(responses: StoredResponse[]) {
  const days = new Map<string, StoredResponse[]>();
  for (const r of responses) days.set(r.day, [...(days.get(r.day) ?? []), r]);
  return mergeAll(
    [...days].map(([day, rs]) => aggregateResponses(rs, definitions, { surveyId: 'demo', day })),
    'demo',
  );
}

const npsResponses = (promoters: number, passives: number, detractors: number, day: string) => [
  ...respondents(promoters, { recommend: 10 }, 'visitor', day),
  ...respondents(passives, { recommend: 8 }, 'visitor', day),
  ...respondents(detractors, { recommend: 3 }, 'resident', day),
];

describe('buildReport', () => {
  it('gives the reference NPS and its comparison: 150/100/50 against 100/90/60', () => {
    const current = periodAggregate([
      ...npsResponses(100, 50, 20, '2026-10-05'),
      ...npsResponses(50, 50, 30, '2026-10-20'),
    ]);
    const baseline = periodAggregate(npsResponses(100, 90, 60, '2025-10-07'));
    const report = buildReport({
      ...period,
      aggregate: current,
      baseline,
      baselineFrom: '2025-10-01',
      baselineTo: '2025-10-31',
    });
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
    expect(Report.safeParse(report).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []).toEqual([]);
  });

  it('withholds a thin audience and its comparison, and shows an index nobody answered with n 0', () => {
    const current = periodAggregate([
      ...respondents(150, { recommend: 9 }),
      ...respondents(50, { recommend: 7 }),
      ...respondents(12, { recommend: 9 }, 'investor'),
    ]);
    const baseline = periodAggregate([
      ...respondents(100, { recommend: 9 }, 'visitor', '2025-10-05'),
      ...respondents(100, { recommend: 6 }, 'visitor', '2025-10-05'),
      ...respondents(40, { recommend: 2 }, 'investor', '2025-10-05'),
    ]);
    const report = buildReport({ ...period, aggregate: current, baseline });
    expect(report.byAudience.investor?.indices.nps).toEqual({
      value: null,
      ciLow: null,
      ciHigh: null,
      n: 12,
      nEff: 12,
      lowSample: true,
      suppressed: true,
    });
    expect(report.comparison?.byAudience.investor?.nps).toBeNull();
    expect(report.comparison?.byAudience.visitor?.nps?.significant).toBe(true);
    expect(report.overall.indices.image).toMatchObject({ value: null, n: 0, suppressed: true });
    expect(report.byAudience.resident?.n).toBe(0);
    // the current definition's dimensions, even when nobody answered them
    expect(Object.keys(report.overall.dimensions.value).sort()).toEqual(['emotional', 'price']);
  });

  it('gives 74.444 for three 1–10 satisfaction items with means 8.2, 7.6 and 7.3', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({
      sat_welcome: i < 24 ? 8 : 9,
      sat_food: i < 18 ? 8 : 7,
      sat_transport_night: i < 9 ? 8 : 7,
    }));
    // Three 1–10 items in three dimensions: reuse the demo items with a 1–10 scale.
    const tenPoint = new Map([
      [
        2,
        {
          ...definition,
          questions: definition.questions.map((q) =>
            q.type === 'rating' && q.id.startsWith('sat_')
              ? {
                  ...q,
                  scale: { min: 1, max: 10 },
                  reverse: false,
                  measures: { index: 'satisfaction' as const, dimension: q.id },
                }
              : q,
          ),
        },
      ],
    ]);
    const rs = rows.flatMap((answers) => respondents(1, answers));
    const aggregate = aggregateResponses(rs, tenPoint, { surveyId: 'demo', day: '2026-10-05' });
    const report = buildReport({ ...period, definition: tenPoint.get(2)!, aggregate });
    expect(report.overall.indices.satisfaction.value).toBeCloseTo(74.444, 3);
    expect(report.overall.dimensions.satisfaction.sat_welcome?.value).toBeCloseTo((100 * 7.2) / 9, 9);
  });

  it('post-stratifies on audience and reports the weights and their design effect', () => {
    const aggregate = periodAggregate([
      ...respondents(100, { recommend: 10 }, 'visitor'),
      ...respondents(100, { recommend: 0 }, 'resident'),
    ]);
    const report = buildReport({ ...period, aggregate, weighting: { audience: { visitor: 25, resident: 75 } } });
    // w = 0.5 for visitors, 1.5 for residents; n_eff = 200²/(100·0.25 + 100·2.25) = 160
    expect(report.overall.indices.nps.value).toBeCloseTo(-50, 9);
    expect(report.overall.indices.nps.nEff).toBeCloseTo(160, 9);
    expect(report.overall.indices.nps.n).toBe(200);
    expect(report.overall.indices.nps).toEqual(
      netPromoterScore({ promoters: 50, passives: 0, detractors: 150, n: 200, nEff: 160 }).index,
    );
    expect(report.weighting).toMatchObject({
      method: 'post-stratification',
      converged: true,
      deff: expect.closeTo(1.25, 9),
      nEff: expect.closeTo(160, 9),
    });
    expect(report.weighting?.collapsed).toEqual([]);
  });

  it('weights respondents as a direct per-respondent computation would', () => {
    const all = fc.sample(
      fc.array(responseArb(definitions, 'demo', '2026-10-05'), { minLength: 300, maxLength: 300 }),
      { numRuns: 1, seed: 42 },
    )[0]!;
    const targets = { visitor: 0.2, resident: 0.5, investor: 0.3 };
    const report = buildReport({ ...period, aggregate: periodAggregate(all), weighting: { audience: targets } });
    // Post-stratification by hand: w_h = (N_h/N)/(n_h/n), per respondent.
    const weightOf = (a: Audience) => targets[a] / (all.filter((r) => r.audience === a).length / all.length);
    const scored = all.flatMap((r) =>
      (directScores([r], definitions).composite.satisfaction ?? []).map((x) => ({ x, w: weightOf(r.audience) })),
    );
    const sw = scored.reduce((s, p) => s + p.w, 0);
    const sw2 = scored.reduce((s, p) => s + p.w * p.w, 0);
    const m = scored.reduce((s, p) => s + p.w * p.x, 0) / sw;
    const nEff = (sw * sw) / sw2;
    const variance = (scored.reduce((s, p) => s + p.w * (p.x - m) ** 2, 0) / sw) * (nEff / (nEff - 1));
    const half = (studentTQuantile(0.975, nEff - 1) * Math.sqrt(variance)) / Math.sqrt(nEff);
    expect(report.overall.indices.satisfaction).toMatchObject({
      value: expect.closeTo(m, 7),
      ciLow: expect.closeTo(m - half, 6),
      ciHigh: expect.closeTo(m + half, 6),
      n: scored.length,
      nEff: expect.closeTo(nEff, 7),
    });
  });

  it('reads objectives: distance to the target and whether the interval is above it', () => {
    const aggregate = periodAggregate(npsResponses(150, 100, 50, '2026-10-05'));
    const report = buildReport({
      ...period,
      aggregate,
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
        const report = buildReport({ ...period, aggregate: periodAggregate(all) });
        for (const [section, rs] of [
          [report.overall, all],
          [report.byAudience.visitor, all.filter((r) => r.audience === 'visitor')],
        ] as const) {
          const direct = directScores(rs, definitions);
          const nps = direct.nps;
          const npsN = nps.promoters + nps.passives + nps.detractors;
          expect(section?.indices.nps.n).toBe(npsN);
          if (npsN >= 30)
            expect(section?.indices.nps.value).toBeCloseTo((100 * (nps.promoters - nps.detractors)) / npsN, 9);
          const checks: [string, number[]][] = [
            ...(['satisfaction', 'image', 'value'] as const).map(
              (i) => [`${i}`, direct.composite[i] ?? []] as [string, number[]],
            ),
            ...Object.entries(direct.dimension),
          ];
          for (const [name, scores] of checks) {
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
            expect(got?.value).toBeCloseTo(m, 7);
            expect(got?.ciLow).toBeCloseTo(m - half, 6);
            expect(got?.ciHigh).toBeCloseTo(m + half, 6);
          }
          for (const [competitor, c] of Object.entries(direct.relative)) {
            const n = c.better + c.same + c.worse;
            const got = section?.relativeValue[competitor];
            expect(got?.n).toBe(n);
            if (n >= 30) expect(got?.value).toBeCloseTo((100 * (c.better - c.worse)) / n, 9);
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
