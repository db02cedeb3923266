/**
 * Jobs as the API starts them: the job's record first (so a client can follow it at once), then
 * its units to the queue. A back-fill is one unit per survey and month (no two units roll up the
 * same month), an export one unit; a report's catch-up (catch-up.ts) is made of the same units.
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../errors.ts';
import type { Deps, Work } from '../deps.ts';
import type { SurveyRecord } from '../model.ts';
import type { JobRecord } from './jobs.ts';
import { byMonth, type WorkUnit } from './units.ts';

export function requireWork(deps: Deps): Work {
  if (!deps.work) throw new ApiError('unavailable', 'this deployment runs no work outside requests');
  return deps.work;
}

async function start(deps: Deps, job: JobRecord, units: WorkUnit[]): Promise<JobRecord> {
  const work = requireWork(deps);
  const record = await deps.stores.jobs.create({ ...job, total: units.length });
  await work.queue.enqueue(units);
  return record;
}

export const newJob = (deps: Deps, territory: string, kind: JobRecord['kind']): JobRecord => ({
  id: randomUUID(),
  territory,
  kind,
  createdAt: deps.now().toISOString(),
  total: 0,
  done: 0,
  failed: 0,
  days: 0,
  responses: 0,
});

/** A back-fill of every survey of a territory over `days` (from its first to its last). */
export function startAggregation(deps: Deps, territory: string, surveys: SurveyRecord[], days: string[]) {
  const [from, to] = [days[0] ?? '', days.at(-1) ?? ''];
  const job = { ...newJob(deps, territory, 'aggregation'), from, to, days: days.length };
  return start(deps, job, dayUnits(territory, surveys, days, job.id));
}

/** The units that aggregate `days` of each survey: one per survey and month. */
export function dayUnits(territory: string, surveys: Pick<SurveyRecord, 'id'>[], days: string[], jobId: string) {
  const parts = byMonth(days);
  return surveys.flatMap((s) =>
    parts.map((part): WorkUnit => ({ kind: 'days', territory, surveyId: s.id, days: part, jobId })),
  );
}

/** An export of one survey's raw responses from `from` to `to`, to a file. */
export function startExport(deps: Deps, survey: SurveyRecord, from: string, to: string) {
  const job = { ...newJob(deps, survey.territory, 'export'), surveyId: survey.id, from, to };
  return start(deps, job, [
    { kind: 'export', territory: survey.territory, surveyId: survey.id, from, to, jobId: job.id },
  ]);
}
