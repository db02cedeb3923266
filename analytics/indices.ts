/**
 * Indices with their 95 % intervals and thin-sample flags. Inputs are counts or moments; with
 * weights, counts are sums of weights, `nEff` is Kish's effective size, and the standard error
 * comes from the calibration (linearisation.ts) instead of the sample size. Every interval stays
 * on its scale: shares by construction (Wilson), net scores clipped to −100…100, means to 0…100.
 * Each function also returns what a comparison of periods needs (`compare.ts`).
 */
import { studentTQuantile, Z_95, Z_975 } from './distributions.ts';
import type { IndexResult } from './report-schema.ts';

export type { IndexResult } from './report-schema.ts';

export const SUPPRESSED_BELOW = 30;
export const LOW_SAMPLE_BELOW = 100;
/**
 * Effective sizes are sums of weights: 30 respondents under one post-stratification margin may
 * come out as 29.999999999999996. Thresholds compare with this tolerance, so a group of exactly
 * 30 is shown whatever the targets.
 */
export const SIZE_TOLERANCE = 1e-9;

/** A net score (NPS, relative value) with its plain standard error, for comparisons. */
export interface NetEstimate {
  kind: 'net';
  index: IndexResult;
  /** 100·(p − d), whatever the sample size. */
  value: number;
  /** Unadjusted: 100·√((p + d − (p − d)²)/n_eff), or the linearised one when weighted. */
  se: number;
}

/** A mean of respondent scores (composites, dimensions). */
export interface MeanEstimate {
  kind: 'mean';
  index: IndexResult;
  mean: number;
  /** The standard error of the mean: s/√n unweighted, linearised when weighted. */
  se: number;
  nEff: number;
}

/** A share (top-2-box, an option of a choice), kept as counts for the pooled two-proportion test. */
export interface ShareEstimate {
  kind: 'share';
  index: IndexResult;
  successes: number;
  trials: number;
}

export function sampleFlags(nEff: number): { lowSample: boolean; suppressed: boolean } {
  return {
    lowSample: !(nEff >= LOW_SAMPLE_BELOW - SIZE_TOLERANCE),
    suppressed: !(nEff >= SUPPRESSED_BELOW - SIZE_TOLERANCE),
  };
}

const clip = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));

/** The INDEX object of API.md, withholding value and interval below n_eff = 30. */
export function indexResult(value: number, ciLow: number, ciHigh: number, n: number, nEff: number): IndexResult {
  const flags = sampleFlags(nEff);
  if (flags.suppressed || !Number.isFinite(value)) {
    return {
      value: null,
      ciLow: null,
      ciHigh: null,
      n,
      nEff,
      ...flags,
      ...(flags.suppressed && n > 0 ? { withheld: 'thin' as const } : {}),
    };
  }
  return {
    value,
    ciLow: Number.isFinite(ciLow) ? ciLow : null,
    ciHigh: Number.isFinite(ciHigh) ? ciHigh : null,
    n,
    nEff,
    ...flags,
  };
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
  /** Weighted: the linearised standard error of the score (points); the interval is then score ± 1.96·se. */
  se?: number;
}

/**
 * Net score 100·(p − d). Unweighted, the adjusted-Wald interval of Rocks (2016): ¾ added to each
 * of the positive and negative counts and 3 to n, then adjusted value ± 1.96·SE on those counts.
 * Weighted, the score ± 1.96 times its linearised standard error. Both clipped to −100…100.
 */
