/**
 * The nightly job: turns each survey's dirty days (and yesterday, always) into daily
 * aggregates and month roll-ups, then writes the last closed month's report to S3. Each day
 * is recomputed whole from its responses, so running a day twice, or a run killed halfway and
 * started again, gives the same aggregates; a dirty mark is cleared only after its day is
 * written, only once the UTC day it was written on is over, and only if no response arrived
 * meanwhile.
 */
import { aggregateResponses } from '#analytics/aggregate.ts';
import { versionColumns } from '#analytics/aggregate-columns.ts';
import { countsOnly, dayCommentDigest } from '#analytics/comments.ts';
import { addDays, dayIn } from '#analytics/calendar.ts';
import type { SurveyDefinition } from '#analytics/questionnaire.ts';
import type { TrendPoint } from '#analytics/render/trends.ts';
import type { Stores } from '../deps.ts';
import { inPool } from '../pool.ts';
import { log } from '../log.ts';
import { count as countMetric } from '../metrics.ts';
import { surveyIdOf, type SurveyRecord, type Territory } from '../model.ts';
import { monthlyTrends } from '../report-trends.ts';
import { surveyReport, surveySetup } from '../reporting.ts';
import { monthsOf } from '../store/aggregates.ts';
import type { DirtyDay } from '../store/responses.ts';
import type { SurveyPublisher } from '../store/public-surveys.ts';
import { putReportSet, reportKey, type ReportFiles } from '../store/reports.ts';
import { surveyDue } from './due.ts';
import { lastClosedMonth } from './months.ts';
import { expireFreeText } from './retention.ts';
import { writeSuggestionReport } from './suggestions.ts';

export { lastClosedMonth } from './months.ts';

const DAY_CONCURRENCY = 4;

export interface AggregationContext {
  stores: Stores;
  now: () => Date;
  files?: ReportFiles;
  /** Extra report files (CSV, HTML) written beside the JSON. */
  renderers?: ReportRenderer[];
  /** Stops the run between two days (the local product stopping): what is left stays dirty for the next run. */
  signal?: AbortSignal;
  /** Writes the surveys' public files that are missing or out of date (a write the API could not make). */
  publisher?: SurveyPublisher;
}

export interface ReportRenderer {
  format: 'csv' | 'html';
  render(
    report: Awaited<ReturnType<typeof surveyReport>>,
    context: { territory: Territory; definition: SurveyDefinition; trends?: TrendPoint[] },
  ): string;
}

export interface AggregationCount {
  days: number;
  responses: number;
}

/**
 * Recomputes the given days of one survey, then the roll-ups of their months; only then are the
 * days' dirty marks cleared. A report reads whole months from their roll-ups, so a mark cleared
 * before its month's roll-up was written left the day neither counted there nor shown pending,
 * until the roll-up came; and if the run failed in between, for good (its retry finds no mark).
 */
export async function aggregateSurveyDays(
  ctx: AggregationContext,
  surveyId: string,
  days: string[],
): Promise<AggregationCount> {
  const { surveys, responses, aggregates, comments } = ctx.stores;
  const definitions = new Map((await surveys.versions(surveyId)).map((v) => [v.version, v.definition]));
  const dirty = new Map((await responses.dirtyDays(surveyId)).map((d) => [d.day, d]));
  let counted = 0;
  const recomputed: { seen: DirtyDay; readAt: Date }[] = [];
  await inPool(days, DAY_CONCURRENCY, async (day) => {
    ctx.signal?.throwIfAborted();
    const seen = dirty.get(day);
    const readAt = ctx.now();
    const answers = await responses.day(surveyId, day);
    if (answers.length > 0) {
      const aggregate = aggregateResponses(answers, definitions, { surveyId, day });
      await aggregates.putDay(surveyId, day, aggregate, versionColumns(definitions, aggregate.versions));
    } else await aggregates.deleteDay(surveyId, day);
    await comments.putDay(surveyId, day, dayCommentDigest(day, answers, definitions));
    counted += answers.length;
    if (seen) recomputed.push({ seen, readAt });
  });
  for (const month of monthsOf(days)) {
    await aggregates.rollUpMonth(surveyId, month);
    await comments.rollUpMonth(surveyId, month);
  }
  // Only the marks whose arrival day was over when their day was read go (store/responses.ts): an
  // answer that came after the read, on an instance that had marked the day already, keeps its mark.
  await inPool(recomputed, DAY_CONCURRENCY, async ({ seen, readAt }) => {
    await responses.clearDirty(surveyId, seen, readAt);
  });
  return { days: days.length, responses: counted };
}

/**
 * The days a survey needs recomputed tonight: every dirty day, yesterday, and any day still in the
 * first encoding (schema 1), rebuilt from its responses so that it gains what that one never kept.
 */
export async function daysToAggregate(
  ctx: AggregationContext,
  surveyId: string,
  territory: Territory,
): Promise<string[]> {
  const yesterday = addDays(dayIn(ctx.now(), territory.timeZone), -1);
  const [dirty, legacy] = await Promise.all([
    ctx.stores.responses.dirtyDays(surveyId),
    ctx.stores.aggregates.legacyDays(surveyId),
  ]);
  return [...new Set([...dirty.map((d) => d.day), ...legacy, yesterday])].sort();
}

