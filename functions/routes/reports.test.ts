import { mean, sampleStandardDeviation } from 'simple-statistics';
import { beforeAll, describe, expect, it } from 'vitest';
import { daysBetween } from '#analytics/calendar.ts';
import { aggregateSurveyDays } from '../nightly/job.ts';
import { newResponseId, testApp } from '../testing/harness.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
let territory: { id: string; adminKey: string };

beforeAll(async () => {
  t = await testApp({ now: () => NOW });
  territory = await t.createTerritory({ limits: { submissionsPerMinute: 100_000 } });
});

/** A small deterministic generator, so the fixture is the same on every run. */
function generator(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}

async function post(surveyId: string, body: Record<string, unknown>) {
  const res = await t.call('POST', `/v1/surveys/${surveyId}/responses`, {
    body: { id: newResponseId(), locale: 'fr', ...body },
  });
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
}

/** Independent NPS: the definition of docs/methodology.md, counted from raw answers. */
function npsOf(scores: number[]) {
  const n = scores.length;
  const p = scores.filter((s) => s >= 9).length;
  const d = scores.filter((s) => s <= 6).length;
  const pa = (p + 0.75) / (n + 3);
  const da = (d + 0.75) / (n + 3);
  const se = 100 * Math.sqrt((pa + da - (pa - da) ** 2) / (n + 3));
  return { value: (100 * (p - d)) / n, ciLow: 100 * (pa - da) - 1.96 * se, ciHigh: 100 * (pa - da) + 1.96 * se, n };
}

/** Student's t quantile by the Cornish–Fisher expansion (independent of our incomplete beta). */
function tQuantile975(df: number) {
  const z = 1.959964;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3;
}

