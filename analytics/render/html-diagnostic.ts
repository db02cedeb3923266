/**
 * The diagnostic: where to act. For each section, the importance–performance chart and, as its
 * text equivalent, the table of every dimension's importance and performance with their
 * intervals and quadrant; then the importance of each dimension by public side by side.
 */
import type { DriverItem, Importance, ReportSection } from '../report-schema.ts';
import { audienceLabel, dimensionLabel, indexLabel, withheldWords } from './i18n.ts';
import { html, type Markup } from './markup.ts';
import { indexCell, matrix, type SectionContext, sectionsOf } from './html-sections.ts';
import { quadrantChart } from './svg-quadrant.ts';

const ORDER = ['concentrate', 'keep-up', 'low-priority', 'possible-overkill'];
const rank = (i: DriverItem) => {
  const k = ORDER.indexOf(i.quadrant ?? '');
  return k < 0 ? ORDER.length : k;
};
/** Where to act first on top, then by importance. */
export const byPriority = (items: DriverItem[]) =>
  [...items].sort((a, b) => rank(a) - rank(b) || (b.importance.value ?? -2) - (a.importance.value ?? -2));

export const driverLabel = (ctx: SectionContext, i: DriverItem) =>
  `${dimensionLabel(ctx.t, i.dimension)} (${indexLabel(ctx.t, i.index).toLowerCase()})`;

/** What the drivers correlate with, in the reader's words. */
export const outcomeLabel = (ctx: SectionContext, outcome: string) => ctx.itemLabels[outcome] ?? outcome;

function importanceCell({ t, f }: SectionContext, i: Importance, quadrant?: string | null): Markup {
  if (i.n === 0) return html`<td class="withheld">${t.noAnswer}</td>`;
  if (i.suppressed || i.value === null)
    return html`<td class="withheld">${withheldWords(t, i)} <small>(${f.n(i)})</small></td>`;
  const where =
    quadrant === undefined ? '' : html`<br><small>${quadrant ? t.quadrants[quadrant] : t.noQuadrant}</small>`;
  return html`<td class="num"><b>${f.r(i.value)}</b> <small>[${f.interval(i, 2)}] ${f.n(i)}</small>${where}</td>`;
}

function quadrantCell({ t }: SectionContext, item: DriverItem): Markup {
  if (!item.quadrant) return html`<td class="withheld">${t.noQuadrant}</td>`;
  const words = t.quadrants[item.quadrant] ?? item.quadrant;
  return item.quadrant === 'concentrate' ? html`<td><b>${words}</b></td>` : html`<td>${words}</td>`;
}

function driversTable(ctx: SectionContext, audience: string, items: DriverItem[]): Markup {
  const { t } = ctx;
  const rows = byPriority(items).map(
    (i) => html`<tr><th scope="row">${driverLabel(ctx, i)}</th>${importanceCell(ctx, i.importance)}
${indexCell(i.performance, ctx)}${quadrantCell(ctx, i)}</tr>
`,
  );
  return html`<table><caption>${t.driversTable(audienceLabel(t, audience))}</caption>
<thead><tr><th scope="col">${t.index}</th><th scope="col" class="num">${t.importance}</th>
<th scope="col" class="num">${t.performance}</th><th scope="col">${t.quadrant}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function figureOf(ctx: SectionContext, audience: string, section: ReportSection): Markup {
  const { t } = ctx;
  const items = section.drivers?.items ?? [];
  const placed = items.filter((i) => i.quadrant !== null);
  if (placed.length < 2) return html`<p class="note">${audienceLabel(t, audience)}${t.colon}${t.fewDrivers}</p>`;
  const concentrate = byPriority(placed)
    .filter((i) => i.quadrant === 'concentrate')
    .map((i) => driverLabel(ctx, i));
  const title = t.quadrantChart(audienceLabel(t, audience));
  const chart = quadrantChart(
    title,
    t.quadrantDesc(placed.length, t.list(concentrate)),
    placed.map((item) => ({ label: dimensionLabel(t, item.dimension), item })),
    ctx,
  );
  return html`<figure><figcaption>${audienceLabel(t, audience)}</figcaption>${chart}</figure>
`;
}

export function diagnostic(ctx: SectionContext): Markup {
  const { report, t } = ctx;
  const drivers = report.overall.drivers;
  if (!drivers) return html`<p class="note">${t.noDrivers}</p>`;
  const sections = sectionsOf(report);
  const intro = html`<p class="note">${t.diagnosticIntro(outcomeLabel(ctx, drivers.outcome))}</p>`;
  const overall = html`${figureOf(ctx, 'all', report.overall)}${driversTable(ctx, 'all', drivers.items)}`;
  const audiences = sections.slice(1).map(([a, s]) => figureOf(ctx, a, s));
  const keys = byPriority(drivers.items).map((i) => `${i.index}/${i.dimension}`);
  const find = (s: ReportSection, key: string) => s.drivers?.items.find((i) => `${i.index}/${i.dimension}` === key);
  const side = matrix(
    ctx,
    t.driversByAudience,
    keys,
    (key) => {
      const item = find(report.overall, key);
      return item ? driverLabel(ctx, item) : key;
    },
    (s, key) => {
      const item = find(s, key);
      return item ? importanceCell(ctx, item.importance, item.quadrant) : html`<td>—</td>`;
    },
  );
  return html`${intro}<div class="grid">${overall}</div><div class="grid">${audiences}</div>${side}`;
}