async function writeMonthlyReport(ctx: AggregationContext, territory: Territory, survey: SurveyRecord): Promise<void> {
  if (!ctx.files) return;
  const { month, from, to } = lastClosedMonth(ctx.now(), territory.timeZone);
  const setup = await surveySetup(ctx.stores, survey);
  const report = await surveyReport(ctx.stores, survey, { from, to }, ctx.now(), setup);
  // The bucket keeps these files past the free-text retention: the comments' counts, no quotation.
  if (report.comments) report.comments = countsOnly(report.comments);
  // Render everything first, then write: a failing renderer leaves no half-written set (nor does a failing write: putReportSet).
  const files: { format: 'json' | 'csv' | 'html'; body: string }[] = [
    { format: 'json', body: JSON.stringify(report, null, 2) },
  ];
  const until = { to, timeZone: territory.timeZone };
  const trends = ctx.renderers?.length ? await monthlyTrends(ctx.stores, survey, until, ctx.now(), setup) : undefined;
  for (const r of ctx.renderers ?? [])
    files.push({ format: r.format, body: r.render(report, { territory, definition: setup.definition, trends }) });
  await putReportSet(
    ctx.files,
    files.map((f) => ({ ...f, key: reportKey(territory.id, surveyIdOf(survey), month, f.format) })),
    dayIn(ctx.now(), territory.timeZone),
  );
}

/**
 * One territory's night, counted done or failed (NightlyUnitsDone, NightlyUnitsFailed) whoever
 * runs it: the worker on AWS and locally, or a whole night in one process (nightlyRun).
 */
export async function aggregateTerritory(ctx: AggregationContext, territory: Territory): Promise<AggregationCount> {
  try {
    const count = await territoryNight(ctx, territory);
    countMetric('NightlyUnitsDone', { territory: territory.id });
    return count;
  } catch (e) {
    if (!ctx.signal?.aborted) countMetric('NightlyUnitsFailed', { territory: territory.id });
    throw e;
  }
}

/**
 * Aggregate every survey due tonight (due.ts: not a draft, nor a closed one nothing can change),
 * then write its monthly report; last, mend the surveys' public files.
 */
async function territoryNight(ctx: AggregationContext, territory: Territory): Promise<AggregationCount> {
  const total = { days: 0, responses: 0 };
  const surveys = await ctx.stores.surveys.listByTerritory(territory.id);
  for (const survey of surveys) {
    if (!(await surveyDue(ctx, territory, survey))) continue;
    const days = await daysToAggregate(ctx, survey.id, territory);
    const count = await aggregateSurveyDays(ctx, survey.id, days);
    total.days += count.days;
    total.responses += count.responses;
    await writeMonthlyReport(ctx, territory, survey);
    await expireFreeText(ctx, territory, survey);
  }
  await writeSuggestionReport(ctx, territory, lastClosedMonth(ctx.now(), territory.timeZone));
  await republish(ctx, surveys);
  return total;
}

/**
 * Every survey's public file that is missing or says other than the table, written again: a
 * failed write in a request leaves the widget on the API (or on the file before) until then.
 * Each is counted (SurveyFilesRepublished, SurveyFileWritesFailed). One failure does not stop
 * the others, but fails the night so the queue tries it again.
 */
async function republish(ctx: AggregationContext, surveys: SurveyRecord[]): Promise<void> {
  const { publisher } = ctx;
  if (!publisher) return;
  const failed: string[] = [];
  for (const survey of surveys) {
    try {
      if (await publisher.ensure(survey)) {
        countMetric('SurveyFilesRepublished', { territory: survey.territory });
        log('info', 'survey file written again', { surveyId: survey.id });
      }
    } catch (e) {
      failed.push(survey.id);
      countMetric('SurveyFileWritesFailed', { territory: survey.territory });
      log('warn', 'survey file not written', {
        surveyId: survey.id,
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }
  if (failed.length) throw new Error(`survey files not written: ${failed.join(', ')}`);
}

/** Some territories failed tonight (each is logged with its cause); the others were done. */
export class NightlyRunFailedError extends Error {
  override readonly name = 'NightlyRunFailedError';
  constructor(readonly territories: string[]) {
    super(`nightly aggregation failed for ${territories.length} territory(ies): ${territories.join(', ')}`);
  }
}

/**
 * Every territory in one process; a failing territory is logged and does not stop the others,
 * but fails the run. The product sends each territory's night as a unit of work instead
 * (dispatch.ts); the fault tests and the bench run a whole night with this.
 */
export async function nightlyRun(ctx: AggregationContext, only?: (t: Territory) => boolean): Promise<AggregationCount> {
  const total = { days: 0, responses: 0 };
  const failures: string[] = [];
  for (const id of await ctx.stores.territories.ids()) {
    const territory = await ctx.stores.territories.get(id);
    if (!territory || (only && !only(territory))) continue;
    try {
      const count = await aggregateTerritory(ctx, territory);
      total.days += count.days;
      total.responses += count.responses;
    } catch (e) {
      if (ctx.signal?.aborted) throw e;
      failures.push(id);
      log('error', 'nightly aggregation failed', { territory: id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  log('info', 'nightly aggregation done', { ...total, failures: failures.length });
  if (failures.length) throw new NightlyRunFailedError(failures);
  return total;
}
