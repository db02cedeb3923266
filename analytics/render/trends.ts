/** Monthly points for the trend charts: one month's report reduced to what the charts draw. */
import * as z from 'zod';
import { IndexResult, type Report } from '../report-schema.ts';

export const TrendPoint = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  nps: IndexResult,
  satisfaction: IndexResult,
});
export type TrendPoint = z.infer<typeof TrendPoint>;

export const trendPoint = (month: string, report: Report): TrendPoint => ({
  month,
  nps: report.overall.indices.nps,
  satisfaction: report.overall.indices.satisfaction,
});
