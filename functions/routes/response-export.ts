/** The raw responses as CSV for a survey's admins: answered whole up to a size, else by an export job. */
import * as z from 'zod';
import { Day } from '#analytics/questionnaire.ts';
import type { Deps } from '../deps.ts';
import { surveyIdOf } from '../model.ts';
import { exportPeriod, responsesCsv } from '../response-csv.ts';
import { JobView, jobView } from '../work/jobs.ts';
import { startExport } from '../work/start.ts';
import { exportFileName, exportLocation } from './jobs.ts';
import { createRoute, errors, jsonResponse, newRouter } from './router.ts';
import { SurveyParam } from './public-schemas.ts';
import { scopedSurvey } from './scoped.ts';

/** A CSV answered whole: under Lambda's 6 MB response limit with room for the envelope (JSON-escaped quotes). */
export const INLINE_EXPORT_BYTES = 4 * 1024 * 1024;
const exportCsv = createRoute({
  method: 'get',
  path: '/v1/surveys/{id}/responses.csv',
  operationId: 'exportResponses',
  summary: 'The raw responses as RFC 4180 CSV',
  access: { roles: ['admin'] },
  territory: { from: 'survey', param: 'id' },
  description: `An export of up to ${INLINE_EXPORT_BYTES / 1024 / 1024} MiB answers the CSV (200). A larger one answers 202 with an export job, as POST …/exports does: follow it at \`Location\` for a link to the file.`,
  request: { params: SurveyParam, query: z.object({ from: z.optional(Day), to: z.optional(Day) }) },
  responses: {
    200: { description: 'CSV, one row per response, id first', content: { 'text/csv': { schema: z.string() } } },
    202: jsonResponse('too large to answer: an export job writes it to a file; follow it at Location', JobView),
    ...errors,
  },
});

export function responseExportApp(deps: Deps) {
  const app = newRouter(deps);

  app.openapi(exportCsv, async (c) => {
    const { survey, territory } = scopedSurvey(c);
    const id = surveyIdOf(survey);
    const { from, to, days } = exportPeriod(survey, territory, c.req.valid('query'), deps.now());
    // Read up to what one answer may carry; past it, stop and hand the export to a job.
    const pieces: string[] = [];
    let bytes = 0;
    for await (const piece of responsesCsv(deps.stores, survey.id, days)) {
      pieces.push(piece.text);
      bytes += Buffer.byteLength(piece.text);
      if (bytes > INLINE_EXPORT_BYTES) {
        const job = await startExport(deps, survey, from, to);
        c.header('Location', exportLocation(id, job.id));
        return c.json({ ...jobView(job), surveyId: id }, 202);
      }
    }
    return c.body(pieces.join(''), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(id)}"`,
    });
  });

  return app;
}
