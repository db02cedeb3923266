/**
 * The rows of the report CSV, each a record of columns, rounded as the page shows them: one
 * decimal for indices, shares and changes, two for correlations, α, standard errors and test
 * statistics, two significant digits for p.
 */
import {
  type ComparisonEntry,
  HEADLINE_INDICES,
  type Importance,
  type IndexResult,
  objectiveIndex,
  type Report,
  type ReportSection,
  type SectionComparison,
} from '../report-schema.ts';
import { COMPOSITE_INDICES } from '../scoring.ts';
import type { CsvColumn, CsvOptions } from './csv.ts';
import { audienceLabel, dimensionLabel, indexLabel, stringsFor } from './i18n.ts';

export type CsvMeasure =
  | 'responses'
  | 'version'
  | 'index'
  | 'dimension'
  | 'relative_value'
  | 'top_two_box'
  | 'choice'
  | 'driver'
  | 'reliability'
  | 'item_response'
  | 'comments'
  | 'objective';
export type CsvRow = Partial<Record<CsvColumn, string | number | boolean | null | undefined>>;

const round = (digits: number) => (x: number | null | undefined) => {
  if (x === null || x === undefined) return x;
  const k = 10 ** digits;
  // + 0 turns −0 into 0.
  return Math.round(x * k) / k + 0;
};
const one = round(1);
const two = round(2);
const pValue = (p: number) => Number(p.toPrecision(2));

const indexCells = (i: IndexResult): CsvRow => ({
  value: one(i.value),
  ci_low: one(i.ciLow),
  ci_high: one(i.ciHigh),
  n: i.n,
  n_eff: one(i.nEff),
  low_sample: i.lowSample,
  suppressed: i.suppressed,
  withheld: i.withheld,
});

const importanceCells = (i: Importance): CsvRow => ({
  value: two(i.value),
  ci_low: two(i.ciLow),
  ci_high: two(i.ciHigh),
  n: i.n,
  n_eff: one(i.nEff),
  suppressed: i.suppressed,
  withheld: i.withheld,
});

const comparisonCells = (e: ComparisonEntry | undefined): CsvRow =>
  e
    ? {
        delta: one(e.delta),
        delta_se: two(e.se),
        statistic: two(e.statistic),
        p: pValue(e.p),
        significant: e.significant,
      }
    : {};

interface Period {
  name: 'current' | 'baseline';
  from: string;
  to: string;
  versions?: Report['versions'];
  overall: ReportSection;
  byAudience: Record<string, ReportSection>;
  comparison: Report['comparison'];
}

function sectionRows(section: ReportSection, comparison: SectionComparison | undefined, options: CsvOptions): CsvRow[] {
  const t = stringsFor(options.lang);
  const item = (q: string) => options.itemLabels?.[q] ?? q;
  const rows: CsvRow[] = [{ measure: 'responses', label: t.responses, n: section.n }];
  for (const index of HEADLINE_INDICES) {
    rows.push({
      measure: 'index',
      index,
      label: indexLabel(t, index),
      ...indexCells(section.indices[index]),
      ...comparisonCells(comparison?.[index] ?? undefined),
      comparison_withheld: comparison?.withheld?.[index],
    });
  }
  for (const index of COMPOSITE_INDICES) {
    for (const [dim, result] of Object.entries(section.dimensions[index]))
      rows.push({
        measure: 'dimension',
        index,
        name: dim,
        label: dimensionLabel(t, dim),
        ...indexCells(result),
        ...comparisonCells(comparison?.dimensions?.[index][dim] ?? undefined),
      });
  }
  for (const [competitor, result] of Object.entries(section.relativeValue)) {
    rows.push({
      measure: 'relative_value',
      index: 'relativeValue',
      name: competitor,
      label: competitor,
      ...indexCells(result),
      ...comparisonCells(comparison?.relativeValue[competitor] ?? undefined),
      durably_superior: section.durablySuperior?.[competitor],
    });
  }
  for (const [q, result] of Object.entries(section.topTwoBox))
    rows.push({ measure: 'top_two_box', index: 'topTwoBox', name: q, label: item(q), ...indexCells(result) });
  for (const [q, choice] of Object.entries(section.choices ?? {})) {
    for (const [option, result] of Object.entries(choice.options))
      rows.push({
        measure: 'choice',
        index: q,
        name: option,
        label: options.optionLabels?.[q]?.[option] ?? option,
        ...indexCells(result),
      });
  }
  for (const d of section.drivers?.items ?? []) {
    rows.push({
      measure: 'driver',
      index: d.index,
      name: d.dimension,
      label: `${dimensionLabel(t, d.dimension)} → ${item(section.drivers?.outcome ?? '')}`,
      ...importanceCells(d.importance),
      quadrant: d.quadrant,
    });
  }
  for (const [key, r] of Object.entries(section.reliability ?? {})) {
    const [index, dim = ''] = key.split('/');
    rows.push({
      measure: 'reliability',
      index,
      name: dim,
      label: r.items.map(item).join(' | '),
      value: two(r.alpha),
      n: r.n,
      suppressed: r.suppressed,
      withheld: r.withheld,
    });
  }
  for (const [q, r] of Object.entries(section.itemResponse ?? {}))
    rows.push({
      measure: 'item_response',
      name: q,
      label: item(q),
      value: r.rate === null ? null : one(r.rate * 100),
      n: r.asked,
      answered: r.answered,
    });
  return rows;
}

