import { describe, expect, it } from 'vitest';
import { aggregateResponses } from './aggregate.ts';
import { cellId } from './aggregate-schema.ts';
import { demoDefinition, syntheticResponses } from './synthetic.ts';
import {
  capWeights,
  categoryOf,
  designEffect,
  kishEffectiveSize,
  postStratify,
  rake,
  weightCells,
  weightingMargins,
} from './weights.ts';

describe('rake', () => {
  it('fits the ProportionalFitting.jl README table', () => {
    const seed = [
      [40, 30, 20, 10],
      [35, 50, 100, 75],
      [30, 80, 70, 120],
      [20, 30, 40, 50],
    ];
    const units = seed.flatMap((row, i) => row.map((n, j) => ({ n, categories: { row: `r${i}`, col: `c${j}` } })));
    const targets = {
      row: { r0: 150, r1: 300, r2: 400, r3: 150 },
      col: { c0: 200, c1: 300, c2: 400, c3: 100 },
    };
    // The default stop, not a tighter one: it must reproduce the published table to four significant digits.
    const result = rake(units, targets);
    expect(result.converged).toBe(true);
    const seedTotal = 800;
    const fitted = units.map((u, i) => ((result.weights[i] ?? 0) * u.n * 1000) / seedTotal);
    const expected = [
      [0, 64.5585],
      [1, 46.2325],
      [2, 35.3843],
      [3, 3.82473],
      [12, 28.7516],
      [13, 41.18],
      [14, 63.0347],
      [15, 17.0337],
    ] as const;
    for (const [i, v] of expected) expect(Math.abs((fitted[i] ?? 0) - v) / v).toBeLessThan(5e-5);
  });

  it('stops when every margin is within the tolerance, and not before', () => {
    const units = [
      { n: 10, categories: { a: 'x', b: 'u' } },
      { n: 30, categories: { a: 'y', b: 'u' } },
      { n: 20, categories: { a: 'x', b: 'v' } },
      { n: 5, categories: { a: 'y', b: 'v' } },
    ];
    const targets = { a: { x: 1, y: 1 }, b: { u: 2, v: 1 } };
    const loose = rake(units, targets, { tolerance: 0.05 });
    const tight = rake(units, targets, { tolerance: 1e-9 });
    expect(loose.converged && tight.converged).toBe(true);
    expect(loose.maxGap).toBeLessThanOrEqual(0.05);
    expect(tight.maxGap).toBeLessThanOrEqual(1e-9);
    expect(tight.passes).toBeGreaterThan(loose.passes);
  });

  it('gives up after the pass limit and says so, with the gap left', () => {
    const units = [
      { n: 10, categories: { a: 'x', b: 'u' } },
      { n: 30, categories: { a: 'y', b: 'u' } },
      { n: 20, categories: { a: 'x', b: 'v' } },
      { n: 5, categories: { a: 'y', b: 'v' } },
    ];
    const result = rake(units, { a: { x: 1, y: 1 }, b: { u: 2, v: 1 } }, { tolerance: 1e-12, maxPasses: 2 });
    expect(result.passes).toBe(2);
    expect(result.converged).toBe(false);
    expect(result.maxGap).toBeGreaterThan(1e-12);
  });

  it('alternates capping and raking until both the cap and every margin hold', () => {
    // 100 respondents, a small group that raking alone would weight above 5× the mean.
    const units = [
      { n: 50, categories: { audience: 'visitor', age: 'old' } },
      { n: 10, categories: { audience: 'visitor', age: 'young' } },
      { n: 20, categories: { audience: 'resident', age: 'old' } },
      { n: 14, categories: { audience: 'resident', age: 'young' } },
      { n: 5, categories: { audience: 'investor', age: 'old' } },
      { n: 1, categories: { audience: 'investor', age: 'young' } },
    ];
    const targets = { audience: { visitor: 0.5, resident: 0.3, investor: 0.2 }, age: { old: 0.6, young: 0.4 } };
    const uncapped = rake(units, targets);
    expect(Math.max(...uncapped.weights)).toBeGreaterThan(5);
    const capped = rake(units, targets, { cap: 5 });
    const total = capped.weights.reduce((s, w, i) => s + w * (units[i]?.n ?? 0), 0);
    const largest = Math.max(...capped.weights.map((w) => (w * 100) / total));
    expect(largest).toBeLessThanOrEqual(5 * (1 + 1e-12));
    // The young investor sits at the cap and the others carry what it cannot: both margins hold.
    expect(capped.converged).toBe(true);
    expect(capped.maxGap).toBeLessThanOrEqual(1e-6);
    expect(capped.capped).toBe(1);
  });

  it('reports targets the cap makes unreachable: converged false and the largest margin gap', () => {
    // Investors are 6 of 100 and should weigh half: that needs weights of 8.3, above the cap of 5.
    const units = [
      { n: 94, categories: { a: 'visitor' } },
      { n: 6, categories: { a: 'investor' } },
    ];
    const result = rake(units, { a: { visitor: 0.5, investor: 0.5 } }, { cap: 5 });
    expect(result.converged).toBe(false);
    // At the cap investors weigh 6·5 = 30 of 100: 0.3 against 0.5, a gap of 40 %.
    expect(result.maxGap).toBeCloseTo(0.4, 9);
  });

  it('stops within 0.1 % or after 100 passes by default', () => {
    const units = [
      { n: 10, categories: { a: 'x', b: 'u' } },
      { n: 30, categories: { a: 'y', b: 'u' } },
      { n: 20, categories: { a: 'x', b: 'v' } },
    ];
    const result = rake(units, { a: { x: 1, y: 1 }, b: { u: 2, v: 1 } });
    expect(result.passes).toBeLessThanOrEqual(100);
    expect(result.converged).toBe(true);
  });

  it('collapses a target category nobody is in, and reports it', () => {
    const units = [
      { n: 10, categories: { audience: 'visitor' } },
      { n: 30, categories: { audience: 'resident' } },
    ];
    const result = postStratify(units, 'audience', { visitor: 0.5, resident: 0.3, investor: 0.2 });
    expect(result.collapsed).toEqual([{ margin: 'audience', category: 'investor' }]);
    // visitor gets 5/8 of 40, resident 3/8 of 40
    expect(result.weights[0]).toBeCloseTo(25 / 10, 12);
    expect(result.weights[1]).toBeCloseTo(15 / 30, 12);
    expect(result.weights.every(Number.isFinite)).toBe(true);
  });

  it('post-stratifies with w = (N_h/N)/(n_h/n) in one pass', () => {
    const units = [
      { n: 60, categories: { audience: 'visitor' } },
      { n: 40, categories: { audience: 'resident' } },
    ];
    const result = postStratify(units, 'audience', { visitor: 300, resident: 700 });
    expect(result.passes).toBe(1);
    expect(result.weights[0]).toBeCloseTo(0.3 / 0.6, 12);
    expect(result.weights[1]).toBeCloseTo(0.7 / 0.4, 12);
  });

  it('leaves respondents of untargeted categories at their weight and reports them', () => {
    const units = [
      { n: 10, categories: { origin: 'local' } },
      { n: 10, categories: { origin: 'abroad' } },
      { n: 5, categories: { origin: null } },
    ];
    const result = postStratify(units, 'origin', { local: 3, abroad: 1 });
    expect(result.weights).toEqual([1.5, 0.5, 1]);
    expect(result.untargeted).toEqual([{ margin: 'origin', category: '(none)', n: 5 }]);
  });
});

