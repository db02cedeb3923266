/** The sections of the HTML report, each a function of the report and the reader's language. */
import { DEFAULT_DIMENSIONS } from '../questionnaire.ts';
import {
  HEADLINE_INDICES,
  type IndexResult,
  type Report,
  type ReportSection,
  objectiveIndex,
} from '../report-schema.ts';
import { audienceLabel, dimensionLabel, indexLabel, type Format, type Strings } from './i18n.ts';
import { html, type Markup } from './markup.ts';
import { comparisonChart, objectivesChart, trendChart } from './svg-charts.ts';
import { type ChartText, colorOf, intervalBars, LOW_MARK, NPS_DOMAIN, radar, SCORE_DOMAIN } from './svg.ts';
import type { TrendPoint } from './trends.ts';

export interface SectionContext extends ChartText {
  report: Report;
  itemLabels: Record<string, string>;
}

/** Overall first, then each audience, as [key, section]. */
export const sectionsOf = (r: {
  overall: ReportSection;
  byAudience: Record<string, ReportSection>;
}): [string, ReportSection][] => [['all', r.overall], ...Object.entries(r.byAudience)];

const domainOf = (index: string): [number, number] =>
  index === 'nps' || index === 'relativeValue' ? NPS_DOMAIN : SCORE_DOMAIN;

/** A table cell: the value with its interval and n, or why it is withheld. */
export function indexCell(i: IndexResult | undefined, t: Strings, f: Format): Markup {
  if (!i) return html`<td>—</td>`;
  if (i.n === 0) return html`<td class="withheld">${t.noAnswer}</td>`;
  if (i.suppressed || i.value === null)
    return html`<td class="withheld">${t.suppressed} <small>(${f.n(i)})</small></td>`;
  return html`<td class="num"><b>${f.num(i.value)}</b>${i.lowSample ? html`<abbr title="${t.lowSample}">${LOW_MARK}</abbr>` : ''} <small>[${f.interval(i)}] ${f.n(i)}</small></td>`;
}

