/** The sections of the HTML report, each a function of the report and the reader's language. */
import { DEFAULT_DIMENSIONS } from '../questionnaire.ts';
import {
  HEADLINE_INDICES,
  type HeadlineIndex,
  type IndexResult,
  type Report,
  type ReportSection,
  objectiveIndex,
} from '../report-schema.ts';
import { isNet } from './format.ts';
import { audienceLabel, dimensionLabel, indexLabel, withheldWords } from './i18n.ts';
import { html, type Markup } from './markup.ts';
import { objectivesChart, trendChart } from './svg-charts.ts';
import { type ChartText, colorOf, intervalBars, LOW_MARK, NPS_DOMAIN, radar, SCORE_DOMAIN } from './svg.ts';
import type { TrendPoint } from './trends.ts';

export interface SectionContext extends ChartText {
  report: Report;
  /** Question id → its label in the reader's language. */
  itemLabels: Record<string, string>;
  /** Question id → option id → its label. */
  optionLabels: Record<string, Record<string, string>>;
}

/** Overall first, then each audience, as [key, section]. */
export const sectionsOf = (r: {
  overall: ReportSection;
  byAudience: Record<string, ReportSection>;
}): [string, ReportSection][] => [['all', r.overall], ...Object.entries(r.byAudience)];

export const domainOf = (index: string): [number, number] => (isNet(index) ? NPS_DOMAIN : SCORE_DOMAIN);

export interface CellStyle {
  /** A net score (NPS, relative value): signed. */
  net?: boolean;
  /** Written after the value ("%"). */
  unit?: string;
}

/** A table cell: the value with its interval and n, or why it is withheld. */
export function indexCell(i: IndexResult | undefined, { t, f }: ChartText, style: CellStyle = {}): Markup {
  if (!i) return html`<td>—</td>`;
  if (i.n === 0) return html`<td class="withheld">${t.noAnswer}</td>`;
  if (i.suppressed || i.value === null)
    return html`<td class="withheld">${withheldWords(t, i)} <small>(${f.n(i)})</small></td>`;
  const value = `${style.net ? f.signed(i.value) : f.num(i.value)}${style.unit ?? ''}`;
  const low = i.lowSample ? html`<abbr title="${t.lowSample}">${LOW_MARK}</abbr>` : '';
  return html`<td class="num"><b>${value}</b>${low} <small>[${f.interval(i)}] ${f.n(i)}</small></td>`;
}

/**
 * The overall can rest on nobody while its publics answered: each was withheld, and the overall
 * leaves the withheld out. That is not "no answer".
 */
export function overallEmpty(
  { report }: SectionContext,
  section: ReportSection,
  pick: (s: ReportSection) => { n: number } | undefined,
): boolean {
  return (
    section === report.overall &&
    pick(section)?.n === 0 &&
    Object.values(report.byAudience).some((a) => (pick(a)?.n ?? 0) > 0)
  );
}

/** One public's figure in a table cell, the overall's emptiness said for what it is. */
export function figureCell(
  ctx: SectionContext,
  section: ReportSection,
  pick: (s: ReportSection) => IndexResult | undefined,
  style: CellStyle = {},
): Markup {
  if (overallEmpty(ctx, section, pick)) return html`<td class="withheld">${ctx.t.overallEmpty}</td>`;
  return indexCell(pick(section), ctx, style);
}

/**
 * The publics the overall leaves out of an index (withheld there), each whole or in part: the
 * overall counts an audience's whole blocks only, and none of a thin one.
 */
export function leftOut({ report, t }: SectionContext, pick: (s: ReportSection) => IndexResult | undefined): string[] {
  const audiences = Object.entries(report.byAudience);
  const shown = audiences.filter(([, s]) => !pick(s)?.suppressed).reduce((n, [, s]) => n + (pick(s)?.n ?? 0), 0);
  const kept = (pick(report.overall)?.n ?? 0) - shown;
  return audiences
    .filter(([, s]) => {
      const i = pick(s);
      return i?.suppressed && i.n > 0;
    })
    .map(([a]) => {
      const group = t.groups[a] ?? a;
      return kept > 0 ? t.partOf(group) : group;
    });
}

