import { describe, expect, it } from 'vitest';
import { compositeIndex, durablySuperior, netPromoterScore, relativeValueNetScore, topTwoBox } from './indices.ts';
import { rescale } from './scoring.ts';
import { REFERENCE_NPS_INDEX } from './testing.ts';

describe('netPromoterScore', () => {
  it('gives the published NPS interval for 150/100/50', () => {
    const nps = netPromoterScore({ promoters: 150, passives: 100, detractors: 50 });
    expect(nps.value).toBeCloseTo(33.333, 3);
    expect(nps.se).toBeCloseTo(4.3033, 4);
    expect((nps.se / 100) ** 2 * 300).toBeCloseTo(5 / 9, 12);
    expect(nps.index).toEqual(REFERENCE_NPS_INDEX);
  });

  it('withholds the value below an effective size of 30 and flags below 100', () => {
    expect(netPromoterScore({ promoters: 10, passives: 9, detractors: 10 }).index).toEqual({
      value: null,
      ciLow: null,
      ciHigh: null,
      n: 29,
      nEff: 29,
      lowSample: true,
      suppressed: true,
    });
    const thin = netPromoterScore({ promoters: 10, passives: 10, detractors: 10 }).index;
    expect(thin).toMatchObject({ value: 0, n: 30, lowSample: true, suppressed: false });
  });

  it('uses weighted shares and n_eff when weighted', () => {
    const weighted = netPromoterScore({ promoters: 75, passives: 50, detractors: 25, n: 300, nEff: 300 });
    const plain = netPromoterScore({ promoters: 150, passives: 100, detractors: 50 });
    expect(weighted.index).toEqual(plain.index);
  });

  it('reports an index nobody answered with n 0', () => {
    expect(netPromoterScore({ promoters: 0, passives: 0, detractors: 0 }).index).toEqual({
      value: null,
      ciLow: null,
      ciHigh: null,
      n: 0,
      nEff: 0,
      lowSample: true,
      suppressed: true,
    });
  });
});

describe('relativeValueNetScore', () => {
  it('is the NPS arithmetic on better/same/worse', () => {
    expect(relativeValueNetScore({ better: 150, same: 100, worse: 50 })).toEqual(
      netPromoterScore({ promoters: 150, passives: 100, detractors: 50 }),
    );
  });
});

describe('durablySuperior', () => {
  const ahead = relativeValueNetScore({ better: 150, same: 100, worse: 50 }).index;
  const level = relativeValueNetScore({ better: 60, same: 100, worse: 50 }).index;
  const thin = relativeValueNetScore({ better: 20, same: 0, worse: 0 }).index;

  it('needs the interval above 0 in each of the last three periods', () => {
    expect(durablySuperior([level, ahead, ahead, ahead])).toBe(true);
    expect(durablySuperior([ahead, level, ahead, ahead])).toBe(false);
    expect(durablySuperior([ahead, ahead])).toBe(false);
  });

  it('never counts a suppressed period', () => {
    expect(durablySuperior([ahead, ahead, thin])).toBe(false);
  });
});

describe('compositeIndex', () => {
  it('gives 74.444 for three 1–10 items with means 8.2, 7.6 and 7.3', () => {
    const dims = [8.2, 7.6, 7.3].map((m) => rescale(m, { min: 1, max: 10 }));
    const mean = dims.reduce((s, x) => s + x, 0) / dims.length;
    expect(mean).toBeCloseTo(74.444, 3);
    expect(compositeIndex({ n: 200, nEff: 200, mean, sd: 10 }).index.value).toBeCloseTo(74.444, 3);
  });

  it("uses Student's t on n_eff − 1 degrees of freedom", () => {
    const { index } = compositeIndex({ n: 30, nEff: 30, mean: 50, sd: 10 });
    // t(0.975, 29) = 2.04523
    expect(index.ciLow).toBeCloseTo(50 - (2.04523 * 10) / Math.sqrt(30), 4);
    expect(index.ciHigh).toBeCloseTo(50 + (2.04523 * 10) / Math.sqrt(30), 4);
    expect(index.lowSample).toBe(true);
  });

  it('applies reverse coding before rescaling', () => {
    expect(rescale(2, { min: 1, max: 7 }, true)).toBeCloseTo(100 * (5 / 6), 12);
  });
});

describe('topTwoBox', () => {
  it('gives the share of 4 and 5 with an interval around it', () => {
    const { index } = topTwoBox({ top: 120, total: 200 });
    expect(index.value).toBeCloseTo(60, 12);
    expect(index.ciLow ?? 0).toBeLessThan(60);
    expect(index.ciHigh ?? 0).toBeGreaterThan(60);
    // Agresti–Coull: centre (120 + 1.9208)/(200 + 3.8416)
    expect(((index.ciLow ?? 0) + (index.ciHigh ?? 0)) / 2).toBeCloseTo((100 * 121.9208) / 203.8416, 3);
  });
});
