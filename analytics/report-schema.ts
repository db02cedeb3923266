/**
 * The report JSON of API.md "Aggregation and reports" as zod schemas; the API can publish them
 * in its OpenAPI document and the types below are derived from them.
 */
import * as z from './zod.ts';
import { CommentsResult } from './comments-schema.ts';
import { Audience, IndexName } from './questionnaire.ts';

/**
 * Why a value is withheld: `thin`, fewer than 30 effective respondents; `edges`, the period's
 * first or last days would let another period's figure single out fewer than 30 respondents;
 * `complement`, shown it would reveal another withheld group by subtraction (see the
 * methodology's disclosure rule).
 */
export const WithheldReason = z.enum(['thin', 'edges', 'complement']);
export type WithheldReason = z.infer<typeof WithheldReason>;

/** One index: `value`, `ciLow`, `ciHigh` are null when suppressed (`withheld` says why). */
export const IndexResult = z.object({
  value: z.nullable(z.number()),
  ciLow: z.nullable(z.number()),
  ciHigh: z.nullable(z.number()),
  n: z.int().check(z.nonnegative()),
  nEff: z.number().check(z.nonnegative()),
  lowSample: z.boolean(),
  suppressed: z.boolean(),
  withheld: z.optional(WithheldReason),
});
export type IndexResult = z.infer<typeof IndexResult>;

export const HEADLINE_INDICES = ['nps', 'satisfaction', 'image', 'value'] as const;
export type HeadlineIndex = (typeof HEADLINE_INDICES)[number];

/** A correlation: the derived importance of a dimension for the outcome, with Fisher's interval. */
export const Importance = z.object({
  value: z.nullable(z.number()),
  ciLow: z.nullable(z.number()),
  ciHigh: z.nullable(z.number()),
  n: z.int().check(z.nonnegative()),
  nEff: z.number().check(z.nonnegative()),
  suppressed: z.boolean(),
  withheld: z.optional(WithheldReason),
});
export type Importance = z.infer<typeof Importance>;

/** Martilla & James: importance against performance, cut at the means of the dimensions shown. */
export const Quadrant = z.enum(['concentrate', 'keep-up', 'low-priority', 'possible-overkill']);
export type Quadrant = z.infer<typeof Quadrant>;

export const DriverItem = z.object({
  index: z.enum(['satisfaction', 'image', 'value']),
  dimension: z.string(),
  importance: Importance,
  performance: IndexResult,
  /** null when the importance or the performance is withheld, or fewer than two dimensions are shown. */
  quadrant: z.nullable(Quadrant),
});
export type DriverItem = z.infer<typeof DriverItem>;

export const Drivers = z.object({
  /** The question each dimension is correlated with. */
  outcome: z.string(),
  items: z.array(DriverItem),
});

/** Cronbach's α of a dimension with two items or more, over complete cases (unweighted). */
export const Reliability = z.object({
  alpha: z.nullable(z.number()),
  items: z.array(z.string()),
  n: z.int().check(z.nonnegative()),
  suppressed: z.boolean(),
  withheld: z.optional(WithheldReason),
});

/** Answered ÷ asked: how many of those a question was put to gave an answer. */
export const ItemResponse = z.object({
  asked: z.int().check(z.nonnegative()),
  answered: z.int().check(z.nonnegative()),
  rate: z.nullable(z.number()),
});

/** A choice question: each option's share of those who answered it (0–100, Wilson interval). */
export const ChoiceResult = z.object({ n: z.int().check(z.nonnegative()), options: z.record(z.string(), IndexResult) });

export const ReportSection = z.object({
  n: z.int().check(z.nonnegative()),
  indices: z.object({ nps: IndexResult, satisfaction: IndexResult, image: IndexResult, value: IndexResult }),
  dimensions: z.object({
    satisfaction: z.record(z.string(), IndexResult),
    image: z.record(z.string(), IndexResult),
    value: z.record(z.string(), IndexResult),
  }),
  relativeValue: z.record(z.string(), IndexResult),
  /** Share (0–100) of the top two boxes of each 5-point item, beside its mean. */
  topTwoBox: z.record(z.string(), IndexResult),
  /**
   * Per competitor: significantly positive relative value in each of the last three periods of
   * the report's length (this one and the two before); null when one of them is withheld.
   */
  durablySuperior: z.optional(z.record(z.string(), z.nullable(z.boolean()))),
  /** The diagnostic; null when the survey has no outcome question. */
  drivers: z.optional(z.nullable(Drivers)),
  /** `index/dimension` → its reliability. */
  reliability: z.optional(z.record(z.string(), Reliability)),
  /** Question id → its item response rate. */
  itemResponse: z.optional(z.record(z.string(), ItemResponse)),
  /** Question id → its options' shares. */
  choices: z.optional(z.record(z.string(), ChoiceResult)),
});
export type ReportSection = z.infer<typeof ReportSection>;

/** `p` unadjusted; `significant` after Holm's adjustment within the cell's headline indices. */
export const ComparisonEntry = z.nullable(
  z.object({ delta: z.number(), se: z.number(), statistic: z.number(), p: z.number(), significant: z.boolean() }),
);
export type ComparisonEntry = z.infer<typeof ComparisonEntry>;

