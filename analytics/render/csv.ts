/**
 * The report as a tidy CSV: one row per period × audience × measure, so an analyst can pivot it.
 * Objectives are rows too (measure `objective`), their target, distance and verdict in the last
 * columns, which are empty on every other row.
 * UTF-8 with a byte-order mark (spreadsheets then read accents right); with `;` as separator the
 * decimal mark is a comma, as French spreadsheet settings expect.
 */
import {
  HEADLINE_INDICES,
  type ComparisonEntry,
  type IndexResult,
  type Report,
  type ReportSection,
  type SectionComparison,
  objectiveIndex,
} from '../report-schema.ts';
import { audienceLabel, dimensionLabel, indexLabel, stringsFor, type Lang } from './i18n.ts';

export interface CsvOptions {
  separator: ',' | ';';
  lang: Lang;
  /** Question labels for the top-2-box rows (question id → label); the id otherwise. */
  itemLabels?: Record<string, string>;
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
] as const;

export type CsvMeasure = 'responses' | 'index' | 'dimension' | 'relative_value' | 'top_two_box' | 'objective';
type Cell = string | number | boolean | null | undefined;

/** A text a spreadsheet would run as a formula gets an apostrophe in front (OWASP CSV injection). */
export const defuseFormula = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** RFC 4180: a field holding the separator, a quote or a line break is quoted, its quotes doubled. */
export const quoteCsvField = (text: string, separator: string): string =>
  text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;

function field(value: Cell, separator: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return quoteCsvField(separator === ';' ? String(value).replace('.', ',') : String(value), separator);
  if (typeof value === 'boolean') return quoteCsvField(String(value), separator);
  return quoteCsvField(defuseFormula(value), separator);
}

const indexCells = (i: IndexResult): Cell[] => [i.value, i.ciLow, i.ciHigh, i.n, i.nEff, i.lowSample, i.suppressed];
const noIndex: Cell[] = [null, null, null, null, null, null, null];
const noObjective: Cell[] = [null, null, null, null];
const noComparison: Cell[] = [null, null, null, null, null];
const comparisonCells = (e: ComparisonEntry | undefined): Cell[] =>
  e ? [e.delta, e.se, e.statistic, e.p, e.significant] : noComparison;

export function reportCsv(report: Report, options: CsvOptions): string {
  const t = stringsFor(options.lang);
  const rows: Cell[][] = [];
  const periods = [
    {
      name: 'current',
      from: report.from,
      to: report.to,
      overall: report.overall,
      byAudience: report.byAudience,
      comparison: report.comparison,
    },
  ];
  if (report.baseline) periods.push({ ...report.baseline, name: 'baseline', comparison: null });
  for (const period of periods) {
    const sections: [string, ReportSection, SectionComparison | undefined][] = [
      ['all', period.overall, period.comparison?.overall],
      ...Object.entries(period.byAudience).map(([a, s]): [string, ReportSection, SectionComparison | undefined] => [
        a,
        s,
        period.comparison?.byAudience[a],
      ]),
    ];
    for (const [audience, section, comparison] of sections) {
      const row = (
        measure: CsvMeasure,
        index: string,
        name: string,
        label: string,
        cells: Cell[],
        compared: Cell[] = noComparison,
      ) =>
        rows.push([
          period.name,
          period.from,
          period.to,
          audience,
          audienceLabel(t, audience),
          measure,
          index,
          name,
          label,
          ...cells,
          ...compared,
          ...noObjective,
        ]);
      row('responses', '', '', t.responses, [null, null, null, section.n, null, null, null]);
      for (const index of HEADLINE_INDICES)
        row(
          'index',
          index,
          '',
          indexLabel(t, index),
          indexCells(section.indices[index]),
          comparisonCells(comparison?.[index]),
        );
      for (const index of ['satisfaction', 'image', 'value'] as const) {
        for (const [dim, result] of Object.entries(section.dimensions[index]))
          row('dimension', index, dim, dimensionLabel(t, dim), indexCells(result));
      }
      for (const [competitor, result] of Object.entries(section.relativeValue)) {
        row(
          'relative_value',
          'relativeValue',
          competitor,
          competitor,
          indexCells(result),
          comparisonCells(comparison?.relativeValue[competitor]),
        );
      }
      for (const [item, result] of Object.entries(section.topTwoBox))
        row('top_two_box', 'topTwoBox', item, options.itemLabels?.[item] ?? item, indexCells(result));
    }
  }
  for (const o of report.objectives) {
    const audience = o.audience ?? 'all';
    const index = objectiveIndex(o, report.overall, report.byAudience);
    const label = `${indexLabel(t, o.index)}${o.competitor ? `${t.colon}${o.competitor}` : ''}`;
    rows.push([
      'current',
      report.from,
      report.to,
      audience,
      audienceLabel(t, audience),
      'objective',
      o.index,
      o.competitor ?? '',
      label,
      ...(index ? indexCells(index) : noIndex),
      ...noComparison,
      o.target,
      o.by,
      o.distance,
      o.ciAboveTarget,
    ]);
  }
  const line = (cells: readonly Cell[]) =>
    `${cells.map((c) => field(c, options.separator)).join(options.separator)}\r\n`;
  return `\uFEFF${line(CSV_COLUMNS)}${rows.map(line).join('')}`;
}
