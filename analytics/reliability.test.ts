import { describe, expect, it } from 'vitest';
import { cronbachAlpha } from './reliability.ts';

describe('cronbachAlpha', () => {
  it('gives 0.921764 for the reference 8 respondents × 3 items', () => {
    const rows = [
      [4, 5, 4],
      [3, 3, 2],
      [5, 5, 5],
      [2, 3, 3],
      [4, 4, 5],
      [3, 2, 3],
      [5, 4, 4],
      [1, 2, 2],
    ];
    const sums = [0, 1, 2].map((j) => rows.reduce((s, r) => s + (r[j] ?? 0), 0));
    const products = [
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 1],
      [1, 2],
      [2, 2],
    ].map(([j, l]) => rows.reduce((s, r) => s + (r[j ?? 0] ?? 0) * (r[l ?? 0] ?? 0), 0));
    expect(cronbachAlpha({ n: 8, sums, products }, [25, 25, 25])).toBeCloseTo(0.921764, 6);
    // The common rescaling changes nothing: α is the same on the raw points.
    expect(cronbachAlpha({ n: 8, sums, products }, [1, 1, 1])).toBeCloseTo(0.921764, 6);
  });

  it('has no value for one item or fewer than two respondents', () => {
    expect(cronbachAlpha({ n: 5, sums: [10], products: [30] }, [1])).toBeNaN();
    expect(cronbachAlpha({ n: 1, sums: [1, 2], products: [1, 2, 4] }, [1, 1])).toBeNaN();
  });
});
