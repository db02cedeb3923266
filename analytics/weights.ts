/**
 * Weights (METHODOLOGY.md "Weights"). They operate on the CELLS of an aggregate: every respondent
 * of a cell shares its weight, because an aggregate keeps no respondent, only per-cell counts,
 * sums and sums of squares. So a margin must be a cell dimension (audience, locale, channel or a
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
  converged: boolean;
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

/**
 * Iterative proportional fitting: adjust each margin in turn until every targeted category is
 * within `tolerance` (relative) of its target, or `maxPasses`. Respondents in a category
 * without a target keep their weight on that margin; targets are shares of the targeted total.
 * One margin converges in one pass: that is post-stratification, w = (N_h/N)/(n_h/n).
 */
export function rake(
  units: readonly WeightingUnit[],
  targets: WeightingTargets,
  opts: { tolerance?: number; maxPasses?: number } = {},
): RakeResult {
  const tolerance = opts.tolerance ?? 0.001;
  const maxPasses = opts.maxPasses ?? 100;
  const { margins, collapsed, untargeted } = shares(units, targets);
  const weights = units.map(() => 1);
  const totals = (margin: string, share: Map<string, number>) => {
    const t = new Map<string, number>();
    units.forEach((u, i) => {
      const c = u.categories[margin];
      if (c != null && share.has(c)) t.set(c, (t.get(c) ?? 0) + (weights[i] ?? 0) * u.n);
    });
    return { t, all: sum([...t.values()]) };
  };
  const withinTolerance = () =>
    margins.every(({ margin, share }) => {
      const { t, all } = totals(margin, share);
      return [...share].every(([c, s]) => Math.abs((t.get(c) ?? 0) - s * all) <= tolerance * s * all);
    });
  let passes = 0;
  let converged = withinTolerance();
  while (!converged && passes < maxPasses) {
    for (const { margin, share } of margins) {
      const { t, all } = totals(margin, share);
      units.forEach((u, i) => {
        const c = u.categories[margin];
        const current = c == null ? undefined : t.get(c);
        if (c != null && current !== undefined && current > 0)
          weights[i] = ((weights[i] ?? 0) * (share.get(c) ?? 0) * all) / current;
      });
    }
    passes++;
    converged = withinTolerance();
  }
  return { weights, passes, converged, collapsed, untargeted };
}

/** Post-stratification on one margin (a single raking pass is exactly it). */
export function postStratify(
  units: readonly WeightingUnit[],
  margin: string,
  targets: Record<string, number>,
): RakeResult {
  return rake(units, { [margin]: targets });
}

/** Scales weights to a mean of 1 per respondent, caps them at `cap`× the mean, then re-normalises. */
export function capWeights(
  weights: readonly number[],
  counts: readonly number[],
  cap = 5,
): { weights: number[]; capped: number } {
  const n = sum([...counts]);
  const scale = (ws: readonly number[]) => {
    const total = sum(ws.map((w, i) => w * (counts[i] ?? 0)));
    return ws.map((w) => (total > 0 ? (w * n) / total : w));
  };
  let capped = 0;
  const limited = scale(weights).map((w, i) => {
    if (w <= cap) return w;
    capped += counts[i] ?? 0;
    return cap;
  });
  return { weights: scale(limited), capped };
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

/**
 * Weighted mean and standard deviation from per-cell moments. The variance is the weighted mean
 * squared deviation times n_eff/(n_eff − 1), which is the usual sample variance when all weights
 * are equal.
 */
export function weightedMoments(parts: readonly { weight: number; n: number; sum: number; sumSq: number }[]) {
  let n = 0;
  let w = 0;
  let w2 = 0;
  let wx = 0;
  for (const p of parts) {
    n += p.n;
    w += p.weight * p.n;
    w2 += p.weight * p.weight * p.n;
    wx += p.weight * p.sum;
  }
  const mean = wx / w;
  let squares = 0;
  for (const p of parts) squares += p.weight * (p.sumSq - 2 * mean * p.sum + p.n * mean * mean);
  const nEff = w2 > 0 ? (w * w) / w2 : 0;
  const variance = nEff > 1 ? (Math.max(0, squares) / w) * (nEff / (nEff - 1)) : Number.NaN;
  return { n, nEff, mean, sd: Math.sqrt(variance) };
}

/** The margins a survey can be weighted on: the cell dimensions (to check targets before storing them). */
export function weightingMargins(definition: SurveyDefinition): string[] {
  const cells = definition.questions.flatMap((q) => (q.type === 'choice' && q.cell && !q.multiple ? [q.id] : []));
  return ['audience', 'locale', 'channel', ...cells];
}

/** The category of a cell on a margin: audience, locale, channel, or a cell question's answer. */
export function categoryOf(key: CellKey, margin: string): string | null {
  if (margin === 'audience') return key.audience;
  if (margin === 'locale') return key.locale;
  if (margin === 'channel') return key.channel;
  return key.cells[margin] ?? null;
}

export interface CellWeighting {
  /** Weight per respondent, by `cellId`. */
  weights: Map<string, number>;
  info: WeightingInfo;
}

/** Post-stratification (one margin) or raking (several), capped at 5× the mean, for a period's cells. */
export function weightCells(cells: readonly AggregateCell[], targets: WeightingTargets): CellWeighting {
  const margins = Object.keys(targets);
  const units = cells.map((c) => ({
    n: c.responses,
    categories: Object.fromEntries(margins.map((m) => [m, categoryOf(c.key, m)])),
  }));
  const raked = rake(units, targets);
  const counts = units.map((u) => u.n);
  const { weights, capped } = capWeights(raked.weights, counts);
  const nEff = kishEffectiveSize(weights, counts);
  return {
    weights: new Map(cells.map((c, i) => [cellId(c.key), weights[i] ?? 1])),
    info: {
      method: margins.length === 1 ? 'post-stratification' : 'raking',
      targets,
      passes: raked.passes,
      converged: raked.converged,
      collapsed: raked.collapsed,
      untargeted: raked.untargeted,
      capped,
      nEff,
      deff: designEffect(weights, counts),
      cells: cells.map((c, i) => ({ ...c.key, n: c.responses, weight: weights[i] ?? 1 })),
    },
  };
}
