/**
 * The daily aggregate as stored (schema 2; zod schema, types derived from it): everything a
 * report needs about one survey over one day or a merged period, per cell, and nothing about any
 * single respondent. Its size follows the questionnaire, not the crowd: counts per scale point,
 * per option and per category, and exact fixed-point moments of respondent scores (see
 * moments.ts), never one entry per respondent or per distinct score.
 *
 * Growth, per cell: a histogram per scale item (at most 21 points), option counts per choice,
 * three NPS or relative-value counts, n/Σ/Σ² per composite and dimension, six sums per
 * dimension for the drivers, and k + k(k+1)/2 sums per reliability item set. Cells are bounded
 * too: 3 audiences × Π(options + 1) of the single-choice questions marked `cell` (the margins a
 * survey can be weighted on). The response's language and channel are counted in each cell, not
 * crossed with it: crossed, they multiplied the cells by ten for margins nobody weights on. Read a
 * stored aggregate back with `readAggregate` (aggregate.ts), which also converts schema 1.
 */
import * as z from './zod.ts';
import { Audience, Channel } from './questionnaire.ts';

export type { Channel } from './questionnaire.ts';

/** [scale point, count] pairs in ascending order of point. */
export const Histogram = z.array(z.tuple([z.int(), z.int().check(z.nonnegative())]));
export type Histogram = z.infer<typeof Histogram>;

/**
 * An integer of any size: a JSON number while it is exact (below 2⁵³), else its decimal text, as
 * JSON numbers stop being exact at 2⁵³ (a BigInt as text).
 */
const BigSum = z.union([z.int(), z.string().check(z.regex(/^-?\d+$/, 'expected a decimal integer'))]);

/** Exact moments of respondent scores, each an integer C in units of 100/d points (moments.ts). */
export const Moments = z.object({
  d: z.int().check(z.positive()),
  n: z.int().check(z.nonnegative()),
  sum: BigSum,
  sumSq: BigSum,
});

/** Sums of (dimension score, outcome) pairs over respondents who gave both: the drivers. */
export const PairMoments = z.object({
  d: z.int().check(z.positive()),
  n: z.int().check(z.nonnegative()),
  sx: BigSum,
  sxx: BigSum,
  sy: BigSum,
  syy: BigSum,
  sxy: BigSum,
});

/**
 * A dimension's items as one instrument, over the respondents who answered all of them (complete
 * cases): Σ of each item's coded points, and Σ of each product of two items (the upper triangle
 * of the item-by-item matrix, row by row, diagonal included). Enough for Cronbach's α.
 */
export const ItemSetSums = z.object({
  n: z.int().check(z.nonnegative()),
  sums: z.array(z.int()),
  products: z.array(z.int()),
});
export type ItemSetSums = z.infer<typeof ItemSetSums>;

export const CompositeCell = z.object({
  score: Moments,
  dimensions: z.record(z.string(), Moments),
  /**
   * How many respondents were asked each set of dimensions (sorted, joined by "|"): survey
   * versions may ask different dimensions, and a comparison of periods needs to know it.
   */
  asked: z.record(z.string(), z.int().check(z.nonnegative())),
});
export type CompositeCell = z.infer<typeof CompositeCell>;

/** Counts of a net score (NPS: promoters/passives/detractors; relative value: better/same/worse). */
export const NetCell = z.object({
  positive: z.int().check(z.nonnegative()),
  neutral: z.int().check(z.nonnegative()),
  negative: z.int().check(z.nonnegative()),
});
export type NetCell = z.infer<typeof NetCell>;

export const CellKey = z.object({
  audience: Audience,
  /** The answer to each single-choice question marked `cell: true` (null: not answered). */
  cells: z.record(z.string(), z.nullable(z.string())),
});
export type CellKey = z.infer<typeof CellKey>;

export const AggregateCell = z.object({
  key: CellKey,
  responses: z.int().check(z.nonnegative()),
  /** Responses per language (primary subtag; `other` outside the survey's languages) and per channel. */
  locales: z.record(z.string(), z.int().check(z.nonnegative())),
  channels: z.partialRecord(Channel, z.int().check(z.nonnegative())),
  /** Per question: [how many were asked it, how many answered it] — the item response rate. */
  items: z.record(z.string(), z.tuple([z.int().check(z.nonnegative()), z.int().check(z.nonnegative())])),
  /** Exact histogram of the raw answers of every scale question. */
  scales: z.record(z.string(), Histogram),
  /** Option counts of every choice question (a multiple choice counts each option chosen). */
  choices: z.record(z.string(), z.record(z.string(), z.int().check(z.nonnegative()))),
  /** 5-point items: how many answered, how many in the top two boxes (after reverse coding). */
  topTwoBox: z.record(z.string(), z.object({ n: z.int().check(z.nonnegative()), top: z.int().check(z.nonnegative()) })),
  nps: z.optional(NetCell),
  composites: z.object({
    satisfaction: z.optional(CompositeCell),
    image: z.optional(CompositeCell),
    value: z.optional(CompositeCell),
  }),
  /** Per competitor. */
  relativeValue: z.record(z.string(), NetCell),
  /** `index/dimension` → its pairs with the outcome question. */
  drivers: z.record(z.string(), PairMoments),
  /** `index/dimension` → item set (ids sorted, joined by "|") → its complete cases' sums. */
  reliability: z.record(z.string(), z.record(z.string(), ItemSetSums)),
});
export type AggregateCell = z.infer<typeof AggregateCell>;

export const DailyAggregate = z.object({
  schema: z.literal(2),
  surveyId: z.string(),
  /** The days covered: one day, a merged period, or null for the empty aggregate. */
  from: z.nullable(z.iso.date()),
  to: z.nullable(z.iso.date()),
  /** Survey versions the responses answered, ascending. */
  versions: z.array(z.int()),
  /** How many responses answered each version (empty for a converted schema-1 day that mixed versions). */
  byVersion: z.record(z.string(), z.int().check(z.nonnegative())),
  responses: z.int().check(z.nonnegative()),
  /** Sorted by `cellId(key)`. */
  cells: z.array(AggregateCell),
});
export type DailyAggregate = z.infer<typeof DailyAggregate>;

const ids = new WeakMap<CellKey, string>();

/** A cell's identity as one string (also the key of cell weights); computed once per key object. */
export function cellId(key: CellKey): string {
  let id = ids.get(key);
  if (id === undefined) {
    const cells = Object.entries(key.cells).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    ids.set(key, (id = JSON.stringify([key.audience, cells])));
  }
  return id;
}

/** The +100 / 0 / −100 respondent scores of a net score, as n, Σ and Σ² (points). */
export function netScoreStats(net: NetCell): { n: number; sum: number; sumSq: number } {
  return {
    n: net.positive + net.neutral + net.negative,
    sum: 100 * (net.positive - net.negative),
    sumSq: 10_000 * (net.positive + net.negative),
  };
}