export function netScore(counts: NetCounts): NetEstimate {
  const total = counts.positive + counts.neutral + counts.negative;
  const n = counts.n ?? total;
  const nEff = counts.nEff ?? total;
  if (!(total > 0)) {
    return {
      kind: 'net',
      index: indexResult(Number.NaN, Number.NaN, Number.NaN, n, 0),
      value: Number.NaN,
      se: Number.NaN,
    };
  }
  const p = counts.positive / total;
  const d = counts.negative / total;
  const value = 100 * (p - d);
  if (counts.se !== undefined) {
    const half = Z_95 * counts.se;
    const index = indexResult(value, clip(value - half, -100, 100), clip(value + half, -100, 100), n, nEff);
    return { kind: 'net', index, value, se: counts.se };
  }
  const se = 100 * Math.sqrt((p + d - (p - d) ** 2) / nEff);
  const nAdj = nEff + 3;
  const pAdj = (p * nEff + 0.75) / nAdj;
  const dAdj = (d * nEff + 0.75) / nAdj;
  const seAdj = Math.sqrt((pAdj + dAdj - (pAdj - dAdj) ** 2) / nAdj);
  const centre = pAdj - dAdj;
  const low = clip(100 * (centre - Z_95 * seAdj), -100, 100);
  const high = clip(100 * (centre + Z_95 * seAdj), -100, 100);
  return { kind: 'net', index: indexResult(value, low, high, n, nEff), value, se };
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
 * A mean of respondent scores (composite index or dimension): mean ± t(0.975, n_eff − 1)·SE,
 * clipped to 0…100. SE is s/√n_eff unless a linearised one is given (weighted).
 */
export function compositeIndex(moments: {
  n: number;
  nEff: number;
  mean: number;
  sd: number;
  se?: number;
}): MeanEstimate {
  const { n, nEff, mean, sd } = moments;
  const se = moments.se ?? sd / Math.sqrt(nEff);
  const flags = sampleFlags(nEff);
  if (flags.suppressed || !Number.isFinite(mean)) {
    return { kind: 'mean', index: indexResult(mean, Number.NaN, Number.NaN, n, nEff), mean, se, nEff };
  }
  const half = studentTQuantile(0.975, nEff - 1) * se;
  return {
    kind: 'mean',
    index: indexResult(mean, clip(mean - half, 0, 100), clip(mean + half, 0, 100), n, nEff),
    mean,
    se,
    nEff,
  };
}

/**
 * The Wilson score interval of a proportion (z the exact 97.5 % normal quantile): it stays inside
 * 0…1, unlike the Wald interval, and keeps its coverage near 0 and 1 (27 of 30 → 0.7438–0.9654).
 */
export function wilsonInterval(share: number, n: number, z = Z_975): [number, number] {
  if (!(n > 0)) return [Number.NaN, Number.NaN];
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (share + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((share * (1 - share)) / n + z2 / (4 * n * n))) / denominator;
  // At 0 or 1 the bound on that side is exactly the share (the formula gives it up to rounding).
  return [share === 0 ? 0 : clip(centre - half, 0, 1), share === 1 ? 1 : clip(centre + half, 0, 1)];
}

/**
 * A share in percent (top-2-box, an option of a choice) with its Wilson interval. Weighted, the
 * interval uses the effective size the linearised variance implies, p(1 − p)/SE² (Kish's n_eff
 * when the share is 0 or 1). `top` and `total` may be sums of weights.
 */
export function shareIndex(counts: {
  top: number;
  total: number;
  n?: number;
  nEff?: number;
  se?: number;
}): ShareEstimate {
  const n = counts.n ?? counts.total;
  const nEff = counts.nEff ?? counts.total;
  if (!(counts.total > 0)) {
    return { kind: 'share', index: indexResult(Number.NaN, Number.NaN, Number.NaN, n, 0), successes: 0, trials: 0 };
  }
  const share = counts.top / counts.total;
  const variance = counts.se === undefined ? undefined : (counts.se / 100) ** 2;
  const effective = variance && variance > 0 && share > 0 && share < 1 ? (share * (1 - share)) / variance : nEff;
  const [low, high] = wilsonInterval(share, effective);
  return {
    kind: 'share',
    index: indexResult(100 * share, 100 * low, 100 * high, n, nEff),
    successes: share * nEff,
    trials: nEff,
  };
}

/** Top-2-box share in percent: the share of the two highest points of a 5-point item. */
export const topTwoBox = shareIndex;

/**
 * Durably superior (the Mercator's sense): significantly positive — the whole 95 % interval
 * above 0 — in each of the last `k` periods. `periods` run oldest to newest.
 */
export function durablySuperior(periods: readonly IndexResult[], k = 3): boolean {
  const last = periods.slice(-k);
  return last.length === k && last.every((p) => !p.suppressed && p.ciLow !== null && p.ciLow > 0);
}
