/**
 * Units of work that run outside requests, one message each (SQS on AWS, the in-process runner
 * locally): a territory's night, a month of one survey's days to aggregate again (a back-fill's
 * part), a raw export, the rest of a night's dispatch.
 * Each is idempotent: running it twice gives the same result, and its job counts it once.
 */
import { createHash } from 'node:crypto';
import * as z from '#analytics/zod.ts';
import { Day, Slug } from '#analytics/questionnaire.ts';

const SurveyId = z.string().check(z.minLength(1), z.maxLength(64));

export const WorkUnit = z.discriminatedUnion('kind', [
  /** A territory's night: its surveys' dirty days and yesterday, last month's report files. */
  z.object({ kind: z.literal('night'), territory: Slug, jobId: z.string() }),
  /** Days of one month of one survey to aggregate again, then its month rolled up. */
  z.object({
    kind: z.literal('days'),
    territory: Slug,
    surveyId: SurveyId,
    days: z.array(Day).check(z.minLength(1), z.maxLength(31)),
    jobId: z.string(),
  }),
  /** A survey's raw responses of a period, as CSV to a file. */
  z.object({ kind: z.literal('export'), territory: Slug, surveyId: SurveyId, from: Day, to: Day, jobId: z.string() }),
  /**
   * The rest of a night's dispatch, handed on by a dispatch short of time: the territories after
   * `after`, for the night dispatched `at`. It works for all territories (`*`, one message group,
   * so a night's pages go one after another) and has no job: the nights it sends have theirs.
   */
  z.object({ kind: z.literal('dispatch'), territory: z.literal('*'), at: z.iso.datetime(), after: Slug }),
]);
export type WorkUnit = z.infer<typeof WorkUnit>;

/** What names a unit within its job (its mark): a territory's night, a survey's month, the one export, or a dispatch's page. */
export function unitKey(unit: WorkUnit): string {
  switch (unit.kind) {
    case 'night':
      return unit.territory;
    case 'days':
      return `${unit.surveyId}:${unit.days[0]?.slice(0, 7)}`;
    case 'export':
      return 'export';
    case 'dispatch':
      return unit.after;
  }
}

/** What makes two units the same one (a dispatch's page is named by its night instead of a job). */
export const unitIdentity = (unit: WorkUnit) =>
  `${unit.kind}|${unit.kind === 'dispatch' ? unit.at : unit.jobId}|${unit.territory}|${unitKey(unit)}`;

/** The same unit sent twice within five minutes (a client's retry that timed out) is delivered once by SQS FIFO. */
export const deduplicationId = (unit: WorkUnit) => createHash('sha256').update(unitIdentity(unit)).digest('hex');

/** SQS FIFO's deduplication window. */
export const DEDUPLICATION_MS = 5 * 60_000;

/** Days grouped by month, in order: a unit's days, so no two units of a job roll up the same month. */
export function byMonth(days: readonly string[]): string[][] {
  const parts = new Map<string, string[]>();
  for (const day of [...days].sort()) {
    const month = day.slice(0, 7);
    const part = parts.get(month);
    if (part) part.push(day);
    else parts.set(month, [day]);
  }
  return [...parts.values()];
}
