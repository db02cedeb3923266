/**
 * The report as files evaluators can reuse: GET …/report.csv (tidy, UTF-8 with BOM, `sep=;` for
 * French spreadsheets) and GET …/report.html (a self-contained page with its charts, under a
 * CSP that allows no script at all).
 */
import * as z from 'zod';
import { reportCsv } from '#analytics/render/csv.ts';
import { reportHtml } from '#analytics/render/html.ts';
import type { Deps } from '../deps.ts';
import { csvOptions, htmlOptions } from '../report-renderers.ts';
import { monthlyTrends } from '../report-trends.ts';
import { surveyIdOf } from '../model.ts';
import { ReportQuery, namedSurvey, requestedReport } from './reports.ts';
import { createRoute, errors, newRouter } from './router.ts';
import { SurveyParam } from './public-schemas.ts';

export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const Lang = z.enum(['fr', 'en']).default('fr').meta({ description: 'Language of labels (fr by default)' });
const CsvQuery = ReportQuery.extend({
  sep: z
    .enum([',', ';'])
    .default(',')
    .meta({ description: 'Separator; with `;` numbers take a decimal comma (French spreadsheet settings)' }),
  lang: Lang,
});
const HtmlQuery = ReportQuery.extend({ lang: Lang });

const getCsv = createRoute({
  method: 'get',
  path: '/v1/surveys/{id}/report.csv',
  operationId: 'getReportCsv',
  summary: 'The report as tidy CSV, one row per period × audience × measure, UTF-8 with BOM',
  access: { roles: ['admin', 'evaluator'] },
  territory: namedSurvey,
  request: { params: SurveyParam, query: CsvQuery },
  responses: { 200: { description: 'report CSV', content: { 'text/csv': { schema: z.string() } } }, ...errors },
});
const getHtml = createRoute({
  method: 'get',
  path: '/v1/surveys/{id}/report.html',
  operationId: 'getReportHtml',
  summary: 'The report as a self-contained page with inline SVG charts and a print stylesheet for A4',
  access: { roles: ['admin', 'evaluator'] },
  territory: namedSurvey,
  request: { params: SurveyParam, query: HtmlQuery },
  responses: { 200: { description: 'report page', content: { 'text/html': { schema: z.string() } } }, ...errors },
});

/** A file name made only of safe characters, whatever the survey id. */
const fileName = (id: string, from: string, to: string, ext: string) =>
  `${id.replace(/[^a-z0-9-]/gi, '-')}-${from}-${to}.${ext}`;

export function reportFilesApp(deps: Deps) {
  const app = newRouter(deps);

  app.openapi(getCsv, async (c) => {
    const { sep, lang, ...period } = c.req.valid('query');
    const { survey, setup, report } = await requestedReport(deps, c, period);
    const id = surveyIdOf(survey);
    return c.body(reportCsv(report, csvOptions(setup.definition, lang, sep)), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName(id, period.from, period.to, 'csv')}"`,
      'Cache-Control': 'private, no-store',
    });
  });

  app.openapi(getHtml, async (c) => {
    const { lang, ...period } = c.req.valid('query');
    const { survey, territory, setup, report } = await requestedReport(deps, c, period);
    const id = surveyIdOf(survey);
    const until = { to: period.to, timeZone: territory.timeZone };
    const trends = await monthlyTrends(deps.stores, survey, until, deps.now(), setup);
    return c.body(reportHtml(report, htmlOptions(setup.definition, territory, lang, trends)), 200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': REPORT_CSP,
      'Content-Disposition': `inline; filename="${fileName(id, period.from, period.to, 'html')}"`,
      'Cache-Control': 'private, no-store',
    });
  });

  return app;
}
