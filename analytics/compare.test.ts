import { describe, expect, it } from 'vitest';
import { holm, netScoreZTest, twoProportionZTest, welchTTest } from './compare.ts';
import { netPromoterScore } from './indices.ts';
import { mean, sampleStandardDeviation } from 'simple-statistics';

describe('netScoreZTest', () => {
  it('compares 150/100/50 with 100/90/60: Δ 17.333, z 2.640, p 0.0083', () => {
    const current = netPromoterScore({ promoters: 150, passives: 100, detractors: 50 });
    const baseline = netPromoterScore({ promoters: 100, passives: 90, detractors: 60 });
    const test = netScoreZTest(current, baseline);
    expect(test.delta).toBeCloseTo(17.333, 3);
    expect(test.statistic).toBeCloseTo(2.64, 3);
    expect(test.p).toBeCloseTo(0.0083, 4);
  });
});

describe('welchTTest', () => {
  it("gives R's t.test result on the sleep data: t −1.8608, df 17.776, p 0.07939", () => {
    const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const side = (g: number[]) => ({
      mean: mean(g),
      se: sampleStandardDeviation(g) / Math.sqrt(g.length),
      nEff: g.length,
    });
    const test = welchTTest(side(g1), side(g2));
    expect(test.statistic).toBeCloseTo(-1.8608, 4);
    expect(test.df).toBeCloseTo(17.776, 3);
    expect(test.p).toBeCloseTo(0.07939, 5);
  });
});

describe('twoProportionZTest', () => {
  it('pools the two shares', () => {
    // 60/100 against 45/100: pooled 0.525, SE √(0.525·0.475·0.02) = 0.070623, z = 2.1240
    const test = twoProportionZTest({ successes: 60, trials: 100 }, { successes: 45, trials: 100 });
    expect(test.delta).toBeCloseTo(15, 10);
    expect(test.statistic).toBeCloseTo(2.124, 3);
    expect(test.p).toBeCloseTo(0.03367, 4);
  });
});

describe('tests without variance', () => {
  it('give statistic 0 and p 1 when nothing differs, an infinite statistic and p 0 otherwise', () => {
    expect(netScoreZTest({ value: -100, se: 0 }, { value: -100, se: 0 })).toEqual({
      delta: 0,
      se: 0,
      statistic: 0,
      p: 1,
    });
    expect(netScoreZTest({ value: 100, se: 0 }, { value: -100, se: 0 })).toMatchObject({
      statistic: Number.POSITIVE_INFINITY,
      p: 0,
    });
    expect(welchTTest({ mean: 50, se: 0, nEff: 40 }, { mean: 50, se: 0, nEff: 40 })).toMatchObject({
      statistic: 0,
      p: 1,
    });
  });
});

describe('holm', () => {
  it('adjusts step-down and keeps the original order', () => {
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
    const { adjusted, significant } = holm([0.01, 0.04, 0.03, 0.005]);
    expect(adjusted.map((p) => Number(p.toFixed(10)))).toEqual([0.03, 0.06, 0.06, 0.02]);
    expect(significant).toEqual([true, false, false, true]);
  });

  it('handles an empty family', () => {
    expect(holm([])).toEqual({ adjusted: [], significant: [] });
  });
});