export function keyIndices(ctx: SectionContext): Markup {
  const { report, t, f } = ctx;
  const without = new Set<string>();
  const rows = HEADLINE_INDICES.map((index) => {
    const i = report.overall.indices[index];
    const out = leftOut(ctx, (s) => s.indices[index]);
    for (const g of out) without.add(g);
    const empty = overallEmpty(ctx, report.overall, (s) => s.indices[index]);
    const remark = [
      empty ? t.overallEmpty : i.suppressed ? withheldWords(t, i) : i.lowSample ? t.lowSample : '',
      out.length ? t.overallWithout(t.list(out)) : '',
    ].filter(Boolean);
    return html`<tr><th scope="row">${indexLabel(t, index)}</th><td class="num big">${f.score(index, i.value)}</td>
<td class="num">${f.interval(i)}</td><td class="num">${f.int(i.n)}</td><td class="num">${f.nEff(i.nEff)}</td>
<td class="${i.suppressed ? 'withheld' : ''}">${remark.join(t.separator)}</td></tr>
`;
  });
  const note = without.size
    ? html`<p class="note">${t.overallNote(t.list([...without]), f.int(report.overall.n))}</p>`
    : '';
  return html`<table><thead><tr><th scope="col">${t.index}</th><th scope="col" class="num">${t.value}</th>
<th scope="col" class="num">${t.interval}</th><th scope="col" class="num">${t.n}</th>
<th scope="col" class="num">${t.nEff}</th><th scope="col">${t.remark}</th></tr></thead>
<tbody>${rows}</tbody></table>${note}`;
}

export function byAudience(ctx: SectionContext): Markup {
  const { report, t } = ctx;
  const figures = HEADLINE_INDICES.map((index) => {
    const rows = sectionsOf(report).map(([a, s]) => ({
      label: audienceLabel(t, a),
      color: colorOf(a),
      index: s.indices[index],
      leftOut: overallEmpty(ctx, s, (x) => x.indices[index]),
    }));
    const chart = intervalBars(indexLabel(t, index), domainOf(index), rows, ctx);
    return html`<figure><figcaption>${indexLabel(t, index)}</figcaption>${chart}</figure>
`;
  });
  const table = matrix(
    ctx,
    t.byAudienceTable,
    [...HEADLINE_INDICES],
    (k) => indexLabel(t, k),
    (s, k) => figureCell(ctx, s, (x) => x.indices[k as HeadlineIndex], { net: isNet(k) }),
  );
  return html`<div class="grid">${figures}</div>${table}`;
}