function periodRows(period: Period, options: CsvOptions): CsvRow[] {
  const t = stringsFor(options.lang);
  const sections: [string, ReportSection, SectionComparison | undefined][] = [
    ['all', period.overall, period.comparison?.overall],
    ...Object.entries(period.byAudience).map(([a, s]): [string, ReportSection, SectionComparison | undefined] => [
      a,
      s,
      period.comparison?.byAudience[a],
    ]),
  ];
  const base = (audience: string): CsvRow => ({
    period: period.name,
    from: period.from,
    to: period.to,
    audience,
    audience_label: audienceLabel(t, audience),
  });
  const versions = (period.versions ?? []).map((v) => ({
    ...base('all'),
    measure: 'version',
    name: String(v.version),
    label: t.version(v.version, null),
    n: v.responses,
  }));
  return [
    ...versions,
    ...sections.flatMap(([audience, section, comparison]) =>
      sectionRows(section, comparison, options).map((row) => ({ ...base(audience), ...row })),
    ),
  ];
}

export function reportRows(report: Report, options: CsvOptions): CsvRow[] {
  const t = stringsFor(options.lang);
  const periods: Period[] = [{ name: 'current', ...report }];
  if (report.baseline) periods.push({ name: 'baseline', ...report.baseline, comparison: null });
  const objectives = report.objectives.map((o): CsvRow => {
    const audience = o.audience ?? 'all';
    const index = objectiveIndex(o, report.overall, report.byAudience);
    return {
      period: 'current',
      from: report.from,
      to: report.to,
      audience,
      audience_label: audienceLabel(t, audience),
      measure: 'objective',
      index: o.index,
      name: o.competitor ?? '',
      label: `${indexLabel(t, o.index)}${o.competitor ? `${t.colon}${o.competitor}` : ''}`,
      ...(index ? indexCells(index) : {}),
      target: o.target,
      target_by: o.by,
      distance: one(o.distance),
      ci_above_target: o.ciAboveTarget,
    };
  });
  return [...periods.flatMap((p) => periodRows(p, options)), ...objectives, ...commentRows(report, options)];
}

/**
 * How many comments each text question received, overall and by public (`answered`), withheld
 * as the report withholds them. Their texts stay in the JSON and the page: a tidy table of figures
 * has no column for quotations, and a spreadsheet is where free text is least safe to open.
 */
function commentRows(report: Report, options: CsvOptions): CsvRow[] {
  const t = stringsFor(options.lang);
  const label = (q: string) => options.itemLabels?.[q] ?? q;
  return (report.comments ?? []).flatMap((c) =>
    [['all', c] as const, ...Object.entries(c.byAudience)].map(([audience, g]) => ({
      period: 'current',
      from: report.from,
      to: report.to,
      audience,
      audience_label: audienceLabel(t, audience),
      measure: 'comments',
      name: c.question,
      label: label(c.question),
      answered: g.count,
      suppressed: g.count === null,
      withheld: g.withheld,
    })),
  );
}
