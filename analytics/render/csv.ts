/**
 * The report as a tidy CSV: one row per period × audience × measure, so an analyst can pivot it.
 * Objectives are rows too (measure `objective`), their target, distance and verdict in their own
 * columns; so are the diagnostic, scale quality, choice shares, the questionnaire versions and
 * the number of comments per text question (their texts are in the JSON and the page only).
 * Numbers are rounded as the HTML page shows them (the JSON keeps full precision).
 * UTF-8 with a byte-order mark (spreadsheets then read accents right); with `;` as separator the
 * decimal mark is a comma, as French spreadsheet settings expect.
 */
import type { Report } from '../report-schema.ts';
import { type CsvRow, reportRows } from './csv-rows.ts';
import type { Lang } from './i18n.ts';

export interface CsvOptions {
  separator: ',' | ';';
  lang: Lang;
  /** Question labels (question id → label) for item, choice and response-rate rows; the id otherwise. */
  itemLabels?: Record<string, string>;
  /** Option labels of the choice questions (question id → option id → label). */
  optionLabels?: Record<string, Record<string, string>>;
}

export const CSV_COLUMNS = [
  'period',
  'from',
  'to',
  'audience',
  'audience_label',
  'measure',
  'index',
  'name',
  'label',
  'value',
  'ci_low',
  'ci_high',
  'n',
  'n_eff',
  'low_sample',
  'suppressed',
  'delta',
  'delta_se',
  'statistic',
  'p',
  'significant',
  'target',
  'target_by',
  'distance',
  'ci_above_target',
  // Added with the diagnostic and the disclosure rule; older columns keep their place.
  'withheld',
  'comparison_withheld',
  'durably_superior',
  'quadrant',
  'answered',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** A text a spreadsheet would run as a formula gets an apostrophe in front (OWASP CSV injection). */
export const defuseFormula = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** RFC 4180: a field holding the separator, a quote or a line break is quoted, its quotes doubled. */
export const quoteCsvField = (text: string, separator: string): string =>
  text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;

function field(value: CsvRow[CsvColumn], separator: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return quoteCsvField(separator === ';' ? String(value).replace('.', ',') : String(value), separator);
  if (typeof value === 'boolean') return quoteCsvField(String(value), separator);
  return quoteCsvField(defuseFormula(value), separator);
}

export function reportCsv(report: Report, options: CsvOptions): string {
  const line = (cells: readonly CsvRow[CsvColumn][]) =>
    `${cells.map((c) => field(c, options.separator)).join(options.separator)}\r\n`;
  const rows = reportRows(report, options).map((row) => line(CSV_COLUMNS.map((column) => row[column])));
  return `\uFEFF${line(CSV_COLUMNS)}${rows.join('')}`;
}
