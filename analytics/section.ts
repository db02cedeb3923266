/**
 * One report section (overall, or one audience) from weighted cells of a merged aggregate: every
 * index is computed from per-cell counts and moments, never from respondents.
 */
import type { AggregateCell, NetCell, ScoreStats } from './aggregate-schema.ts';
import {
  type MeanEstimate,
  type NetEstimate,
  type ShareEstimate,
  compositeIndex,
  netScore,
  topTwoBox,
} from './indices.ts';
import type { HeadlineIndex, ReportSection } from './report-schema.ts';
import { COMPOSITE_INDICES, type CompositeIndexName } from './scoring.ts';
import { weightedMoments } from './weights.ts';

/** A cell and the weight each of its respondents carries (1 when unweighted). */
export interface WeightedCell {
  weight: number;
  cell: AggregateCell;
}

/** The names every section lists, so that all sections of a report have the same keys. */
export interface SectionNames {
  dimensions: Record<CompositeIndexName, string[]>;
  competitors: string[];
  topTwoBoxItems: string[];
}

export interface SectionEstimates {
  section: ReportSection;
  /** The headline indices with what comparisons need. */
  headline: Record<Exclude<HeadlineIndex, 'nps'>, MeanEstimate> & {
    nps: NetEstimate;
    relativeValue: Map<string, NetEstimate>;
  };
  topTwoBox: Map<string, ShareEstimate>;
}

/** Σ weight·count for each count, the respondents counted (n) and their Kish n_eff. */
function weightedCounts<T>(
  parts: readonly { weight: number; item: T | undefined }[],
  size: (t: T) => number,
  counts: ((t: T) => number)[],
) {
  const sums = counts.map(() => 0);
  let n = 0;
  let w = 0;
  let w2 = 0;
  for (const { weight, item } of parts) {
    if (item === undefined) continue;
    const k = size(item);
    n += k;
    w += weight * k;
    w2 += weight * weight * k;
    counts.forEach((count, i) => {
      sums[i] = (sums[i] ?? 0) + weight * count(item);
    });
  }
  return { sums, n, nEff: w2 > 0 ? (w * w) / w2 : 0 };
}

function netOf(parts: { weight: number; item: NetCell | undefined }[]): NetEstimate {
  const { sums, n, nEff } = weightedCounts(parts, (net) => net.positive + net.neutral + net.negative, [
    (net) => net.positive,
    (net) => net.neutral,
    (net) => net.negative,
  ]);
  const [positive = 0, neutral = 0, negative = 0] = sums;
  return netScore({ positive, neutral, negative, n, nEff });
}

function meanOf(parts: { weight: number; stats: ScoreStats | undefined }[]): MeanEstimate {
  const present = parts.flatMap(({ weight, stats }) =>
    stats && stats.n > 0 ? [{ weight, n: stats.n, sum: stats.sum, sumSq: stats.sumSq }] : [],
  );
  return compositeIndex(weightedMoments(present));
}

function shareOf(parts: { weight: number; item: { n: number; top: number } | undefined }[]): ShareEstimate {
  const { sums, n, nEff } = weightedCounts(parts, (box) => box.n, [(box) => box.top, (box) => box.n]);
  const [top = 0, total = 0] = sums;
  return topTwoBox({ top, total, n, nEff });
}

export function sectionOf(cells: readonly WeightedCell[], names: SectionNames): SectionEstimates {
  const composite = (index: CompositeIndexName) =>
    meanOf(cells.map(({ weight, cell }) => ({ weight, stats: cell.composites[index]?.score })));
  const nps = netOf(cells.map(({ weight, cell }) => ({ weight, item: cell.nps })));
  const means = { satisfaction: composite('satisfaction'), image: composite('image'), value: composite('value') };
  const relativeValue = new Map(
    names.competitors.map(
      (c) => [c, netOf(cells.map(({ weight, cell }) => ({ weight, item: cell.relativeValue[c] })))] as const,
    ),
  );
  const boxes = new Map(
    names.topTwoBoxItems.map(
      (q) => [q, shareOf(cells.map(({ weight, cell }) => ({ weight, item: cell.topTwoBox[q] })))] as const,
    ),
  );
  const dimensions = {} as ReportSection['dimensions'];
  for (const index of COMPOSITE_INDICES) {
    dimensions[index] = Object.fromEntries(
      names.dimensions[index].map((dim) => [
        dim,
        meanOf(cells.map(({ weight, cell }) => ({ weight, stats: cell.composites[index]?.dimensions[dim] }))).index,
      ]),
    );
  }
  const indexOf = <T extends { index: ReportSection['indices']['nps'] }>(m: Map<string, T>) =>
    Object.fromEntries([...m].map(([k, e]) => [k, e.index]));
  return {
    section: {
      n: cells.reduce((s, { cell }) => s + cell.responses, 0),
      indices: {
        nps: nps.index,
        satisfaction: means.satisfaction.index,
        image: means.image.index,
        value: means.value.index,
      },
      dimensions,
      relativeValue: indexOf(relativeValue),
      topTwoBox: indexOf(boxes),
    },
    headline: { nps, ...means, relativeValue },
    topTwoBox: boxes,
  };
}
