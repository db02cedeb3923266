/**
 * What an admin sets for a survey's reports: population targets and objectives. Apart from
 * model.ts, whose records the public routes use too: the report schemas it is made of are the
 * staff's alone, and zod builds each schema it is handed at import.
 */
import * as z from 'zod';
import { Objective, WeightingTargets } from '#analytics/report-schema.ts';

export const SurveySettings = z.object({
  weighting: z.optional(WeightingTargets),
  objectives: z.array(Objective).max(100).optional(),
});
export type SurveySettings = z.infer<typeof SurveySettings>;
