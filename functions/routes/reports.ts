/**
 * Aggregation on demand, reports, and the report settings (weighting targets, objectives). A
 * report reads aggregates only: the days it finds pending are queued to be aggregated (catch-up.ts).
 */
import * as z from 'zod';
import { daysBetween } from '#analytics/calendar.ts';
import { Day, isScaleQuestion, measuresOf, type SurveyDefinition } from '#analytics/questionnaire.ts';
import { type Objective, Report } from '#analytics/report-schema.ts';
import { weightingMargins } from '#analytics/weights.ts';
import { ValidationFailedError } from '../errors.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { SurveySettings } from '../survey-settings.ts';
import { aggregateSurveyDays } from '../nightly/job.ts';
import { JobStatus, JobView, jobStatus, jobView, type JobRecord } from '../work/jobs.ts';
import { queueCatchUp } from '../work/catch-up.ts';
import { startAggregation } from '../work/start.ts';
import { checkPeriod, checkRange, ReportSources, surveyReport, surveySetup, type ReportPeriod } from '../reporting.ts';
import type { Context } from 'hono';
import { createRoute, errors, jsonBody, jsonResponse, newRouter } from './router.ts';
import { SurveyParam, TerritoryParam } from './public-schemas.ts';
import { scopedSurvey, scopedTerritory } from './scoped.ts';

export const namedSurvey = { from: 'survey', param: 'id' } as const;
export const ReportQuery = z.object({ from: Day, to: Day, baselineFrom: z.optional(Day), baselineTo: z.optional(Day) });

/** Survey-days (days × surveys of the territory) a back-fill may take inside the request, as before jobs existed. */
export const SYNC_SURVEY_DAYS = 186;

const aggregate = createRoute({
  method: 'post',
  path: '/v1/territories/{t}/aggregations',
  operationId: 'aggregatePeriod',
  summary: "Aggregate a period: the nightly job's work, for back-fills and tests",
  description: `Up to ${SYNC_SURVEY_DAYS} survey-days (days × the territory's surveys) run inside the request and answer 200, as they always did. A larger back-fill, or any with \`async=true\`, answers 202 with a job to follow at its \`Location\` (GET …/aggregations/{jobId}).`,
  access: { roles: ['admin'] },
  territory: { from: 'param', name: 't' },
  request: {
    params: TerritoryParam,
    query: z.object({
      async: z
        .enum(['true', 'false'])
        .optional()
        .meta({ description: 'true: always run as a job (202), whatever the size' }),
    }),
    body: jsonBody(z.object({ from: Day, to: Day })),
  },
  responses: {
    200: jsonResponse('aggregated', z.object({ days: z.int(), responses: z.int() })),
    202: jsonResponse('a job aggregates it; follow it at Location', JobView),
    ...errors,
  },
});
/** Where an aggregation job is followed (the Location of a 202). */
export const aggregationLocation = (territory: string, jobId: string) =>
  `/v1/territories/${territory}/aggregations/${jobId}`;

const PendingJob = z
  .object({
    id: z.string(),
    status: JobStatus,
    location: z.string().meta({ description: 'where an admin key follows it (GET …/aggregations/{jobId})' }),
  })
  .meta({
    description:
      'The job queued to aggregate the pending days (with any other day of the survey still pending); once it is done, the report counts their answers. Absent when none could be queued: the nightly run counts them.',
  });
const ReportAnswer = z.object({ ...Report.shape, pendingJob: z.optional(PendingJob) });

const getReport = createRoute({
  method: 'get',
  path: '/v1/surveys/{id}/report',
  operationId: 'getReport',
  summary: 'The report of a period, by audience, with an optional closed baseline',
  access: { roles: ['admin', 'evaluator'] },
  territory: namedSurvey,
  request: { params: SurveyParam, query: ReportQuery },
  responses: { 200: jsonResponse('report', ReportAnswer), ...errors },
});
const getSettings = createRoute({
  method: 'get',
  path: '/v1/surveys/{id}/report-settings',
  operationId: 'getReportSettings',
  summary: 'Weighting targets and objectives of the reports',
  access: { roles: ['admin', 'evaluator'] },
  territory: namedSurvey,
  request: { params: SurveyParam },
  responses: { 200: jsonResponse('settings', SurveySettings), ...errors },
});
const putSettings = createRoute({
  method: 'put',
  path: '/v1/surveys/{id}/report-settings',
  operationId: 'putReportSettings',
  summary: 'Set population targets per margin (audience, cell questions) and objectives',
  access: { roles: ['admin'] },
  territory: namedSurvey,
  request: { params: SurveyParam, body: jsonBody(SurveySettings) },
  responses: { 200: jsonResponse('settings', SurveySettings), ...errors },
});

