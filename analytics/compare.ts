/**
 * Comparing a period with a baseline (METHODOLOGY.md "Comparing periods"): the delta, its
 * standard error, the statistic and a two-sided p-value; Holm's adjustment over a family.
 */
import { normalTwoSidedP, studentTTwoSidedP } from './distributions.ts';
import type { MeanEstimate, NetEstimate, ShareEstimate } from './indices.ts';

/**
 * delta/se, with the limits where a side has no variance at all (every respondent alike):
 * 0 when nothing differs, ±∞ (p = 0) when the values differ.
 */
function ratio(delta: number, se: number): number {
  if (se > 0) return delta / se;
  return delta === 0 ? 0 : Math.sign(delta) * Number.POSITIVE_INFINITY;
}

export interface TestResult {
  delta: number;
  se: number;
  statistic: number;
  p: number;
  /** Welch's test only. */
  df?: number;
}

/** NPS or relative value: z = Δ/√(SE₁² + SE₂²) with the unadjusted SEs. */
export function netScoreZTest(
  current: Pick<NetEstimate, 'value' | 'se'>,
  baseline: Pick<NetEstimate, 'value' | 'se'>,
): TestResult {
  const delta = current.value - baseline.value;
  const se = Math.sqrt(current.se ** 2 + baseline.se ** 2);
  const statistic = ratio(delta, se);
  return { delta, se, statistic, p: normalTwoSidedP(statistic) };
}

/** Pooled two-proportion z-test; delta in percentage points. */
export function twoProportionZTest(
  current: Pick<ShareEstimate, 'successes' | 'trials'>,
  baseline: Pick<ShareEstimate, 'successes' | 'trials'>,
): TestResult {
  const p1 = current.successes / current.trials;
  const p2 = baseline.successes / baseline.trials;
  const pooled = (current.successes + baseline.successes) / (current.trials + baseline.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / current.trials + 1 / baseline.trials));
  const delta = 100 * (p1 - p2);
  const statistic = ratio(p1 - p2, se);
  return { delta, se: 100 * se, statistic, p: normalTwoSidedP(statistic) };
}

/**
 * Welch's t-test on two means, with Welch–Satterthwaite degrees of freedom (n is n_eff). Each
 * side brings the standard error of its mean: s/√n unweighted, linearised when weighted.
 */
export function welchTTest(
  current: Pick<MeanEstimate, 'mean' | 'se' | 'nEff'>,
  baseline: Pick<MeanEstimate, 'mean' | 'se' | 'nEff'>,
): TestResult {
  const v1 = current.se ** 2;
  const v2 = baseline.se ** 2;
  const delta = current.mean - baseline.mean;
  const se = Math.sqrt(v1 + v2);
  const statistic = ratio(delta, se);
  const df =
    se > 0 ? (v1 + v2) ** 2 / (v1 ** 2 / (current.nEff - 1) + v2 ** 2 / (baseline.nEff - 1)) : Number.POSITIVE_INFINITY;
  const p = se > 0 ? studentTTwoSidedP(statistic, df) : normalTwoSidedP(statistic);
  return { delta, se, statistic, p, df };
}

/**
 * Holm's step-down adjustment: the adjusted p-values (monotone, capped at 1) and whether each
 * hypothesis is rejected at `alpha` within the family.
 */
export function holm(pValues: readonly number[], alpha = 0.05): { adjusted: number[]; significant: boolean[] } {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return { adjusted, significant: adjusted.map((p) => p <= alpha) };
}
