/**
 * What a unit of work does, wherever it runs (the worker Lambda on AWS, the in-process queue
 * locally): a territory's night, a survey's month of days, or an export to its file; then count
 * it into its job once. A unit that fails for the last time is counted as failed, so the job ends.
 * Or the rest of a night's dispatch, which has no job (the nights it sends have theirs).
 */
import { daysBetween } from '#analytics/calendar.ts';
import type { Stores } from '../deps.ts';
import { aggregateSurveyDays, aggregateTerritory, type AggregationContext } from '../nightly/job.ts';
import { responsesCsv } from '../response-csv.ts';
import { exportKey, writeExport } from '../store/export-files.ts';
import type { ReportFiles } from '../store/reports.ts';
import { dispatchNight, type DispatchContext } from '../nightly/dispatch.ts';
import type { Attempt } from './queue.ts';
import { unitKey, type WorkUnit } from './units.ts';

/** With what a dispatch's rest needs: the queue for its units (and its own rest), the time left, its pages. */
export interface WorkContext extends AggregationContext, Pick<DispatchContext, 'queue' | 'remainingMs' | 'pageSize'> {
  stores: Stores;
  now: () => Date;
  /** Where exports are written. */
  exports: ReportFiles;
}

export async function runUnit(ctx: WorkContext, unit: WorkUnit, attempt: Attempt): Promise<void> {
  // No job of its own: a failure is retried, then set aside in the dead-letter queue, as any unit.
  if (unit.kind === 'dispatch') {
    await dispatchNight(ctx, { at: unit.at, after: unit.after });
    return;
  }
  const { jobs } = ctx.stores;
  await jobs.started(unit.jobId, ctx.now().toISOString());
  try {
    if (unit.kind === 'night') {
      const territory = await ctx.stores.territories.get(unit.territory);
      // A territory removed since the dispatch has no night.
      const count = territory ? await aggregateTerritory(ctx, territory) : { days: 0, responses: 0 };
      await jobs.finishUnit(unit.jobId, unitKey(unit), count, ctx.now().toISOString());
      return;
    }
    if (unit.kind === 'days') {
      const { responses } = await aggregateSurveyDays(ctx, unit.surveyId, unit.days);
      // The job's days were set when it was made (the period's, as the synchronous answer counts them).
      await jobs.finishUnit(unit.jobId, unitKey(unit), { responses }, ctx.now().toISOString());
      return;
    }
    const { surveyId } = unit;
    const file = exportKey(unit.territory, surveyId, unit.jobId);
    const days = daysBetween(unit.from, unit.to);
    let rows = 0;
    async function* pieces() {
      for await (const piece of responsesCsv(ctx.stores, surveyId, days)) {
        rows += piece.rows;
        yield piece.text;
      }
    }
    const bytes = await writeExport(ctx.exports, file, pieces());
    await jobs.finishUnit(unit.jobId, unitKey(unit), { file, rows, bytes }, ctx.now().toISOString());
  } catch (e) {
    if (attempt.final) await jobs.finishUnit(unit.jobId, unitKey(unit), 'failed', ctx.now().toISOString());
    throw e;
  }
}
