import { describe, expect, it } from 'vitest';
import { fisherInterval, quadrants, weightedCorrelation } from './drivers.ts';

/** One respondent per group, as pair sums in units of 100/d points (d = 100: one unit per point). */
const pairOf = (x: number, y: number) => ({ d: 100, n: 1, sx: x, sxx: x * x, sy: y, syy: y * y, sxy: x * y });

describe('weightedCorrelation', () => {
  const x = [3, 4, 2, 5, 4, 3, 5, 1, 2, 4];
  const y = [7, 9, 5, 10, 8, 6, 9, 3, 6, 8];
  const w = [1, 1, 2, 1, 1, 2, 1, 1, 1, 3];

  it('gives the reference weighted r 0.963917, n_eff 8.16667 and Fisher interval [0.813118, 0.993471]', () => {
    const c = weightedCorrelation(x.map((xi, i) => ({ weight: w[i] ?? 1, pair: pairOf(xi, y[i] ?? 0) })));
    expect(c.r).toBeCloseTo(0.963917, 6);
    expect(c.nEff).toBeCloseTo(8.16667, 5);
    expect(c.ciLow).toBeCloseTo(0.813118, 6);
    expect(c.ciHigh).toBeCloseTo(0.993471, 6);
  });

  it('gives the unweighted r 0.962548, and the same whether respondents come one by one or summed', () => {
    const single = weightedCorrelation(x.map((xi, i) => ({ weight: 1, pair: pairOf(xi, y[i] ?? 0) })));
    expect(single.r).toBeCloseTo(0.962548, 6);
    const sum = (k: keyof ReturnType<typeof pairOf>) =>
      x.reduce((s, _, i) => s + (pairOf(x[i] ?? 0, y[i] ?? 0)[k] as number), 0);
    const grouped = weightedCorrelation([
      {
        weight: 1,
        pair: { d: 100, n: 10, sx: sum('sx'), sxx: sum('sxx'), sy: sum('sy'), syy: sum('syy'), sxy: sum('sxy') },
      },
    ]);
    expect(grouped.r).toBeCloseTo(single.r, 12);
  });
});

describe('fisherInterval', () => {
  it('gives [0.339308, 0.632338] for r = 0.5 and n = 103', () => {
    const [low, high] = fisherInterval(0.5, 103);
    expect(low).toBeCloseTo(0.339308, 6);
    expect(high).toBeCloseTo(0.632338, 6);
  });
});

describe('quadrants', () => {
  it('cuts importance and performance at the means of the dimensions shown', () => {
    // means: importance 0.45, performance 60
    expect(
      quadrants([
        { importance: 0.7, performance: 40 },
        { importance: 0.6, performance: 80 },
        { importance: 0.2, performance: 50 },
        { importance: 0.3, performance: 70 },
        { importance: null, performance: 90 },
      ]),
    ).toEqual(['concentrate', 'keep-up', 'low-priority', 'possible-overkill', null]);
  });
});
