/**
 * Which surveys a night has work for, and so which territories get a unit of work at all. A live
 * survey always has (yesterday, last month's report). A draft never has: nothing answers it. A
 * closed survey has until nothing about it can change any more: while a late answer may still
 * come (its `submittedAt` up to LATE_SUBMISSION_MS old, so made before the closing), until the
 * report of its closing month is written, while a day of it is dirty (a late answer, an erasure,
 * which may come at any time), while a day is still in an older encoding, and on the nights its
 * free text passes the retention. Each condition costs one small read, checked only when the
 * cheaper ones before it did not decide; the dispatcher and the worker ask the same question.
 */
import { addDays, dayIn } from '#analytics/calendar.ts';
import type { Stores } from '../deps.ts';
import { LATE_SUBMISSION_MS, responseSettingsOf, type SurveyRecord, type Territory } from '../model.ts';
import { suggestionsCreatedIn } from '../suggestion-indicators.ts';
import { lastClosedMonth } from './months.ts';

interface DueContext {
  stores: Stores;
  now: () => Date;
}

export async function surveyDue(ctx: DueContext, territory: Territory, survey: SurveyRecord): Promise<boolean> {
  if (survey.status === 'live') return true;
  if (survey.status === 'draft') return false;
  // A survey closed before closings were dated: nothing says when answers stopped.
  if (!survey.closedAt) return true;
  const now = ctx.now();
  const closedAt = new Date(survey.closedAt);
  if (now.getTime() - closedAt.getTime() <= LATE_SUBMISSION_MS) return true;
  const closingDay = dayIn(closedAt, territory.timeZone);
  if (lastClosedMonth(now, territory.timeZone).month <= closingDay.slice(0, 7)) return true;
  if ((await ctx.stores.responses.dirtyDays(survey.id)).length > 0) return true;
  if (await freeTextDue(ctx, territory, survey.id, closingDay)) return true;
  return (await ctx.stores.aggregates.legacyDays(survey.id)).length > 0;
}

/**
 * Whether tonight's retention has free text to remove up to `lastDay` (no answer is later): a
 * day with answers past the cut-off and not yet done. Nights without one may be skipped: the
 * next run goes on from the last day done (retention.ts).
 */
async function freeTextDue(ctx: DueContext, territory: Territory, surveyId: string, lastDay: string): Promise<boolean> {
  const { textExpiry } = ctx.stores;
  const cutoff = addDays(dayIn(ctx.now(), territory.timeZone), -(responseSettingsOf(territory).freeTextDays + 1));
  const through = await textExpiry.through(surveyId);
  if (through !== undefined && through >= lastDay) return false;
  const to = cutoff < lastDay ? cutoff : lastDay;
  const from = through === undefined ? undefined : addDays(through, 1);
  return (from === undefined || from <= to) && textExpiry.aggregatedDayBetween(surveyId, from, to);
}

/** A survey due tonight, or a suggestion received in the month whose suggestion report the night writes. */
export async function territoryDue(ctx: DueContext, territory: Territory): Promise<boolean> {
  for (const survey of await ctx.stores.surveys.listByTerritory(territory.id))
    if (await surveyDue(ctx, territory, survey)) return true;
  const month = lastClosedMonth(ctx.now(), territory.timeZone);
  for await (const page of suggestionsCreatedIn(ctx.stores.suggestions, territory, month))
    if (page.length > 0) return true;
  return false;
}
