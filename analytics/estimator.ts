/**
 * Estimates over the cells of a period, for any domain (everyone, or one audience): means,
 * net scores and shares with their standard errors. Unweighted, the classic formulas on exact
 * sums; weighted (raked or post-stratified cells), weighted sums with the linearised variance
 * of the calibration (linearisation.ts).
 */
import { type AggregateCell, cellId, type NetCell } from './aggregate-schema.ts';
import {
  compositeIndex,
  type MeanEstimate,
  type NetEstimate,
  netScore,
  type ShareEstimate,
  shareIndex,
} from './indices.ts';
import { type CalibratedCell, linearisedMean } from './linearisation.ts';
import { addMoments, meanAndM2, type Moments } from './moments.ts';
import type { WeightingInfo, WeightingTargets } from './report-schema.ts';
import { categoryOf, weightCells } from './weights.ts';

/** A period's cells, each with the weight its respondents carry and its calibration categories. */
export interface PeriodSample {
  cells: readonly AggregateCell[];
  weights: readonly number[];
  /** Per cell, its category on each calibration margin (empty when unweighted). */
  categories: readonly (string | null)[][];
  weighted: boolean;
  weighting: WeightingInfo | null;
}

export function periodSample(cells: readonly AggregateCell[], targets?: WeightingTargets): PeriodSample {
  if (!targets || Object.keys(targets).length === 0 || cells.length === 0) {
    return { cells, weights: cells.map(() => 1), categories: cells.map(() => []), weighted: false, weighting: null };
  }
  const w = weightCells(cells, targets);
  return {
    cells,
    weights: cells.map((c) => w.weights.get(cellId(c.key)) ?? 1),
    categories: cells.map((c) => w.margins.map((m) => categoryOf(c.key, m))),
    weighted: true,
    weighting: w.info,
  };
}

/**
 * The respondents an estimate rests on: cells by `cellId`, each the sum of the months the estimate
 * rests on (added up on their rows, period.ts), a subset of the period’s cell of that id, so it
 * shares its weight.
 */
export type Domain = ReadonlyMap<string, AggregateCell>;

/** Per cell of the domain, the measure's n, mean and sum of squared deviations (points). */
type CellStats = (cell: AggregateCell) => { n: number; mean: number; m2: number } | undefined;

const weightsOf = new WeakMap<PeriodSample, (id: string) => number>();

/** Each cell's weight by `cellId`: made once per sample, as every estimate of a report asks for it. */
export const weightOf = (sample: PeriodSample) => {
  let weight = weightsOf.get(sample);
  if (!weight) {
    const byId = new Map(sample.cells.map((c, i) => [cellId(c.key), sample.weights[i] ?? 1]));
    weight = (id: string) => byId.get(id) ?? 1;
    weightsOf.set(sample, weight);
  }
  return weight;
};

/** The domain's values linearised over the whole period's calibration. */
function linearised(sample: PeriodSample, domain: Domain, stats: CellStats) {
  const calibrated: CalibratedCell[] = sample.cells.map((cell, i) => {
    const own = domain.get(cellId(cell.key));
    const s = own ? stats(own) : undefined;
    return {
      weight: sample.weights[i] ?? 1,
      respondents: cell.responses,
      categories: sample.categories[i] ?? [],
      n: s?.n ?? 0,
      mean: s && s.n > 0 ? s.mean : 0,
      m2: s && s.n > 0 ? s.m2 : 0,
    };
  });
  return linearisedMean(calibrated, (i) => (calibrated[i]?.n ?? 0) > 0);
}

/** The mean of respondent scores (a composite, a dimension) over a domain. */
export function meanEstimate(
  sample: PeriodSample,
  domain: Domain,
  moments: (cell: AggregateCell) => Moments | undefined,
): MeanEstimate {
  const parts: Moments[] = [];
  for (const cell of domain.values()) {
    const m = moments(cell);
    if (m && m.n > 0) parts.push(m);
  }
  const total = meanAndM2(addMoments(parts));
  if (!sample.weighted || total.n === 0) {
    const sd = total.n > 1 ? Math.sqrt(total.m2 / (total.n - 1)) : Number.NaN;
    return compositeIndex({ n: total.n, nEff: total.n, mean: total.mean, sd });
  }
  const est = linearised(sample, domain, (cell) => {
    const m = moments(cell);
    return m && m.n > 0 ? meanAndM2(m) : undefined;
  });
  return compositeIndex({ n: total.n, nEff: est.nEff, mean: est.mean, sd: Number.NaN, se: est.se });
}

/** The +100/0/−100 scores of a net score, as a cell's n, mean and squared deviations. */
function netStats(net: NetCell | undefined) {
  if (!net) return undefined;
  const n = net.positive + net.neutral + net.negative;
  if (n === 0) return undefined;
  const mean = (100 * (net.positive - net.negative)) / n;
  return { n, mean, m2: 10_000 * (net.positive + net.negative) - n * mean * mean };
}

/** NPS or relative value over a domain. */
export function netEstimate(
  sample: PeriodSample,
  domain: Domain,
  counts: (cell: AggregateCell) => NetCell | undefined,
): NetEstimate {
  const weight = weightOf(sample);
  let positive = 0;
  let neutral = 0;
  let negative = 0;
  let n = 0;
  for (const [id, cell] of domain) {
    const c = counts(cell);
    if (!c) continue;
    const w = weight(id);
    positive += w * c.positive;
    neutral += w * c.neutral;
    negative += w * c.negative;
    n += c.positive + c.neutral + c.negative;
  }
  if (!sample.weighted) return netScore({ positive, neutral, negative, n, nEff: n });
  const est = linearised(sample, domain, (cell) => netStats(counts(cell)));
  return netScore({ positive, neutral, negative, n, nEff: est.nEff, se: est.se });
}

/** A share (top-2-box, an option chosen) over a domain: `top` of `n` in each cell. */
export function shareEstimate(
  sample: PeriodSample,
  domain: Domain,
  counts: (cell: AggregateCell) => { n: number; top: number } | undefined,
): ShareEstimate {
  const weight = weightOf(sample);
  let top = 0;
  let total = 0;
  let n = 0;
  for (const [id, cell] of domain) {
    const c = counts(cell);
    if (!c) continue;
    const w = weight(id);
    top += w * c.top;
    total += w * c.n;
    n += c.n;
  }
  if (!sample.weighted) return shareIndex({ top, total, n, nEff: n });
  const est = linearised(sample, domain, (cell) => {
    const c = counts(cell);
    if (!c || c.n === 0) return undefined;
    const mean = (100 * c.top) / c.n;
    return { n: c.n, mean, m2: 10_000 * c.top - c.n * mean * mean };
  });
  return shareIndex({ top, total, n, nEff: est.nEff, se: est.se });
}