export function keyIndices({ report, t, f }: SectionContext): Markup {
  const rows = HEADLINE_INDICES.map((index) => {
    const i = report.overall.indices[index];
    const remark = i.suppressed ? t.suppressed : i.lowSample ? t.lowSample : '';
    return html`<tr><th scope="row">${indexLabel(t, index)}</th><td class="num big">${f.num(i.value)}</td><td class="num">${f.interval(i)}</td><td class="num">${f.int(i.n)}</td><td class="num">${f.num(i.nEff)}</td><td class="${i.suppressed ? 'withheld' : ''}">${remark}</td></tr>`;
  });
  return html`<table><thead><tr><th>${t.index}</th><th class="num">${t.value}</th><th class="num">${t.interval}</th><th class="num">${t.n}</th><th class="num">${t.nEff}</th><th>${t.remark}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function byAudience(ctx: SectionContext): Markup {
  const { report, t } = ctx;
  const figures = HEADLINE_INDICES.map((index) => {
    const rows = sectionsOf(report).map(([a, s]) => ({
      label: audienceLabel(t, a),
      color: colorOf(a),
      index: s.indices[index],
    }));
    return html`<figure><figcaption>${indexLabel(t, index)}</figcaption>${intervalBars(indexLabel(t, index), domainOf(index), rows, ctx)}</figure>`;
  });
  return html`<div class="grid">${figures}</div>`;
}

export function trends(ctx: SectionContext, points: TrendPoint[] | undefined): Markup {
  const { t } = ctx;
  if (!points || points.length < 2) return html`<p class="note">${t.noTrends}</p>`;
  const chart = (index: 'nps' | 'satisfaction', color: string) =>
    html`<figure><figcaption>${indexLabel(ctx.t, index)}</figcaption>${trendChart(
      indexLabel(t, index),
      points.map((p) => ({ month: p.month, index: p[index] })),
      domainOf(index),
      color,
      ctx,
    )}</figure>`;
  return html`<div class="grid">${chart('nps', '#1d3557')}${chart('satisfaction', '#0072b2')}</div>`;
}

export function radars(ctx: SectionContext): Markup {
  const { report, t } = ctx;
  // The hexagon in Anholt's order (presence, place, prerequisites, people, pulse, potential), then a survey's own.
  const order = (d: string) => DEFAULT_DIMENSIONS.image.indexOf(d) + 1 || 99;
  const dims = Object.keys(report.overall.dimensions.image).sort((a, b) => order(a) - order(b));
  if (dims.length < 3) return html`<p class="note">${t.radarFew}</p>`;
  const figures = sectionsOf(report).map(([a, s]) => {
    const axes = dims.map((d) => ({ label: dimensionLabel(t, d), index: s.dimensions.image[d] ?? emptyIndex }));
    return html`<figure class="radar"><figcaption>${audienceLabel(t, a)} <small>(${ctx.f.n(s.indices.image)})</small></figcaption>${radar(`${t.radar} — ${audienceLabel(t, a)}`, axes, colorOf(a), ctx)}</figure>`;
  });
  return html`<div class="grid radars">${figures}</div>`;
}

const emptyIndex: IndexResult = {
  value: null,
  ciLow: null,
  ciHigh: null,
  n: 0,
  nEff: 0,
  lowSample: true,
  suppressed: true,
};

export function relativeValue(ctx: SectionContext): Markup {
  const { report, t } = ctx;
  const competitors = Object.keys(report.overall.relativeValue);
  if (!competitors.length) return html``;
  const figures = competitors.map((name) => {
    const rows = sectionsOf(report).map(([a, s]) => ({
      label: audienceLabel(t, a),
      color: colorOf(a),
      index: s.relativeValue[name] ?? emptyIndex,
    }));
    return html`<figure><figcaption>${t.against(name)}</figcaption>${intervalBars(`${t.relative}${t.colon}${name}`, NPS_DOMAIN, rows, ctx)}</figure>`;
  });
  return html`<section><h2>${t.relative}</h2><p class="note">${t.relativeNote}</p><div class="grid">${figures}</div></section>`;
}

export function comparison(ctx: SectionContext): Markup {
  const { report, t } = ctx;
  if (!report.baseline || !report.comparison) return html`<p class="note">${t.noBaseline}</p>`;
  const baseline = report.baseline;
  const figures = sectionsOf(report).map(([a, s]) => {
    const cmp = a === 'all' ? report.comparison?.overall : report.comparison?.byAudience[a];
    const base = a === 'all' ? baseline.overall : baseline.byAudience[a];
    const rows = [
      ...HEADLINE_INDICES.map((index) => ({
        label: indexLabel(t, index),
        entry: cmp?.[index],
        current: s.indices[index],
        baseline: base?.indices[index],
      })),
      ...Object.entries(s.relativeValue).map(([name, i]) => ({
        label: name,
        entry: cmp?.relativeValue[name],
        current: i,
        baseline: base?.relativeValue[name],
      })),
    ];
    return html`<figure><figcaption>${audienceLabel(t, a)}</figcaption>${comparisonChart(`${t.comparison} — ${audienceLabel(t, a)}`, rows, ctx)}</figure>`;
  });
  return html`<p class="note">${t.baseline(ctx.f.day(baseline.from), ctx.f.day(baseline.to))}</p><div class="grid">${figures}</div>`;
}

export function objectives(ctx: SectionContext): Markup {
  const { report, t, f } = ctx;
  if (!report.objectives.length) return html`<p class="note">${t.noObjectives}</p>`;
  const described = report.objectives.map((o) => ({
    o,
    label: `${indexLabel(t, o.index)}${o.competitor ? `${t.colon}${o.competitor}` : ''}`,
    detail: `${audienceLabel(t, o.audience ?? 'all')}${o.by ? ` · ${t.by} ${f.shortDay(o.by)}` : ''}`,
    index: objectiveIndex(o, report.overall, report.byAudience),
  }));
  const rows = described.map(
    ({ o, label, detail, index }) =>
      html`<tr><th scope="row">${label}<br><small>${detail}</small></th><td class="num">${f.num(o.target)}</td>${indexCell(index, t, f)}<td class="num">${o.distance === null ? '—' : f.signed(o.distance)}</td><td>${o.ciAboveTarget ? `✓ ${t.above}` : index?.suppressed ? t.suppressed : t.notAbove}</td></tr>`,
  );
  const chart = objectivesChart(
    t.objectives,
    described.map(({ o, label, detail, index }) => ({
      label,
      detail,
      target: o.target,
      index,
      domain: domainOf(o.index),
      above: o.ciAboveTarget,
    })),
    ctx,
  );
  return html`<figure>${chart}</figure><table><thead><tr><th>${t.index}</th><th class="num">${t.target}</th><th class="num">${t.value}</th><th class="num">${t.distance}</th><th>${t.remark}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Rows (dimensions or items) × columns (overall, each audience). */
function matrix(
  ctx: SectionContext,
  caption: string,
  names: string[],
  label: (name: string) => string,
  pick: (s: ReportSection, name: string) => IndexResult | undefined,
): Markup {
  const { report, t, f } = ctx;
  const sections = sectionsOf(report);
  const head = sections.map(([a]) => html`<th>${audienceLabel(t, a)}</th>`);
  const rows = names.map(
    (name) =>
      html`<tr><th scope="row">${label(name)}</th>${sections.map(([, s]) => indexCell(pick(s, name), t, f))}</tr>`,
  );
  return html`<table class="matrix"><caption>${caption}</caption><thead><tr><th></th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

export function dimensions(ctx: SectionContext): Markup {
  const { report, t } = ctx;
  const tables = (['satisfaction', 'image', 'value'] as const)
    .filter((index) => Object.keys(report.overall.dimensions[index]).length > 0)
    .map((index) =>
      matrix(
        ctx,
        indexLabel(t, index),
        Object.keys(report.overall.dimensions[index]),
        (d) => dimensionLabel(t, d),
        (s, d) => s.dimensions[index][d],
      ),
    );
  const items = Object.keys(report.overall.topTwoBox);
  const boxes = items.length
    ? matrix(
        ctx,
        t.topTwoBox,
        items,
        (q) => ctx.itemLabels[q] ?? q,
        (s, q) => s.topTwoBox[q],
      )
    : html``;
  return html`${tables}${boxes}`;
}
