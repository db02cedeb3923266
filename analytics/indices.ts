/**
 * Indices with their 95 % intervals and thin-sample flags (METHODOLOGY.md "Scores", "Thin
 * samples"). Inputs are counts or moments, weighted or not: with weights, counts are sums of
 * weights and `nEff` is Kish's effective size. Each function also returns what a comparison
 * of periods needs (`compare.ts`).
 */
import { Z_95, studentTQuantile } from './distributions.ts';
import type { IndexResult } from './report-schema.ts';

export type { IndexResult } from './report-schema.ts';

export const SUPPRESSED_BELOW = 30;
export const LOW_SAMPLE_BELOW = 100;

/** A net score (NPS, relative value) with its plain standard error, for comparisons. */
export interface NetEstimate {
  kind: 'net';
  index: IndexResult;
  /** 100·(p − d), whatever the sample size. */
  value: number;
  /** Unadjusted: 100·√((p + d − (p − d)²)/n_eff). */
  se: number;
}

/** A mean of respondent scores (composites, dimensions). */
export interface MeanEstimate {
  kind: 'mean';
  index: IndexResult;
  mean: number;
  sd: number;
  nEff: number;
}

/** A share (top-2-box), kept as counts for the pooled two-proportion test. */
export interface ShareEstimate {
  kind: 'share';
  index: IndexResult;
  successes: number;
  trials: number;
}

export function sampleFlags(nEff: number): { lowSample: boolean; suppressed: boolean } {
  return { lowSample: !(nEff >= LOW_SAMPLE_BELOW), suppressed: !(nEff >= SUPPRESSED_BELOW) };
}

/** The INDEX object of API.md, withholding value and interval below n_eff = 30. */
export function indexResult(value: number, ciLow: number, ciHigh: number, n: number, nEff: number): IndexResult {
  const flags = sampleFlags(nEff);
  if (flags.suppressed) return { value: null, ciLow: null, ciHigh: null, n, nEff, ...flags };
  return { value, ciLow, ciHigh, n, nEff, ...flags };
}

export interface NetCounts {
  /** Promoters, or "better" (weighted: sum of weights). */
  positive: number;
  neutral: number;
  negative: number;
  /** Respondents who answered (unweighted); default: the sum of the three counts. */
  n?: number;
  /** Kish effective size; default: the sum of the three counts (unweighted). */
  nEff?: number;
}

/**
 * Net score 100·(p − d) with the adjusted-Wald interval of Rocks (2016): ¾ added to each of the
 * positive and negative counts and 3 to n, then adjusted value ± 1.96·SE on those counts. With
 * weights, p and d are weighted shares and the counts behind them are p·n_eff and d·n_eff.
 */
export function netScore(counts: NetCounts): NetEstimate {
  const total = counts.positive + counts.neutral + counts.negative;
  const n = counts.n ?? total;
  const nEff = counts.nEff ?? total;
  if (!(total > 0))
    return {
      kind: 'net',
      index: indexResult(Number.NaN, Number.NaN, Number.NaN, n, 0),
      value: Number.NaN,
      se: Number.NaN,
    };
  const p = counts.positive / total;
  const d = counts.negative / total;
  const se = 100 * Math.sqrt((p + d - (p - d) ** 2) / nEff);
  const nAdj = nEff + 3;
  const pAdj = (p * nEff + 0.75) / nAdj;
  const dAdj = (d * nEff + 0.75) / nAdj;
  const seAdj = Math.sqrt((pAdj + dAdj - (pAdj - dAdj) ** 2) / nAdj);
  const centre = pAdj - dAdj;
  const value = 100 * (p - d);
  return {
    kind: 'net',
    index: indexResult(value, 100 * (centre - Z_95 * seAdj), 100 * (centre + Z_95 * seAdj), n, nEff),
    value,
    se,
  };
}

export function netPromoterScore(counts: {
  promoters: number;
  passives: number;
  detractors: number;
  n?: number;
  nEff?: number;
}): NetEstimate {
  const { promoters, passives, detractors, ...sizes } = counts;
  return netScore({ positive: promoters, neutral: passives, negative: detractors, ...sizes });
}

/** Relative value against a competitor: 100·(share better − share worse), interval as for NPS. */
export function relativeValueNetScore(counts: {
  better: number;
  same: number;
  worse: number;
  n?: number;
  nEff?: number;
}): NetEstimate {
  const { better, same, worse, ...sizes } = counts;
  return netScore({ positive: better, neutral: same, negative: worse, ...sizes });
}

/**
 * A mean of respondent scores (composite index or dimension): mean ± t(0.975, n_eff − 1)·s/√n_eff.
 * `sd` is the (weighted) sample standard deviation.
 */
export function compositeIndex(moments: { n: number; nEff: number; mean: number; sd: number }): MeanEstimate {
  const { n, nEff, mean, sd } = moments;
  const flags = sampleFlags(nEff);
  if (flags.suppressed || !Number.isFinite(mean)) {
    return { kind: 'mean', index: indexResult(mean, Number.NaN, Number.NaN, n, nEff), mean, sd, nEff };
  }
  const half = studentTQuantile(0.975, nEff - 1) * (sd / Math.sqrt(nEff));
  return { kind: 'mean', index: indexResult(mean, mean - half, mean + half, n, nEff), mean, sd, nEff };
}

/**
 * Top-2-box share in percent. Interval: the adjusted Wald (Agresti–Coull) interval for a
 * proportion, in the spirit of the NPS interval: z²/2 successes and z² trials added. `top` and
 * `total` may be sums of weights.
 */
export function topTwoBox(counts: { top: number; total: number; n?: number; nEff?: number }): ShareEstimate {
  const n = counts.n ?? counts.total;
  const nEff = counts.nEff ?? counts.total;
  if (!(counts.total > 0))
    return { kind: 'share', index: indexResult(Number.NaN, Number.NaN, Number.NaN, n, 0), successes: 0, trials: 0 };
  const share = counts.top / counts.total;
  const z2 = Z_95 * Z_95;
  const nAdj = nEff + z2;
  const centre = (share * nEff + z2 / 2) / nAdj;
  const half = Z_95 * Math.sqrt((centre * (1 - centre)) / nAdj);
  return {
    kind: 'share',
    index: indexResult(100 * share, 100 * (centre - half), 100 * (centre + half), n, nEff),
    successes: share * nEff,
    trials: nEff,
  };
}

/**
 * Durably superior (METHODOLOGY.md, relative value): significantly positive — the whole 95 %
 * interval above 0 — in each of the last `k` closed periods. `periods` run oldest to newest.
 */
export function durablySuperior(periods: readonly IndexResult[], k = 3): boolean {
  const last = periods.slice(-k);
  return last.length === k && last.every((p) => !p.suppressed && p.ciLow !== null && p.ciLow > 0);
}
