/**
 * The distribution functions the indices and tests need and simple-statistics lacks (Student's
 * t with any real degrees of freedom, for intervals and Welch's test) or gives too coarsely.
 */
import { errorFunction, gammaln } from 'simple-statistics';

/**
 * The normal quantile METHODOLOGY.md writes for 95 % intervals. simple-statistics' `probit(0.975)`
 * is an approximation (1.9572) that would move the published NPS interval in its third decimal.
 */
export const Z_95 = 1.96;

/**
 * The 97.5 % quantile of the standard normal to full precision, for the intervals whose published
 * reference values use it: Wilson's for shares and Fisher's for correlations.
 */
export const Z_975 = 1.959963984540054;

/**
 * Two-sided p-value of a standard normal statistic. simple-statistics'
 * `cumulativeStdNormalProbability` reads a table in steps of 0.01 with 4 decimals (p = 0.0082
 * where 0.0083 is right); its `errorFunction` is a continuous approximation to ~1e-7.
 */
export function normalTwoSidedP(z: number): number {
  if (!Number.isFinite(z)) return Number.isNaN(z) ? Number.NaN : 0;
  return Math.min(1, 1 - errorFunction(Math.abs(z) / Math.SQRT2));
}

/** I_x(a, b), the regularized incomplete beta function (continued fraction, Numerical Recipes §6.4). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`incomplete beta needs a > 0 and b > 0, got a=${a}, b=${b}`);
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast only left of its mean; use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a).
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Modified Lentz evaluation of the incomplete beta continued fraction. */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const guard = (v: number) => (Math.abs(v) < tiny ? tiny : v);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** P(|T| ≥ |t|) for Student's t with `df` (real, > 0) degrees of freedom. */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** P(T ≤ t), Student's t cumulative distribution function. */
export function studentTCdf(t: number, df: number): number {
  const tail = studentTTwoSidedP(t, df) / 2;
  return t > 0 ? 1 - tail : tail;
}

/** The density of Student's t with `df` degrees of freedom. */
function studentTDensity(t: number, df: number): number {
  return Math.exp(
    gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

/** Quantiles already solved, by p and df. */
const quantiles = new Map<string, number>();

/**
 * The t with P(T ≤ t) = p, to full double precision: Newton's method on the CDF from the normal
 * quantile's Cornish–Fisher correction, kept inside a bracket that bisection narrows whenever a
 * step would leave it (the CDF is monotone, so the bracket always holds the root). A report asks
 * for one quantile per index: three or four CDF evaluations instead of fifty bisections.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0))
    throw new RangeError(`t quantile needs 0 < p < 1 and df > 0, got p=${p}, df=${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  // A report asks for the same few quantiles (one df per sample size) again and again: once each.
  const key = `${p}|${df}`;
  let t = quantiles.get(key);
  if (t === undefined) {
    if (quantiles.size >= 10_000) quantiles.clear();
    quantiles.set(key, (t = solveTQuantile(p, df)));
  }
  return t;
}

function solveTQuantile(p: number, df: number): number {
  let lo = 0;
  let hi = 2;
  while (studentTCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
  }
  // Cornish–Fisher start for p = 0.975 (and near it); clamped into the bracket.
  const z = Z_975;
  let t = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
  if (!(t > lo && t < hi)) t = (lo + hi) / 2;
  for (let i = 0; i < 100; i++) {
    const f = studentTCdf(t, df) - p;
    if (f === 0) return t;
    if (f < 0) lo = t;
    else hi = t;
    let next = t - f / studentTDensity(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t)) || hi - lo <= 1e-15 * Math.max(1, hi)) return next;
    t = next;
  }
  return t;
}
