import { describe, expect, it } from 'vitest';
import {
  normalTwoSidedP,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
} from './distributions.ts';

describe('regularizedIncompleteBeta', () => {
  it('matches closed forms: I_x(1, 1) = x and I_x(a, 1) = x^a', () => {
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(regularizedIncompleteBeta(0.7, 3, 1)).toBeCloseTo(0.343, 12);
    expect(regularizedIncompleteBeta(0.2, 2.5, 2.5)).toBeCloseTo(1 - regularizedIncompleteBeta(0.8, 2.5, 2.5), 12);
  });

  it('is 0 and 1 at the ends', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});

describe("Student's t", () => {
  it('gives the tabulated 97.5 % quantiles', () => {
    // Standard tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.045, 3);
    expect(studentTQuantile(0.975, 100)).toBeCloseTo(1.984, 3);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228, 3);
  });

  it('has a CDF that inverts its quantile, including for fractional degrees of freedom', () => {
    for (const df of [1.5, 17.776, 250]) {
      for (const p of [0.01, 0.3, 0.9, 0.999]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
    }
  });

  it('matches the Cauchy distribution at one degree of freedom', () => {
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
    expect(studentTTwoSidedP(-1, 1)).toBeCloseTo(0.5, 12);
  });
});

describe('normalTwoSidedP', () => {
  it('gives 0.05 at 1.959964 and 1 at 0', () => {
    expect(normalTwoSidedP(1.959964)).toBeCloseTo(0.05, 6);
    expect(normalTwoSidedP(-1.959964)).toBeCloseTo(0.05, 6);
    expect(normalTwoSidedP(0)).toBeCloseTo(1, 6);
  });
});