/** An objective must name an index the report shows: a competitor of the survey for relative value, one of its audiences. */
function objectiveProblems(definition: SurveyDefinition, objectives: Objective[]): { path: string; message: string }[] {
  const competitors = definition.questions.flatMap((q) =>
    isScaleQuestion(q) && measuresOf(q)?.index === 'relativeValue' ? [measuresOf(q)?.dimension ?? ''] : [],
  );
  return objectives.flatMap((o, i) => {
    const out: { path: string; message: string }[] = [];
    if (o.index === 'relativeValue' && !competitors.includes(o.competitor ?? '')) {
      out.push({
        path: `objectives.${i}.competitor`,
        message: `name a competitor of this survey (${competitors.join(', ')})`,
      });
    }
    if (o.index !== 'relativeValue' && o.competitor !== undefined)
      out.push({ path: `objectives.${i}.competitor`, message: 'only relativeValue objectives name a competitor' });
    if (o.audience && !definition.audiences.includes(o.audience))
      out.push({ path: `objectives.${i}.audience`, message: 'not an audience of this survey' });
    return out;
  });
}

/**
 * The report a request asks for, checked: shared by the JSON, CSV and HTML routes. Pending days
 * (the period's) get the survey's pending days queued to be aggregated: `pendingJob`.
 */
export async function requestedReport(deps: Deps, c: Context<AppEnv>, period: ReportPeriod) {
  const { survey, territory } = scopedSurvey(c);
  checkPeriod(period, territory, deps.now());
  const setup = await surveySetup(deps.stores, survey);
  const sources = new ReportSources(deps.stores, survey.id);
  const report = await surveyReport(deps.stores, survey, period, deps.now(), setup, sources);
  const pendingJob = report.pending ? await queueCatchUp(deps, survey, await sources.allPending()) : undefined;
  return { survey, territory, setup, report, pendingJob };
}

const pendingJobView = (job: JobRecord) => ({
  id: job.id,
  status: jobStatus(job),
  location: aggregationLocation(job.territory, job.id),
});

export function reportsApp(deps: Deps) {
  const app = newRouter(deps);

  app.openapi(aggregate, async (c) => {
    const t = scopedTerritory(c).id;
    const { from, to } = c.req.valid('json');
    checkRange(from, to);
    const days = daysBetween(from, to);
    const surveys = await deps.stores.surveys.listByTerritory(t);
    if (c.req.valid('query').async === 'true' || days.length * surveys.length > SYNC_SURVEY_DAYS) {
      const job = await startAggregation(deps, t, surveys, days);
      c.header('Location', aggregationLocation(t, job.id));
      return c.json(jobView(job), 202);
    }
    let responses = 0;
    for (const survey of surveys) {
      responses += (await aggregateSurveyDays({ stores: deps.stores, now: deps.now }, survey.id, days)).responses;
    }
    return c.json({ days: days.length, responses }, 200);
  });

  app.openapi(getReport, async (c) => {
    const { report, pendingJob } = await requestedReport(deps, c, c.req.valid('query'));
    return c.json({ ...report, ...(pendingJob && { pendingJob: pendingJobView(pendingJob) }) }, 200);
  });

  app.openapi(getSettings, async (c) => {
    return c.json(await deps.stores.surveys.settings(scopedSurvey(c).survey.id), 200);
  });

  app.openapi(putSettings, async (c) => {
    const { survey } = scopedSurvey(c);
    const settings = c.req.valid('json');
    const version = await deps.stores.surveys.version(survey.id, survey.version, true);
    const margins = version ? weightingMargins(version.definition) : [];
    const unknown = Object.keys(settings.weighting ?? {}).filter((m) => !margins.includes(m));
    if (unknown.length) {
      throw new ValidationFailedError(
        'unknown margins',
        unknown.map((m) => ({
          path: `weighting.${m}`,
          message: `not a margin of this survey (${margins.join(', ')})`,
        })),
      );
    }
    if (version) {
      const problems = objectiveProblems(version.definition, settings.objectives ?? []);
      if (problems.length) throw new ValidationFailedError('objectives the report could not read', problems);
    }
    await deps.stores.surveys.putSettings(survey.id, settings);
    return c.json(settings, 200);
  });

  return app;
}
