/**
 * Following work done outside requests: a back-fill's job, and exports of raw responses to a
 * file handed out by a short-lived link. A job is seen only by keys of its territory; another
 * territory's and an unknown one answer the same 404.
 */
import * as z from 'zod';
import { Day, Slug } from '#analytics/questionnaire.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { surveyIdOf } from '../model.ts';
import { exportPeriod } from '../response-csv.ts';
import { JobView, jobStatus, jobView, type JobRecord } from '../work/jobs.ts';
import { requireWork, startExport } from '../work/start.ts';
import { createRoute, errors, jsonBody, jsonResponse, newRouter } from './router.ts';
import { SurveyParam } from './public-schemas.ts';
import { scopedSurvey, scopedTerritory } from './scoped.ts';

const JobId = z.string().max(64);

const getAggregation = createRoute({
  method: 'get',
  path: '/v1/territories/{t}/aggregations/{jobId}',
  operationId: 'getAggregationJob',
  summary: 'A back-fill job: its status and progress',
  access: { roles: ['admin'] },
  territory: { from: 'param', name: 't' },
  request: { params: z.object({ t: Slug, jobId: JobId }) },
  responses: { 200: jsonResponse('the job', JobView), ...errors },
});
const postExport = createRoute({
  method: 'post',
  path: '/v1/surveys/{id}/exports',
  operationId: 'startExport',
  summary: 'Export the raw responses of a period to a file, as a job',
  access: { roles: ['admin'] },
  territory: { from: 'survey', param: 'id' },
  description:
    'The same CSV as GET …/responses.csv, of any size, written outside the request. Follow the job at `Location`; once done it carries a short-lived `url` to the file.',
  request: {
    params: SurveyParam,
    body: jsonBody(z.object({ from: z.optional(Day), to: z.optional(Day) })),
  },
  responses: { 202: jsonResponse('the export job; follow it at Location', JobView), ...errors },
});
const getExport = createRoute({
  method: 'get',
  path: '/v1/surveys/{id}/exports/{jobId}',
  operationId: 'getExportJob',
  summary: 'An export job: its status, and once done a link to its file valid 15 minutes; read it again for a new link',
  access: { roles: ['admin'] },
  territory: { from: 'survey', param: 'id' },
  request: { params: z.object({ ...SurveyParam.shape, jobId: JobId }) },
  responses: { 200: jsonResponse('the job', JobView), ...errors },
});

/** A file name made only of safe characters, whatever the survey id. */
export const exportFileName = (surveyId: string) => `${surveyId.replace(/[^a-z0-9-]/gi, '-')}-responses.csv`;

/** The job's view under the survey's public id, with a fresh link to its file once it is written. */
export async function exportView(deps: Deps, job: JobRecord, surveyId: string): Promise<JobView> {
  const view = { ...jobView(job), surveyId };
  if (jobStatus(job) !== 'done' || !job.file) return view;
  return { ...view, ...(await requireWork(deps).links.link(job.file, exportFileName(surveyId))) };
}

export const exportLocation = (surveyId: string, jobId: string) => `/v1/surveys/${surveyId}/exports/${jobId}`;

export function jobsApp(deps: Deps) {
  const app = newRouter(deps);
  const { jobs } = deps.stores;

  app.openapi(getAggregation, async (c) => {
    const { jobId } = c.req.valid('param');
    const t = scopedTerritory(c).id;
    const job = await jobs.get(jobId);
    if (!job || job.territory !== t || job.kind !== 'aggregation') throw new NotFoundError('job');
    return c.json(jobView(job), 200);
  });

  app.openapi(postExport, async (c) => {
    const { survey, territory } = scopedSurvey(c);
    const id = surveyIdOf(survey);
    const { from, to } = exportPeriod(survey, territory, c.req.valid('json'), deps.now());
    const job = await startExport(deps, survey, from, to);
    c.header('Location', exportLocation(id, job.id));
    return c.json({ ...jobView(job), surveyId: id }, 202);
  });

  app.openapi(getExport, async (c) => {
    const { jobId } = c.req.valid('param');
    const { survey } = scopedSurvey(c);
    const job = await jobs.get(jobId);
    // The stored id: a survey's public id may name another territory's survey too.
    if (!job || job.territory !== survey.territory || job.surveyId !== survey.id || job.kind !== 'export')
      throw new NotFoundError('job');
    c.header('Cache-Control', 'private, no-store');
    return c.json(await exportView(deps, job, surveyIdOf(survey)), 200);
  });

  return app;
}
