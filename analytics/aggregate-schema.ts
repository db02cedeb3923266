/**
 * The daily aggregate as stored (zod schema, types derived from it): everything a report needs
 * about one survey over one day or a merged period, per cell, and nothing about any single
 * respondent. Read a stored aggregate back with `DailyAggregate.parse`.
 */
import * as z from 'zod';
import { Audience, Channel } from './questionnaire.ts';

/**
 * value → count, as [value, count] pairs in ascending order of value; values are scale points or
 * respondent scores (see `scoreValue`). Pairs rather than an object keyed by value: an object
 * per histogram, each with its own set of keys, made a stored period about four times slower to
 * parse than these small arrays of numbers.
 */
export const Histogram = z.array(z.tuple([z.number(), z.int().nonnegative()]));
export type Histogram = z.infer<typeof Histogram>;

/** option id → count. */
export const OptionCounts = z.record(z.string(), z.int().nonnegative());
export type OptionCounts = z.infer<typeof OptionCounts>;

/** Respondent-level scores; `n`, `sum` and `sumSq` are derived from the histogram. */
export const ScoreStats = z.object({
  n: z.int().nonnegative(),
  sum: z.number(),
  sumSq: z.number(),
  histogram: Histogram,
});
export type ScoreStats = z.infer<typeof ScoreStats>;

export const CompositeCell = z.object({ score: ScoreStats, dimensions: z.record(z.string(), ScoreStats) });
export type CompositeCell = z.infer<typeof CompositeCell>;

/**
 * Counts of a net score (NPS: promoters/passives/detractors; relative value: better/same/worse).
 * They are the whole histogram of the respondent-level +100 / 0 / −100 scores, so those stats
 * are not stored twice: `netScoreStats` derives them.
 */
export const NetCell = z.object({
  positive: z.int().nonnegative(),
  neutral: z.int().nonnegative(),
  negative: z.int().nonnegative(),
});
export type NetCell = z.infer<typeof NetCell>;

/** The respondent-level score stats of a net score: its histogram is the three counts. */
export function netScoreStats(net: NetCell): ScoreStats {
  const histogram: Histogram = [];
  if (net.negative) histogram.push([-100, net.negative]);
  if (net.neutral) histogram.push([0, net.neutral]);
  if (net.positive) histogram.push([100, net.positive]);
  return {
    n: net.positive + net.neutral + net.negative,
    sum: 100 * (net.positive - net.negative),
    sumSq: 10_000 * (net.positive + net.negative),
    histogram,
  };
}

export const CellKey = z.object({
  audience: Audience,
  locale: z.string(),
  channel: Channel,
  /** The answer to each single-choice question marked `cell: true` (null: not answered). */
  cells: z.record(z.string(), z.string().nullable()),
});
export type CellKey = z.infer<typeof CellKey>;

export const AggregateCell = z.object({
  key: CellKey,
  responses: z.int().nonnegative(),
  /** Exact histogram of the raw answers of every scale question. */
  scales: z.record(z.string(), Histogram),
  /** Option counts of every choice question (a multiple choice counts each option chosen). */
  choices: z.record(z.string(), OptionCounts),
  /** 5-point items: how many answered, how many in the top two boxes (after reverse coding). */
  topTwoBox: z.record(z.string(), z.object({ n: z.int().nonnegative(), top: z.int().nonnegative() })),
  nps: NetCell.optional(),
  composites: z.object({
    satisfaction: CompositeCell.optional(),
    image: CompositeCell.optional(),
    value: CompositeCell.optional(),
  }),
  /** Per competitor. */
  relativeValue: z.record(z.string(), NetCell),
});
export type AggregateCell = z.infer<typeof AggregateCell>;

export const DailyAggregate = z.object({
  schema: z.literal(1),
  surveyId: z.string(),
  /** The days covered: one day, a merged period, or null for the empty aggregate. */
  from: z.iso.date().nullable(),
  to: z.iso.date().nullable(),
  /** Survey versions the responses answered. */
  versions: z.array(z.int()),
  responses: z.int().nonnegative(),
  /** Sorted by `cellId(key)`. */
  cells: z.array(AggregateCell),
});
export type DailyAggregate = z.infer<typeof DailyAggregate>;

/** A cell's identity as one string (also the key of cell weights). */
export function cellId(key: CellKey): string {
  const cells = Object.entries(key.cells).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([key.audience, key.locale, key.channel, cells]);
}