export function trends(ctx: SectionContext, points: TrendPoint[] | undefined): Markup {
  const { t } = ctx;
  if (!points || points.length < 2) return html`<p class="note">${t.noTrends}</p>`;
  const chart = (index: 'nps' | 'satisfaction', color: string) => {
    const series = points.map((p) => ({
      month: p.month,
      index: p[index],
      unfinished: p.unfinished === true,
      leftOut: p[index].n === 0 && (p.responses ?? 0) > 0,
    }));
    const svg = trendChart(indexLabel(t, index), series, domainOf(index), color, ctx);
    return html`<figure><figcaption>${indexLabel(t, index)}</figcaption>${svg}</figure>
`;
  };
  const note = points.some((p) => p.unfinished) ? html`<p class="note">${t.unfinishedNote}</p>` : '';
  return html`<div class="grid">${chart('nps', '#1d3557')}${chart('satisfaction', '#0072b2')}</div>${note}`;
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

export function radars(ctx: SectionContext): Markup {
  const { report, t } = ctx;
  // The hexagon in Anholt's order (presence, place, prerequisites, people, pulse, potential), then a survey's own.
  const order = (d: string) => DEFAULT_DIMENSIONS.image.indexOf(d) + 1 || 99;
  const dims = Object.keys(report.overall.dimensions.image).sort((a, b) => order(a) - order(b));
  if (dims.length < 3) return html`<p class="note">${t.radarFew}</p>`;
  const figures = sectionsOf(report).map(([a, s]) => {
    const axes = dims.map((d) => ({ label: dimensionLabel(t, d), index: s.dimensions.image[d] ?? emptyIndex }));
    const chart = radar(`${t.radar} — ${audienceLabel(t, a)}`, axes, colorOf(a), ctx);
    return html`<figure class="radar"><figcaption>${audienceLabel(t, a)} <small>(${ctx.f.n(s.indices.image)})</small>
</figcaption>${chart}</figure>
`;
  });
  return html`<div class="grid radars">${figures}</div>`;
}

/** Per competitor and public: durably superior, not, or not established (a period withheld or missing). */
function durably(ctx: SectionContext, competitors: string[]): Markup {
  const { report, t } = ctx;
  const sections = sectionsOf(report);
  const word = (v: boolean | null | undefined) =>
    v === true
      ? html`<td><b>✓ ${t.durablyYes}</b></td>`
      : v === false
        ? html`<td>${t.durablyNo}</td>`
        : html`<td class="withheld">${t.durablyUnknown}</td>`;
  const rows = competitors.map(
    (name) => html`<tr><th scope="row">${name}</th>${sections.map(([, s]) => word(s.durablySuperior?.[name]))}</tr>
`,
  );
  const head = sections.map(([a]) => html`<th scope="col">${audienceLabel(t, a)}</th>`);
  return html`<table class="matrix"><caption>${t.durably}</caption>
<thead><tr><th scope="col">${t.competitor}</th>${head}</tr></thead><tbody>${rows}</tbody></table>
<p class="note">${t.durablyNote}</p>`;
}

export function relativeValue(ctx: SectionContext): Markup {
  const { report, t } = ctx;
  const competitors = Object.keys(report.overall.relativeValue);
  if (!competitors.length) return html``;
  const figures = competitors.map((name) => {
    const rows = sectionsOf(report).map(([a, s]) => ({
      label: audienceLabel(t, a),
      color: colorOf(a),
      index: s.relativeValue[name] ?? emptyIndex,
      leftOut: overallEmpty(ctx, s, (x) => x.relativeValue[name]),
    }));
    const chart = intervalBars(`${t.relative}${t.colon}${name}`, NPS_DOMAIN, rows, ctx);
    return html`<figure><figcaption>${t.against(name)}</figcaption>${chart}</figure>
`;
  });
  return html`<section><h2>${t.relative}</h2><p class="note">${t.relativeNote}</p><div class="grid">${figures}</div>
${durably(ctx, competitors)}</section>`;
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
  const rows = described.map(({ o, label, detail, index }) => {
    const net = isNet(o.index);
    const verdict = o.ciAboveTarget ? `✓ ${t.above}` : index?.suppressed ? t.withheld : t.notAbove;
    return html`<tr><th scope="row">${label}<br><small>${detail}</small></th>
<td class="num">${f.score(o.index, o.target)}</td>${indexCell(index, ctx, { net })}
<td class="num">${o.distance === null ? '—' : f.signed(o.distance)}</td><td>${verdict}</td></tr>
`;
  });
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
  return html`<figure>${chart}</figure><table><thead><tr><th scope="col">${t.index}</th>
<th scope="col" class="num">${t.target}</th><th scope="col" class="num">${t.value}</th>
<th scope="col" class="num">${t.distance}</th><th scope="col">${t.remark}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Rows (dimensions, items, options) × columns (overall, each audience), each cell from `cell`. */
export function matrix(
  ctx: SectionContext,
  caption: string,
  names: string[],
  label: (name: string) => string,
  cell: (s: ReportSection, name: string) => Markup,
): Markup {
  const { report, t } = ctx;
  const sections = sectionsOf(report);
  const head = sections.map(([a]) => html`<th scope="col">${audienceLabel(t, a)}</th>`);
  const rows = names.map(
    (name) => html`<tr><th scope="row">${label(name)}</th>${sections.map(([, s]) => cell(s, name))}</tr>
`,
  );
  return html`<table class="matrix"><caption>${caption}</caption>
<thead><tr><td></td>${head}</tr></thead><tbody>${rows}</tbody></table>`;
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
        (s, d) => figureCell(ctx, s, (x) => x.dimensions[index][d]),
      ),
    );
  const items = Object.keys(report.overall.topTwoBox);
  const boxes = items.length
    ? matrix(
        ctx,
        t.topTwoBox,
        items,
        (q) => ctx.itemLabels[q] ?? q,
        (s, q) => figureCell(ctx, s, (x) => x.topTwoBox[q]),
      )
    : '';
  return html`${tables}${boxes}`;
}