describe('rake with zero targets', () => {
  it('leaves a margin whose present categories all have a zero target alone', () => {
    const units = [
      { n: 10, categories: { a: 'x' } },
      { n: 5, categories: { a: 'y' } },
    ];
    expect(rake(units, { a: { x: 0, y: 0, z: 1 } }).weights).toEqual([1, 1]);
  });
});

describe('capWeights', () => {
  it('caps at 5× the mean so that the capped stay at 5 after re-normalising to a mean of 1', () => {
    const { weights, capped } = capWeights([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 100], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(capped).toBe(1);
    const mean = weights.reduce((s, w) => s + w, 0) / weights.length;
    expect(mean).toBeCloseTo(1, 12);
    // 11 respondents: the capped one at 5, the other ten share 6
    expect(weights[10]).toBeCloseTo(5, 12);
    expect(weights[0]).toBeCloseTo(0.6, 12);
  });
});

describe('kishEffectiveSize and designEffect', () => {
  it('gives n_eff 5.56522 and deff 1.4375 for weights [1,1,1,1,2,2,3,5]', () => {
    const w = [1, 1, 1, 1, 2, 2, 3, 5];
    expect(kishEffectiveSize(w)).toBeCloseTo(5.56522, 5);
    expect(designEffect(w)).toBeCloseTo(1.4375, 12);
  });

  it('counts respondents sharing a weight', () => {
    expect(kishEffectiveSize([1, 2, 3, 5], [4, 2, 1, 1])).toBeCloseTo(5.56522, 5);
    expect(designEffect([1, 2, 3, 5], [4, 2, 1, 1])).toBeCloseTo(1.4375, 12);
  });
});

describe('weightCells', () => {
  const definition = demoDefinition();
  const responses = syntheticResponses(definition, { surveyId: 'demo', day: '2026-10-05', count: 3000, seed: 7 });
  const { cells } = aggregateResponses(responses, new Map([[1, definition]]), { surveyId: 'demo', day: '2026-10-05' });

  it('rakes on two cell margins until each is within 10⁻⁶ of its target', () => {
    const targets = {
      audience: { visitor: 0.5, resident: 0.4, investor: 0.1 },
      origin: { local: 0.5, france: 0.3, abroad: 0.2 },
    };
    const { weights, info } = weightCells(cells, targets);
    expect(info).toMatchObject({ method: 'raking', converged: true, capped: 0, collapsed: [], cap: 5 });
    expect(info.maxGap).toBeLessThanOrEqual(1e-6);
    expect(info.deff).toBeGreaterThan(1);
    expect(info.nEff).toBeCloseTo(responses.length / info.deff, 6);
    for (const [margin, wanted] of Object.entries(targets)) {
      const totals = new Map<string, number>();
      let all = 0;
      for (const c of cells) {
        const category = categoryOf(c.key, margin);
        if (category === null) continue;
        const w = (weights.get(cellId(c.key)) ?? Number.NaN) * c.responses;
        totals.set(category, (totals.get(category) ?? 0) + w);
        all += w;
      }
      for (const [category, share] of Object.entries(wanted))
        expect(Math.abs((totals.get(category) ?? 0) / all - share) / share).toBeLessThan(1e-6);
    }
    // The report publishes each margin category's weighted share, not the cells' weights.
    const visitor = info.margins.find((m) => m.margin === 'audience' && m.category === 'visitor');
    expect(visitor?.share).toBeCloseTo(0.5, 6);
  });

  it('names the margins a survey can be weighted on', () => {
    expect(weightingMargins(definition)).toEqual(['audience', 'origin']);
  });
});