/**
 * Why a comparison is null beside a shown estimate: `versions`, the two periods' survey versions
 * ask different dimensions of this index (compare its dimensions instead).
 */
export const ComparisonWithheld = z.enum(['versions']);

export const SectionComparison = z.object({
  nps: ComparisonEntry,
  satisfaction: ComparisonEntry,
  image: ComparisonEntry,
  value: ComparisonEntry,
  relativeValue: z.record(z.string(), ComparisonEntry),
  /** Each dimension asked in both periods; Holm's adjustment runs over the dimensions of the section. */
  dimensions: z.optional(
    z.object({
      satisfaction: z.record(z.string(), ComparisonEntry),
      image: z.record(z.string(), ComparisonEntry),
      value: z.record(z.string(), ComparisonEntry),
    }),
  ),
  withheld: z.optional(z.record(z.string(), ComparisonWithheld)),
});
export type SectionComparison = z.infer<typeof SectionComparison>;

export const Objective = z.object({
  index: IndexName,
  /** For relativeValue: the competitor. */
  competitor: z.optional(z.string()),
  /** Absent: the whole public. */
  audience: z.optional(Audience),
  target: z.number(),
  by: z.optional(z.iso.date()),
});
export type Objective = z.infer<typeof Objective>;

export const ObjectiveResult = z.extend(Objective, {
  value: z.nullable(z.number()),
  /** value − target; null when the index is suppressed. */
  distance: z.nullable(z.number()),
  /** Whether the whole 95 % interval lies above the target. */
  ciAboveTarget: z.boolean(),
});
export type ObjectiveResult = z.infer<typeof ObjectiveResult>;

/** The estimate an objective is judged on: its index, for its public (all when none), or its competitor's relative value. */
export function objectiveIndex(
  objective: Objective,
  overall: ReportSection,
  byAudience: Record<string, ReportSection>,
): IndexResult | undefined {
  const section = objective.audience ? byAudience[objective.audience] : overall;
  if (objective.index === 'relativeValue')
    return objective.competitor === undefined ? undefined : section?.relativeValue[objective.competitor];
  return section?.indices[objective.index];
}

/** Population targets per margin: margin (audience, locale, channel or a cell question id) → category → share or count. */
export const WeightingTargets = z.record(z.string(), z.record(z.string(), z.number().check(z.nonnegative())));
export type WeightingTargets = z.infer<typeof WeightingTargets>;

export const WeightingInfo = z.object({
  method: z.enum(['post-stratification', 'raking']),
  targets: WeightingTargets,
  passes: z.int(),
  /** Every margin within 10⁻⁶ of its target and every weight under the cap; else see maxGap. */
  converged: z.boolean(),
  /** The largest relative gap left between a margin's weighted total and its target. */
  maxGap: z.number(),
  /** Weights are capped at this many times the mean weight (trimmed raking). */
  cap: z.number(),
  /** Target categories with no respondent: left out and their targets re-shared, never divided by. */
  collapsed: z.array(z.object({ margin: z.string(), category: z.string() })),
  /** Respondents in categories without a target keep their weight on that margin. */
  untargeted: z.array(z.object({ margin: z.string(), category: z.string(), n: z.int() })),
  /** Respondents whose weight sits at the cap. */
  capped: z.int(),
  nEff: z.number(),
  deff: z.number(),
  /**
   * Each margin category: its respondents and its weighted share. Per-cell weights and counts
   * are not published: with them, weighted figures of many periods could be solved for cells
   * too small to show (see the disclosure rule).
   */
  margins: z.array(z.object({ margin: z.string(), category: z.string(), n: z.int(), share: z.number() })),
});
export type WeightingInfo = z.infer<typeof WeightingInfo>;

export const Report = z.object({
  surveyId: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  generatedAt: z.string(),
  /** The survey versions answered in the period, with how many responses each (null: not known). */
  versions: z.optional(z.array(z.object({ version: z.int(), responses: z.nullable(z.int()) }))),
  overall: ReportSection,
  byAudience: z.record(z.string(), ReportSection),
  baseline: z.optional(
    z.object({
      from: z.iso.date(),
      to: z.iso.date(),
      versions: z.optional(z.array(z.object({ version: z.int(), responses: z.nullable(z.int()) }))),
      overall: ReportSection,
      byAudience: z.record(z.string(), ReportSection),
    }),
  ),
  comparison: z.nullable(z.object({ overall: SectionComparison, byAudience: z.record(z.string(), SectionComparison) })),
  objectives: z.array(ObjectiveResult),
  weighting: z.nullable(WeightingInfo),
  baselineWeighting: z.optional(z.nullable(WeightingInfo)),
  /** The disclosure rule applied: the smallest group a figure may rest on. */
  disclosure: z.optional(z.object({ threshold: z.int() })),
  /** Days of the period whose answers are still waiting to be counted (the next run counts them). */
  pending: z.optional(z.array(z.iso.date())),
  /** Each text question's comments over the period's whole months (analytics/comments.ts). */
  comments: z.optional(z.array(CommentsResult)),
});
export type Report = z.infer<typeof Report>;