describe('reports built from aggregates of responses posted over several days', () => {
  let surveyId: string;
  const raw: { audience: string; answers: Record<string, number> }[] = [];
  const days = daysBetween('2026-11-10', '2026-11-19');

  beforeAll(async () => {
    surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
    const rnd = generator(42);
    const plan: [string, number][] = [
      ['visitor', 140],
      ['resident', 60],
      ['investor', 12],
    ];
    for (const [audience, count] of plan) {
      for (let i = 0; i < count; i++) {
        const answers: Record<string, number> = {
          recommend: 3 + rnd(8),
          sat_welcome: 1 + rnd(5),
          sat_heritage: 2 + rnd(4),
        };
        if (rnd(3) > 0) answers.sat_transport = 1 + rnd(5);
        answers.img_place = 1 + rnd(7);
        answers.vs_nimes = 1 + rnd(5);
        raw.push({ audience, answers });
        const day = days[i % days.length];
        await post(surveyId, { audience, answers, submittedAt: `${day}T15:00:00+01:00` });
      }
    }
    const agg = await t.call('POST', `/v1/territories/${territory.id}/aggregations`, {
      key: territory.adminKey,
      body: { from: days[0], to: days.at(-1) },
    });
    expect(agg.status).toBe(200);
    expect(agg.json).toEqual({ days: days.length, responses: raw.length });
  });

  it('gives the NPS of docs/methodology.md, overall and by audience, with its adjusted-Wald interval', async () => {
    const { json: report } = await t.call('GET', `/v1/surveys/${surveyId}/report?from=2026-11-01&to=2026-11-30`, {
      key: territory.adminKey,
    });
    expect(report.overall.n).toBe(raw.length);
    // The 12 investors are too few to show: the overall leaves them out, or subtracting the
    // visitors and residents from it would give them away.
    const shown = raw.filter((r) => r.audience !== 'investor');
    const expected = npsOf(shown.map((r) => r.answers.recommend ?? 0));
    expect(report.overall.indices.nps.value).toBeCloseTo(expected.value, 9);
    expect(report.overall.indices.nps.ciLow).toBeCloseTo(expected.ciLow, 9);
    expect(report.overall.indices.nps.ciHigh).toBeCloseTo(expected.ciHigh, 9);
    expect(report.overall.indices.nps.n).toBe(expected.n);
    const visitors = npsOf(raw.filter((r) => r.audience === 'visitor').map((r) => r.answers.recommend ?? 0));
    expect(report.byAudience.visitor.indices.nps.value).toBeCloseTo(visitors.value, 9);
    expect(report.byAudience.visitor.indices.nps.lowSample).toBe(false);
  });

  it('gives the composite satisfaction index: mean of respondent means of dimension means, with a t interval', async () => {
    const { json: report } = await t.call('GET', `/v1/surveys/${surveyId}/report?from=2026-11-10&to=2026-11-19`, {
      key: territory.adminKey,
    });
    const rescale = (x: number) => (100 * (x - 1)) / 4;
    const scores = raw
      .filter((r) => r.audience !== 'investor')
      .map((r) => {
        const dims = ['sat_welcome', 'sat_heritage', 'sat_transport'].flatMap((q) =>
          r.answers[q] === undefined ? [] : [rescale(r.answers[q])],
        );
        return mean(dims);
      });
    const sat = report.overall.indices.satisfaction;
    expect(sat.n).toBe(scores.length);
    expect(sat.value).toBeCloseTo(mean(scores), 9);
    const half = (tQuantile975(scores.length - 1) * sampleStandardDeviation(scores)) / Math.sqrt(scores.length);
    expect(sat.ciHigh - sat.value).toBeCloseTo(half, 4);
    const transport = raw
      .filter((r) => r.audience !== 'investor')
      .flatMap((r) => (r.answers.sat_transport === undefined ? [] : [rescale(r.answers.sat_transport)]));
    expect(report.overall.dimensions.satisfaction.transport.value).toBeCloseTo(mean(transport), 9);
    expect(report.overall.dimensions.satisfaction.transport.n).toBe(transport.length);
  });

  it('withholds the values of a thin audience and flags low samples', async () => {
    const { json: report } = await t.call('GET', `/v1/surveys/${surveyId}/report?from=2026-11-10&to=2026-11-19`, {
      key: territory.adminKey,
    });
    expect(report.byAudience.investor.indices.nps).toMatchObject({
      value: null,
      ciLow: null,
      ciHigh: null,
      n: 12,
      suppressed: true,
      lowSample: true,
    });
    expect(report.byAudience.resident.indices.nps).toMatchObject({ n: 60, suppressed: false, lowSample: true });
    expect(report.byAudience.resident.indices.nps.value).not.toBeNull();
  });

  it('refuses a baseline that is not closed, and periods the wrong way round', async () => {
    const open = await t.call(
      'GET',
      `/v1/surveys/${surveyId}/report?from=2026-11-10&to=2026-11-19&baselineFrom=2026-11-01&baselineTo=2026-11-23`,
      { key: territory.adminKey },
    );
    expect(open.status).toBe(400);
    expect(open.json.error.issues[0].path).toBe('baselineTo');
    const reversed = await t.call('GET', `/v1/surveys/${surveyId}/report?from=2026-11-19&to=2026-11-10`, {
      key: territory.adminKey,
    });
    expect(reversed.status).toBe(400);
  });

  it('weights to population targets an admin sets, and says which weights and design effect', async () => {
    const bad = await t.call('PUT', `/v1/surveys/${surveyId}/report-settings`, {
      key: territory.adminKey,
      body: { weighting: { age: { young: 1 } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe('weighting.age');
    const set = await t.call('PUT', `/v1/surveys/${surveyId}/report-settings`, {
      key: territory.adminKey,
      body: {
        weighting: { audience: { visitor: 0.5, resident: 0.4, investor: 0.1 } },
        objectives: [{ index: 'nps', target: -100 }],
      },
    });
    expect(set.status).toBe(200);
    const { json: report } = await t.call('GET', `/v1/surveys/${surveyId}/report?from=2026-11-10&to=2026-11-19`, {
      key: territory.adminKey,
    });
    expect(report.weighting.method).toBe('post-stratification');
    expect(report.weighting.deff).toBeGreaterThan(1);
    // Independent: one margin, w_h = (N_h/N)/(n_h/n); Kish n_eff = (Σw)²/Σw².
    const n = raw.length;
    const counts = { visitor: 140, resident: 60, investor: 12 };
    const targets = { visitor: 0.5, resident: 0.4, investor: 0.1 };
    const w = Object.fromEntries(
      Object.entries(counts).map(([a, c]) => [a, targets[a as keyof typeof targets] / (c / n)]),
    );
    // The weights come from every respondent; the overall leaves out the 12 investors (too few to show).
    const shown = raw.filter((r) => r.audience !== 'investor');
    const sumW = shown.reduce((s, r) => s + (w[r.audience] ?? 0), 0);
    const sumW2 = shown.reduce((s, r) => s + (w[r.audience] ?? 0) ** 2, 0);
    expect(report.overall.indices.nps.nEff).toBeCloseTo(sumW ** 2 / sumW2, 6);
    const weightedNps =
      (100 *
        shown.reduce(
          (s, r) =>
            s + (w[r.audience] ?? 0) * ((r.answers.recommend ?? 0) >= 9 ? 1 : (r.answers.recommend ?? 0) <= 6 ? -1 : 0),
          0,
        )) /
      sumW;
    expect(report.overall.indices.nps.value).toBeCloseTo(weightedNps, 6);
    expect(report.objectives[0]).toMatchObject({ index: 'nps', target: -100, ciAboveTarget: true });
    await t.call('PUT', `/v1/surveys/${surveyId}/report-settings`, { key: territory.adminKey, body: {} });
  });

  it('is read by evaluators of the territory and nobody else', async () => {
    const ev = await t.call('POST', `/v1/territories/${territory.id}/keys`, {
      key: territory.adminKey,
      body: { role: 'evaluator', label: 'Cabinet' },
    });
    expect(
      (await t.call('GET', `/v1/surveys/${surveyId}/report?from=2026-11-10&to=2026-11-19`, { key: ev.json.key }))
        .status,
    ).toBe(200);
    const other = await t.createTerritory();
    expect(
      (await t.call('GET', `/v1/surveys/${surveyId}/report?from=2026-11-10&to=2026-11-19`, { key: other.adminKey }))
        .status,
    ).toBe(404);
  });
});

describe('comparing a period with its baseline', () => {
  it('reproduces the reference case 150/100/50 against 100/90/60: Δ 17.333, z 2.640, p 0.0083', async () => {
    const surveyId = await t.createLiveSurvey(territory.id, territory.adminKey, {
      title: { fr: 'NPS' },
      audiences: ['visitor'],
      questions: [{ id: 'recommend', type: 'nps', label: { fr: 'Recommanderiez-vous ?' } }],
    });
    const counts = (p: number, pa: number, d: number) =>
      [...Array(p).fill(10), ...Array(pa).fill(8), ...Array(d).fill(3)] as number[];
    const send = async (scores: number[], day: string) => {
      for (const s of scores)
        await post(surveyId, { audience: 'visitor', answers: { recommend: s }, submittedAt: `${day}T12:00:00+01:00` });
    };
    await send(counts(150, 100, 50), '2026-11-12');
    await send(counts(100, 90, 60), '2026-10-28');
    await t.call('POST', `/v1/territories/${territory.id}/aggregations`, {
      key: territory.adminKey,
      body: { from: '2026-10-26', to: '2026-11-13' },
    });
    const res = await t.call(
      'GET',
      `/v1/surveys/${surveyId}/report?from=2026-11-10&to=2026-11-15&baselineFrom=2026-10-26&baselineTo=2026-11-01`,
      {
        key: territory.adminKey,
      },
    );
    expect(res.status).toBe(200);
    const nps = res.json.comparison.overall.nps;
    expect(nps.delta).toBeCloseTo(17.333, 3);
    expect(nps.statistic).toBeCloseTo(2.64, 2);
    expect(nps.p).toBeCloseTo(0.0083, 4);
    expect(nps.significant).toBe(true);
  });
});

describe('the nightly job (its dirty-day marks: nightly/dirty-days.test.ts)', () => {
  it('gives identical aggregates when a run is killed halfway and started again, or run twice', async () => {
    const surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
    const rnd = generator(7);
    const days = daysBetween('2026-11-01', '2026-11-08');
    for (const day of days) {
      for (let i = 0; i < 5; i++)
        await post(surveyId, {
          audience: 'visitor',
          answers: { recommend: rnd(11), sat_welcome: 1 + rnd(5) },
          submittedAt: `${day}T09:00:00+01:00`,
        });
    }
    const ctx = { stores: t.deps.stores, now: t.deps.now };
    await aggregateSurveyDays(ctx, surveyId, days);
    const reference = await t.deps.stores.aggregates.days(surveyId, days[0]!, days.at(-1)!);
    for (const day of days) await t.deps.stores.aggregates.deleteDay(surveyId, day);
    await aggregateSurveyDays(ctx, surveyId, days.slice(0, 3)); // the run that was killed
    await aggregateSurveyDays(ctx, surveyId, days);
    await aggregateSurveyDays(ctx, surveyId, days);
    expect(await t.deps.stores.aggregates.days(surveyId, days[0]!, days.at(-1)!)).toEqual(reference);
    const [month] = await t.deps.stores.aggregates.months(surveyId, '2026-11-01', '2026-11-30');
    expect(month?.aggregate.responses).toBe(40);
  });
});

describe('days in the territory time zone across daylight saving', () => {
  it.each([
    ['2026-03-28T22:59:59Z', '2026-03-28'],
    ['2026-03-28T23:00:00Z', '2026-03-29'],
    ['2026-03-29T21:59:59Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    ['2026-10-24T21:59:59Z', '2026-10-24'],
    ['2026-10-24T22:00:00Z', '2026-10-25'],
    ['2026-10-25T22:59:59Z', '2026-10-25'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
  ])('a response at %s counts for %s in Europe/Paris', async (instant, day) => {
    const local = await testApp({ now: () => new Date(Date.parse(instant) + 60_000) });
    const tt = await local.createTerritory();
    const surveyId = await local.createLiveSurvey(tt.id, tt.adminKey);
    const id = newResponseId();
    const res = await local.call('POST', `/v1/surveys/${surveyId}/responses`, {
      body: { id, audience: 'visitor', locale: 'fr', answers: { recommend: 9 }, submittedAt: instant },
    });
    expect(res.status).toBe(201);
    expect((await local.deps.stores.responses.get(id))?.day).toBe(day);
  });
});
