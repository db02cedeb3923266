/** Monthly points for the trend charts: one month's report reduced to what the charts draw. */
import * as z from '../zod.ts';
import { IndexResult, type Report } from '../report-schema.ts';

export const TrendPoint = z.object({
  month: z.string().check(z.regex(/^\d{4}-\d{2}$/)),
  nps: IndexResult,
  satisfaction: IndexResult,
  /** The month is not over (or the report stops before its end): its point will still move. */
  unfinished: z.optional(z.boolean()),
  /** The month's responses, so a point resting on nobody can say whether anyone answered. */
  responses: z.optional(z.int().check(z.nonnegative())),
});
export type TrendPoint = z.infer<typeof TrendPoint>;

/** The caller knows the calendar: it says whether the month is over. */
export const trendPoint = (month: string, report: Report, unfinished = false): TrendPoint => ({
  month,
  nps: report.overall.indices.nps,
  satisfaction: report.overall.indices.satisfaction,
  responses: report.overall.n,
  ...(unfinished ? { unfinished } : {}),
});
