import { describe, expect, it } from 'vitest';
import {
  compositeIndex,
  durablySuperior,
  netPromoterScore,
  relativeValueNetScore,
  sampleFlags,
  shareIndex,
  topTwoBox,
  wilsonInterval,
} from './indices.ts';
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
      withheld: 'thin',
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
  it("uses Student's t on n_eff − 1 degrees of freedom", () => {
    const { index } = compositeIndex({ n: 30, nEff: 30, mean: 50, sd: 10 });
    expect(index.ciLow).not.toBeNull();
    // t(0.975, 29) = 2.04523 (R: qt(0.975, 29))
    expect(index.ciLow).toBeCloseTo(50 - (2.04523 * 10) / Math.sqrt(30), 4);
    expect(index.ciHigh).toBeCloseTo(50 + (2.04523 * 10) / Math.sqrt(30), 4);
    expect(index.lowSample).toBe(true);
  });

  it('uses a given (linearised) standard error instead of s/√n_eff', () => {
    const { index } = compositeIndex({ n: 400, nEff: 300, mean: 50, sd: Number.NaN, se: 2 });
    expect(index.ciHigh).toBeCloseTo(50 + 2 * 1.967929, 4); // R: qt(0.975, 299)
  });

  it('keeps the interval of a mean inside 0–100: a mean of 98.5 reaches 100 at most', () => {
    const { index } = compositeIndex({ n: 40, nEff: 40, mean: 98.5, sd: 8 });
    expect(index.value).toBe(98.5);
    expect(index.ciHigh).toBe(100);
    expect(index.ciLow).toBeCloseTo(98.5 - (2.022691 * 8) / Math.sqrt(40), 5);
  });

  it('applies reverse coding before rescaling', () => {
    expect(rescale(2, { min: 1, max: 7 }, true)).toBeCloseTo(100 * (5 / 6), 12);
  });
});

describe('wilsonInterval', () => {
  it('gives the reference intervals: 30/30 [0.886487, 1], 27/30 [0.743789, 0.965400], 0/45 [0, 0.078652]', () => {
    const close = ([a, b]: [number, number], [x, y]: [number, number]) => {
      expect(a).toBeCloseTo(x, 6);
      expect(b).toBeCloseTo(y, 6);
    };
    close(wilsonInterval(1, 30), [0.886487, 1]);
    close(wilsonInterval(0.9, 30), [0.743789, 0.9654]);
    close(wilsonInterval(0, 45), [0, 0.078652]);
  });
});

describe('bounded intervals', () => {
  it('never leave their scale: NPS 30/0/0, top-2-box 30 of 30 and 0 of 45', () => {
    const nps = netPromoterScore({ promoters: 30, passives: 0, detractors: 0 }).index;
    expect(nps.value).toBe(100);
    expect(nps.ciHigh).toBe(100);
    // adjusted Wald: (30.75 − 0.75)/33 ± 1.96·√((31.5/33 − (30/33)²)/33)
    expect(nps.ciLow).toBeCloseTo(78.6975, 3);
    const all = topTwoBox({ top: 30, total: 30 }).index;
    expect(all.ciHigh).toBe(100);
    expect(all.ciLow).toBeCloseTo(88.6487, 3);
    const none = shareIndex({ top: 0, total: 45 }).index;
    expect(none.ciLow).toBe(0);
    expect(none.ciHigh).toBeCloseTo(7.8652, 3);
  });
});

describe('sampleFlags', () => {
  it('compares n_eff with 30 and 100 with a tolerance of 1e-9', () => {
    expect(sampleFlags(29.999999999999996)).toEqual({ lowSample: true, suppressed: false });
    expect(sampleFlags(99.99999999999999)).toEqual({ lowSample: false, suppressed: false });
    expect(sampleFlags(29.99)).toEqual({ lowSample: true, suppressed: true });
  });
});
