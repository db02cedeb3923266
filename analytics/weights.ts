/**
 * Weights (METHODOLOGY.md "Weights"). They operate on the CELLS of an aggregate: every respondent
 * of a cell shares its weight, because an aggregate keeps no respondent, only per-cell counts,
 * sums and sums of squares. So a margin must be a cell dimension (the audience, or a
 * single-choice question marked `cell: true`), and weighted moments come from per-cell n, sum and
 * sumSq (`weightedMoments`), which is exact for cell-constant weights.
 */
import { type AggregateCell, type CellKey, cellId } from './aggregate-schema.ts';
import type { SurveyDefinition } from './questionnaire.ts';
import type { WeightingInfo, WeightingTargets } from './report-schema.ts';

/** A group of respondents sharing one weight: how many, and their category on each margin. */
export interface WeightingUnit {
  n: number;
  categories: Record<string, string | null>;
}

export interface RakeResult {
  /** The weight of each respondent of each unit, in the order of the units. */
  weights: number[];
  passes: number;
  /** Every margin within tolerance and every weight under the cap. */
  converged: boolean;
  /** The largest relative gap between a margin's weighted total and its target. */
  maxGap: number;
  /** Respondents whose weight sits at the cap. */
  capped: number;
  collapsed: { margin: string; category: string }[];
  untargeted: { margin: string; category: string; n: number }[];
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** Target shares per margin, over the categories that have respondents; the others are collapsed. */
function shares(units: readonly WeightingUnit[], targets: WeightingTargets) {
  const collapsed: RakeResult['collapsed'] = [];
  const untargeted = new Map<string, { margin: string; category: string; n: number }>();
  const margins = Object.keys(targets)
    .sort()
    .map((margin) => {
      const wanted = targets[margin] ?? {};
      const present = new Map<string, number>();
      for (const u of units) {
        const c = (Object.hasOwn(u.categories, margin) ? u.categories[margin] : null) ?? null;
        if (c !== null && Object.hasOwn(wanted, c)) present.set(c, (present.get(c) ?? 0) + u.n);
        else {
          const k = JSON.stringify([margin, c]);
          const entry = untargeted.get(k) ?? { margin, category: c ?? '(none)', n: 0 };
          entry.n += u.n;
          untargeted.set(k, entry);
        }
      }
      for (const c of Object.keys(wanted).sort())
        if (!((present.get(c) ?? 0) > 0)) collapsed.push({ margin, category: c });
      const kept = Object.keys(wanted).filter((c) => (present.get(c) ?? 0) > 0);
      const total = sum(kept.map((c) => wanted[c] ?? 0));
      // All targets of the present categories at 0: nothing to aim at, the margin is left alone.
      return { margin, share: new Map(total > 0 ? kept.map((c) => [c, (wanted[c] ?? 0) / total]) : []) };
    });
  return { margins, collapsed, untargeted: [...untargeted.values()] };
}

/** The relative gap between a margin's weighted totals and its targets, at its worst. */
function marginGap(
  units: readonly WeightingUnit[],
  weights: readonly number[],
  margins: ReturnType<typeof shares>['margins'],
): number {
  let worst = 0;
  for (const { margin, share } of margins) {
    const t = new Map<string, number>();
    units.forEach((u, i) => {
      const c = u.categories[margin];
      if (c != null && share.has(c)) t.set(c, (t.get(c) ?? 0) + (weights[i] ?? 0) * u.n);
    });
    const all = sum([...t.values()]);
    for (const [c, s] of share)
      if (s * all > 0) worst = Math.max(worst, Math.abs((t.get(c) ?? 0) - s * all) / (s * all));
  }
  return worst;
}

/** One raking pass: each margin in turn brought to its targets. */
function rakePass(
  units: readonly WeightingUnit[],
  weights: number[],
  margins: ReturnType<typeof shares>['margins'],
): void {
  for (const { margin, share } of margins) {
    const t = new Map<string, number>();
    units.forEach((u, i) => {
      const c = u.categories[margin];
      if (c != null && share.has(c)) t.set(c, (t.get(c) ?? 0) + (weights[i] ?? 0) * u.n);
    });
    const all = sum([...t.values()]);
    units.forEach((u, i) => {
      const c = u.categories[margin];
      const current = c == null ? undefined : t.get(c);
      if (c != null && current !== undefined && current > 0) {
        weights[i] = ((weights[i] ?? 0) * (share.get(c) ?? 0) * all) / current;
      }
    });
  }
}

/** The default stop: every margin within 10⁻⁶ of its target (relative), which fixes four significant digits and more. */
export const RAKING_TOLERANCE = 1e-6;
export const RAKING_MAX_PASSES = 1000;

/**
 * Iterative proportional fitting, trimmed: rake every margin in turn, then cap the weights at
 * `cap`× their mean, and repeat until every weight is under the cap and every margin within
 * `tolerance` (relative) of its target, or `maxPasses` have run. Capping after raking would break
 * the margins, and re-normalising after capping would break the cap: only alternating both until
 * they hold together gives weights that honour both, or an honest `converged: false` with the
 * largest remaining margin gap. Respondents in a category without a target keep their weight on
 * that margin; targets are shares of the targeted total. One margin without a cap converges in
 * one pass: post-stratification, w = (N_h/N)/(n_h/n).
 */
export function rake(
  units: readonly WeightingUnit[],
  targets: WeightingTargets,
  opts: { tolerance?: number; maxPasses?: number; cap?: number } = {},
): RakeResult {
  const tolerance = opts.tolerance ?? RAKING_TOLERANCE;
  const maxPasses = opts.maxPasses ?? RAKING_MAX_PASSES;
  const cap = opts.cap ?? Number.POSITIVE_INFINITY;
  const { margins, collapsed, untargeted } = shares(units, targets);
  const counts = units.map((u) => u.n);
  let weights = units.map(() => 1);
  let capped = 0;
  const holds = () => marginGap(units, weights, margins) <= tolerance && overCap(weights, counts, cap) === 0;
  let passes = 0;
  while (!holds() && passes < maxPasses) {
    const before = weights;
    weights = [...weights];
    rakePass(units, weights, margins);
    const trimmed = capWeights(weights, counts, cap);
    weights = trimmed.weights;
    capped = trimmed.capped;
    passes++;
    // Cap and margins that cannot hold together reach a fixed point: more passes change nothing.
    if (weights.every((w, i) => Math.abs(w - (before[i] ?? 0)) <= 1e-13 * Math.max(1, w))) break;
  }
  const gap = marginGap(units, weights, margins);
  return { weights, passes, converged: holds(), maxGap: gap, capped, collapsed, untargeted };
}

/** Post-stratification on one margin (a single raking pass is exactly it). */
export function postStratify(
  units: readonly WeightingUnit[],
  margin: string,
  targets: Record<string, number>,
): RakeResult {
  return rake(units, { [margin]: targets });
}

/** How many respondents carry a weight over `cap`× the mean (a hair of tolerance for rounding). */
function overCap(weights: readonly number[], counts: readonly number[], cap: number): number {
  if (!Number.isFinite(cap)) return 0;
  const n = sum([...counts]);
  const total = sum(weights.map((w, i) => w * (counts[i] ?? 0)));
  if (!(total > 0)) return 0;
  return weights.reduce((k, w, i) => k + ((w * n) / total > cap * (1 + 1e-12) ? (counts[i] ?? 0) : 0), 0);
}

/**
 * Scales weights to a mean of 1 per respondent and caps them at `cap`× the mean. The capped
 * weights are set so that, after re-normalising, they sit exactly at the cap: the weight taken
 * from the capped is spread over the others (which may push some over the cap in turn, hence the
 * loop), rather than re-normalising everything and leaving the capped above their cap.
 */
export function capWeights(
  weights: readonly number[],
  counts: readonly number[],
  cap = 5,
): { weights: number[]; capped: number } {
  const n = sum([...counts]);
  const total = sum(weights.map((w, i) => w * (counts[i] ?? 0)));
  if (!(total > 0) || !Number.isFinite(cap))
    return { weights: weights.map((w) => (total > 0 ? (w * n) / total : w)), capped: 0 };
  const scaled = weights.map((w) => (w * n) / total);
  const atCap = new Set<number>();
  for (let round = 0; round <= scaled.length; round++) {
    // The others share n − cap·(respondents at the cap), in proportion to their weights.
    const cappedCount = sum([...atCap].map((i) => counts[i] ?? 0));
    const freeTotal = sum(scaled.map((w, i) => (atCap.has(i) ? 0 : w * (counts[i] ?? 0))));
    const factor = freeTotal > 0 ? (n - cap * cappedCount) / freeTotal : 1;
    const next = scaled.map((w, i) => (atCap.has(i) ? cap : w * factor));
    const over = next.flatMap((w, i) => (!atCap.has(i) && w > cap ? [i] : []));
    if (over.length === 0) {
      return { weights: next, capped: cappedCount };
    }
    for (const i of over) atCap.add(i);
  }
  return { weights: scaled.map(() => 1), capped: 0 };
}

/** Kish's effective sample size (Σw)²/Σw²; `counts[i]` respondents share `weights[i]`. */
export function kishEffectiveSize(weights: readonly number[], counts?: readonly number[]): number {
  let sw = 0;
  let sw2 = 0;
  weights.forEach((w, i) => {
    const c = counts?.[i] ?? 1;
    sw += w * c;
    sw2 += w * w * c;
  });
  return sw2 > 0 ? (sw * sw) / sw2 : 0;
}

/** Design effect of weighting n·Σw²/(Σw)² = n / n_eff. */
export function designEffect(weights: readonly number[], counts?: readonly number[]): number {
  const n = counts ? sum([...counts]) : weights.length;
  return n / kishEffectiveSize(weights, counts);
}

/** The margins a survey can be weighted on: the cell dimensions (to check targets before storing them). */
export function weightingMargins(definition: SurveyDefinition): string[] {
  const cells = definition.questions.flatMap((q) => (q.type === 'choice' && q.cell && !q.multiple ? [q.id] : []));
  return ['audience', ...cells];
}

/** The category of a cell on a margin: the audience, or a cell question's answer. */
export function categoryOf(key: CellKey, margin: string): string | null {
  if (margin === 'audience') return key.audience;
  return key.cells[margin] ?? null;
}

export interface CellWeighting {
  /** Weight per respondent, by `cellId`. */
  weights: Map<string, number>;
  /** The margins raked on, with each cell's category: the calibration variables of the linearised variance. */
  margins: string[];
  info: WeightingInfo;
}

/** The weight cap, in multiples of the mean weight. */
export const WEIGHT_CAP = 5;

/** Trimmed raking (post-stratification for one margin) of a period's cells, capped at 5× the mean. */
export function weightCells(cells: readonly AggregateCell[], targets: WeightingTargets): CellWeighting {
  const margins = Object.keys(targets).sort();
  const units = cells.map((c) => ({
    n: c.responses,
    categories: Object.fromEntries(margins.map((m) => [m, categoryOf(c.key, m)])),
  }));
  const raked = rake(units, targets, { cap: WEIGHT_CAP });
  const counts = units.map((u) => u.n);
  const { weights } = raked;
  const total = sum(weights.map((w, i) => w * (counts[i] ?? 0)));
  const achieved = margins.flatMap((margin) => {
    const byCategory = new Map<string, { n: number; w: number }>();
    units.forEach((u, i) => {
      const c = u.categories[margin] ?? '(none)';
      const entry = byCategory.get(c) ?? { n: 0, w: 0 };
      entry.n += u.n;
      entry.w += (weights[i] ?? 0) * u.n;
      byCategory.set(c, entry);
    });
    return [...byCategory]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([category, { n, w }]) => ({ margin, category, n, share: total > 0 ? w / total : 0 }));
  });
  return {
    weights: new Map(cells.map((c, i) => [cellId(c.key), weights[i] ?? 1])),
    margins,
    info: {
      method: margins.length === 1 ? 'post-stratification' : 'raking',
      targets,
      passes: raked.passes,
      converged: raked.converged,
      maxGap: raked.maxGap,
      cap: WEIGHT_CAP,
      collapsed: raked.collapsed,
      untargeted: raked.untargeted,
      capped: raked.capped,
      nEff: kishEffectiveSize(weights, counts),
      deff: designEffect(weights, counts),
      margins: achieved,
    },
  };
}
