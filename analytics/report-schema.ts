/**
 * The report JSON of API.md "Aggregation and reports" as zod schemas; the API can publish them
 * in its OpenAPI document and the types below are derived from them.
 */
import * as z from 'zod';
import { Audience, IndexName } from './questionnaire.ts';

/** One index: `value`, `ciLow`, `ciHigh` are null when suppressed (n_eff < 30). */
export const IndexResult = z.object({
  value: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  n: z.int().nonnegative(),
  nEff: z.number().nonnegative(),
  lowSample: z.boolean(),
  suppressed: z.boolean(),
});
export type IndexResult = z.infer<typeof IndexResult>;

export const HEADLINE_INDICES = ['nps', 'satisfaction', 'image', 'value'] as const;
export type HeadlineIndex = (typeof HEADLINE_INDICES)[number];

export const ReportSection = z.object({
  n: z.int().nonnegative(),
  indices: z.object({ nps: IndexResult, satisfaction: IndexResult, image: IndexResult, value: IndexResult }),
  dimensions: z.object({
    satisfaction: z.record(z.string(), IndexResult),
    image: z.record(z.string(), IndexResult),
    value: z.record(z.string(), IndexResult),
  }),
  relativeValue: z.record(z.string(), IndexResult),
  /** Share (0–100) of the top two boxes of each 5-point item, beside its mean. */
  topTwoBox: z.record(z.string(), IndexResult),
});
export type ReportSection = z.infer<typeof ReportSection>;

/** `p` unadjusted; `significant` after Holm's adjustment within the cell's headline indices. */
export const ComparisonEntry = z
  .object({ delta: z.number(), se: z.number(), statistic: z.number(), p: z.number(), significant: z.boolean() })
  .nullable();
export type ComparisonEntry = z.infer<typeof ComparisonEntry>;

export const SectionComparison = z.object({
  nps: ComparisonEntry,
  satisfaction: ComparisonEntry,
  image: ComparisonEntry,
  value: ComparisonEntry,
  relativeValue: z.record(z.string(), ComparisonEntry),
});
export type SectionComparison = z.infer<typeof SectionComparison>;

export const Objective = z.object({
  index: IndexName,
  /** For relativeValue: the competitor. */
  competitor: z.string().optional(),
  /** Absent: the whole public. */
  audience: Audience.optional(),
  target: z.number(),
  by: z.iso.date().optional(),
});
export type Objective = z.infer<typeof Objective>;

export const ObjectiveResult = Objective.extend({
  value: z.number().nullable(),
  /** value − target; null when the index is suppressed. */
  distance: z.number().nullable(),
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
export const WeightingTargets = z.record(z.string(), z.record(z.string(), z.number().nonnegative()));
export type WeightingTargets = z.infer<typeof WeightingTargets>;

export const WeightingInfo = z.object({
  method: z.enum(['post-stratification', 'raking']),
  targets: WeightingTargets,
  passes: z.int(),
  converged: z.boolean(),
  /** Target categories with no respondent: left out and their targets re-shared, never divided by. */
  collapsed: z.array(z.object({ margin: z.string(), category: z.string() })),
  /** Respondents in categories without a target keep their weight on that margin. */
  untargeted: z.array(z.object({ margin: z.string(), category: z.string(), n: z.int() })),
  capped: z.int(),
  nEff: z.number(),
  deff: z.number(),
  /** The weight of each respondent of a cell (mean weight 1). */
  cells: z.array(
    z.object({
      audience: Audience,
      locale: z.string(),
      channel: z.string(),
      cells: z.record(z.string(), z.string().nullable()),
      n: z.int(),
      weight: z.number(),
    }),
  ),
});
export type WeightingInfo = z.infer<typeof WeightingInfo>;

export const Report = z.object({
  surveyId: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  generatedAt: z.string(),
  overall: ReportSection,
  byAudience: z.record(z.string(), ReportSection),
  baseline: z
    .object({
      from: z.iso.date(),
      to: z.iso.date(),
      overall: ReportSection,
      byAudience: z.record(z.string(), ReportSection),
    })
    .optional(),
  comparison: z.object({ overall: SectionComparison, byAudience: z.record(z.string(), SectionComparison) }).nullable(),
  objectives: z.array(ObjectiveResult),
  weighting: WeightingInfo.nullable(),
  baselineWeighting: WeightingInfo.nullable().optional(),
});
export type Report = z.infer<typeof Report>;
