/**
 * A report that finds days not yet aggregated never aggregates them itself: it queues their
 * aggregation as a job (the back-fill's units), so they count soon rather than after the night.
 * Many views of the same survey queue it once: the job's id is made of the survey, its pending
 * days and a window of ten minutes, and only the request whose conditional write creates it
 * sends its units. A failure costs the report nothing: it is logged, the job's record goes (so the
 * next view may try again), and the night aggregates those days as it always did.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { log } from '../log.ts';
import type { SurveyRecord } from '../model.ts';
import type { JobRecord } from './jobs.ts';
import { dayUnits, newJob } from './start.ts';

/**
 * How long a catch-up stands for its survey and days. A day whose answers arrive today stays
 * pending until the night (its marks cannot close before its arrival day is over), so a survey
 * watched all day is caught up at most once per window: what arrived since is counted too.
 */
export const CATCH_UP_WINDOW_MS = 10 * 60_000;

/** The same for every request about the same survey, days and window: the write that debounces. */
export function catchUpJobId(survey: SurveyRecord, days: readonly string[], at: Date): string {
  const window = Math.floor(at.getTime() / CATCH_UP_WINDOW_MS);
  const digest = createHash('sha256')
    .update(`${survey.territory}|${survey.id}|${days.join(',')}|${window}`)
    .digest('hex');
  return `catch-up-${digest.slice(0, 40)}`;
}

/**
 * Queues the aggregation of a survey's pending `days` (sorted), once per window: answers the job
 * that does it (this request's or an earlier one's), or undefined when none could be queued.
 * Never throws: the report it serves answers whatever happens here.
 */
export async function queueCatchUp(deps: Deps, survey: SurveyRecord, days: string[]): Promise<JobRecord | undefined> {
  const { work } = deps;
  if (!work || days.length === 0) return undefined;
  const { jobs } = deps.stores;
  const id = catchUpJobId(survey, days, deps.now());
  const units = dayUnits(survey.territory, [survey], days, id);
  const job: JobRecord = {
    ...newJob(deps, survey.territory, 'aggregation'),
    id,
    surveyId: survey.id,
    from: days[0],
    to: days.at(-1),
    days: days.length,
    total: units.length,
  };
  let created = false;
  try {
    created = await jobs.createIfNew(job);
    if (!created) return await jobs.get(id);
    await work.queue.enqueue(units);
    return job;
  } catch (e) {
    log('error', 'catch-up not queued: the night aggregates these days', {
      territory: survey.territory,
      surveyId: survey.id,
      days: days.length,
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    });
    // Left behind, the record would hold the window with nothing sent; failing that too, it only says queued until it expires.
    if (created) await jobs.delete(id).catch(() => undefined);
    return undefined;
  }
}
