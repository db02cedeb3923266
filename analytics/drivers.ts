/**
 * The diagnostic: which dimensions drive the outcome (the recommendation, or the overall question
 * a survey names). A dimension's derived importance is the weighted Pearson correlation between
 * the respondents' dimension score and their outcome answer, over those who gave both, with a 95 %
 * interval by Fisher's z on n_eff − 3; its performance is the dimension's index. Cut at the mean
 * importance and the mean performance of the dimensions shown, they fall in the quadrants of
 * Martilla & James (1977): concentrate here, keep up the good work, low priority, possible overkill.
 */
import { Z_975 } from './distributions.ts';
import { sampleFlags } from './indices.ts';
import { centredPair, type PairMoments } from './moments.ts';
import { type Domain, type PeriodSample, weightOf } from './estimator.ts';
import type { Importance, Quadrant } from './report-schema.ts';

export interface CorrelationInput {
  weight: number;
  pair: PairMoments;
}

/**
 * Weighted Pearson correlation from per-group pair sums (every respondent of a group carrying the
 * group's weight), with Kish's n_eff of the pairs and Fisher's interval.
 */
export function weightedCorrelation(parts: readonly CorrelationInput[]): {
  r: number;
  n: number;
  nEff: number;
  ciLow: number;
  ciHigh: number;
} {
  let n = 0;
  let w = 0;
  let w2 = 0;
  let wx = 0;
  let wy = 0;
  const groups = parts.filter((p) => p.pair.n > 0).map((p) => ({ weight: p.weight, c: centredPair(p.pair) }));
  for (const { weight, c } of groups) {
    n += c.n;
    w += weight * c.n;
    w2 += weight * weight * c.n;
    wx += weight * c.n * c.mx;
    wy += weight * c.n * c.my;
  }
  const mx = wx / w;
  const my = wy / w;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const { weight, c } of groups) {
    sxx += weight * (c.sxx + c.n * (c.mx - mx) ** 2);
    syy += weight * (c.syy + c.n * (c.my - my) ** 2);
    sxy += weight * (c.sxy + c.n * (c.mx - mx) * (c.my - my));
  }
  const nEff = w2 > 0 ? (w * w) / w2 : 0;
  const r = sxx > 0 && syy > 0 ? Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))) : Number.NaN;
  const [ciLow, ciHigh] = fisherInterval(r, nEff);
  return { r, n, nEff, ciLow, ciHigh };
}

/** tanh(atanh r ± z/√(n − 3)): the interval of a correlation on Fisher's z scale. */
export function fisherInterval(r: number, n: number, z = Z_975): [number, number] {
  if (!Number.isFinite(r) || !(n > 3)) return [Number.NaN, Number.NaN];
  if (Math.abs(r) === 1) return [r, r];
  const centre = Math.atanh(r);
  const half = z / Math.sqrt(n - 3);
  return [Math.tanh(centre - half), Math.tanh(centre + half)];
}

/** A dimension's derived importance over a domain, thinness judged on its n_eff like any index. */
export function importanceOf(sample: PeriodSample, domain: Domain, key: string): Importance {
  const weight = weightOf(sample);
  const parts: CorrelationInput[] = [];
  for (const [id, cell] of domain) {
    const pair = cell.drivers[key];
    if (pair) parts.push({ weight: weight(id), pair });
  }
  const c = weightedCorrelation(parts);
  const { suppressed } = sampleFlags(c.nEff);
  if (suppressed || !Number.isFinite(c.r)) {
    return {
      value: null,
      ciLow: null,
      ciHigh: null,
      n: c.n,
      nEff: c.nEff,
      suppressed: true,
      ...(suppressed ? { withheld: 'thin' as const } : {}),
    };
  }
  return {
    value: c.r,
    ciLow: Number.isFinite(c.ciLow) ? c.ciLow : null,
    ciHigh: Number.isFinite(c.ciHigh) ? c.ciHigh : null,
    n: c.n,
    nEff: c.nEff,
    suppressed: false,
  };
}

/**
 * The quadrant of each dimension shown (importance and performance both published), cut at the
 * mean importance and the mean performance of those dimensions.
 */
export function quadrants(
  items: readonly { importance: number | null; performance: number | null }[],
): (Quadrant | null)[] {
  const shown = items.filter((i) => i.importance !== null && i.performance !== null);
  if (shown.length < 2) return items.map(() => null);
  const meanImportance = shown.reduce((s, i) => s + (i.importance ?? 0), 0) / shown.length;
  const meanPerformance = shown.reduce((s, i) => s + (i.performance ?? 0), 0) / shown.length;
  return items.map((i) => {
    if (i.importance === null || i.performance === null) return null;
    const important = i.importance >= meanImportance;
    const performing = i.performance >= meanPerformance;
    if (important) return performing ? 'keep-up' : 'concentrate';
    return performing ? 'possible-overkill' : 'low-priority';
  });
}
