import { describe, expect, it } from 'vitest';
import { linearisedMean } from './linearisation.ts';
import { rake } from './weights.ts';

describe('linearisedMean', () => {
  it('gives the reference raking and linearisation: weights, mean 61.3281, SE 5.24488', () => {
    const audience = 'VVVVVVVRRRRR';
    const age = 'YYYOOOOYYOOO';
    const y = [80, 60, 70, 90, 50, 40, 75, 30, 55, 65, 45, 85];
    const cells = ['V|Y', 'V|O', 'R|Y', 'R|O'].map((key) => {
      const [a, g] = key.split('|');
      const ys = y.filter((_, i) => audience[i] === a && age[i] === g);
      const mean = ys.reduce((s, v) => s + v, 0) / ys.length;
      return { a, g, n: ys.length, mean, m2: ys.reduce((s, v) => s + (v - mean) ** 2, 0) };
    });
    const raked = rake(
      cells.map((c) => ({ n: c.n, categories: { audience: c.a ?? '', age: c.g ?? '' } })),
      { audience: { V: 0.5, R: 0.5 }, age: { Y: 0.4, O: 0.6 } },
    );
    const expected = [0.828259, 0.878806, 1.157612, 1.228259];
    raked.weights.forEach((w, i) => {
      expect(w).toBeCloseTo(expected[i] ?? 0, 5);
    });
    const estimate = linearisedMean(
      cells.map((c, i) => ({
        weight: raked.weights[i] ?? 1,
        respondents: c.n,
        categories: [c.a ?? null, c.g ?? null],
        n: c.n,
        mean: c.mean,
        m2: c.m2,
      })),
      () => true,
    );
    expect(estimate.mean).toBeCloseTo(61.3281, 4);
    expect(estimate.se).toBeCloseTo(5.24488, 5);
    expect(estimate.nEff).toBeCloseTo(11.6569, 4);
  });
});
