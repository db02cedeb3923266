/**
 * What the CSV and HTML renderers need from a survey and its territory (title and question
 * labels in the reader's language), shared by the report routes and the nightly job.
 */
import type { CsvOptions } from '#analytics/render/csv.ts';
import { reportCsv } from '#analytics/render/csv.ts';
import { reportHtml, type HtmlOptions } from '#analytics/render/html.ts';
import type { Lang } from '#analytics/render/i18n.ts';
import { itemLabels, localized, optionLabels } from '#analytics/render/labels.ts';
import type { TrendPoint } from '#analytics/render/trends.ts';
import type { SurveyDefinition } from '#analytics/questionnaire.ts';
import type { Territory } from './model.ts';
import type { ReportRenderer } from './nightly/job.ts';

export const csvOptions = (
  definition: SurveyDefinition,
  lang: Lang,
  separator: CsvOptions['separator'],
): CsvOptions => ({
  separator,
  lang,
  itemLabels: itemLabels(definition, lang),
  optionLabels: optionLabels(definition, lang),
});

export const htmlOptions = (
  definition: SurveyDefinition,
  territory: Territory,
  lang: Lang,
  trends?: TrendPoint[],
): HtmlOptions => ({
  title: localized(definition.title, lang, definition.defaultLocale),
  territoryName: territory.name,
  lang,
  itemLabels: itemLabels(definition, lang),
  optionLabels: optionLabels(definition, lang),
  ...(trends ? { trends } : {}),
});

/** The nightly files: French, `;`-separated CSV (French spreadsheet settings) and the HTML page with its trends. */
export const nightlyRenderers: ReportRenderer[] = [
  { format: 'csv', render: (report, { definition }) => reportCsv(report, csvOptions(definition, 'fr', ';')) },
  {
    format: 'html',
    render: (report, { definition, territory, trends }) =>
      reportHtml(report, htmlOptions(definition, territory, 'fr', trends)),
  },
];
