/**
 * Our own small chart functions: inline SVG, no library, every text escaped by `html`. Each
 * number drawn says its n; a withheld value says why instead of drawing a bar.
 */
import type { IndexResult } from '../report-schema.ts';
import type { Format } from './format.ts';
import { type Strings, withheldWords } from './i18n.ts';
import { coord as c, html, type Markup, type Part } from './markup.ts';

export const COLORS: Record<string, string> = {
  all: '#1d3557',
  visitor: '#0072b2',
  resident: '#c45100',
  investor: '#00845f',
};
export const colorOf = (audience: string) => COLORS[audience] ?? '#555';
export const NPS_DOMAIN: [number, number] = [-100, 100];
export const SCORE_DOMAIN: [number, number] = [0, 100];
export const LOW_MARK = '†';
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

export interface ChartText {
  t: Strings;
  f: Format;
}

/** Long names (competitors, custom dimensions) are cut for the chart; the full text stays in a tooltip. */
export const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function linear([d0, d1]: [number, number], [r0, r1]: [number, number]) {
  return (v: number) => r0 + ((Math.min(d1, Math.max(d0, v)) - d0) / (d1 - d0)) * (r1 - r0);
}

export function ticksOf([lo, hi]: [number, number]): number[] {
  const span = hi - lo;
  const step = span > 100 ? 50 : span > 40 ? 25 : span > 20 ? 10 : 5;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(v);
  return out;
}

/**
 * The chart's frame: an image with its title (its accessible name) and, for charts a sentence
 * can sum up, a description; each chart's figures are also written beside it as text or a table.
 */
export function frame(width: number, height: number, title: string, body: Part, desc?: string): Markup {
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img"
 font-family="${FONT}" font-size="11" xmlns="http://www.w3.org/2000/svg">
<title>${title}</title>${desc ? html`<desc>${desc}</desc>` : ''}
${body}
</svg>`;
}

/** Vertical grid lines with their labels under the plot. */
export function xAxis(
  x: (v: number) => number,
  domain: [number, number],
  top: number,
  bottom: number,
  f: Format,
): Markup[] {
  return ticksOf(domain).map(
    (v) => html`<line x1="${c(x(v))}" x2="${c(x(v))}" y1="${top}" y2="${bottom}" stroke="${v === 0 ? '#666' : '#ddd'}"/>
<text x="${c(x(v))}" y="${bottom + 13}" text-anchor="middle" fill="#555">${f.int(v)}</text>
`,
  );
}

/** An interval whisker with caps. */
export const whisker = (x0: number, x1: number, y: number, color = '#222') => {
  const d = `M${c(x0)} ${c(y - 5)}v10M${c(x0)} ${c(y)}H${c(x1)}M${c(x1)} ${c(y - 5)}v10`;
  return html`<path d="${d}" stroke="${color}" stroke-width="1.4" fill="none"/>`;
};

/** The value as it reads (signed on a net scale), its low-sample mark and its n. */
export const valueText = (i: IndexResult, { f }: ChartText, net = false) =>
  `${net ? f.score('nps', i.value) : f.num(i.value)}${i.lowSample ? ` ${LOW_MARK}` : ''} · ${f.n(i)}`;
/** Why a value is not drawn, with its n when someone answered: in full, short, or only "withheld" where room is scarce. */
export const withheldText = (i: IndexResult, { t, f }: ChartText, size: 'full' | 'short' | 'tiny' = 'full') => {
  if (i.n === 0) return t.noAnswer;
  return `${size === 'tiny' ? t.withheld : withheldWords(t, i, size === 'short')} (${f.n(i)})`;
};

export interface BarRow {
  label: string;
  color: string;
  index: IndexResult;
  /** The overall rests on nobody because every public answering was withheld (not "no answer"). */
  leftOut?: boolean;
}

/** Horizontal bars from zero with their 95 % interval: indices by audience, relative value by competitor. */
export function intervalBars(title: string, domain: [number, number], rows: BarRow[], text: ChartText): Markup {
  const W = 560;
  const rowH = 26;
  const top = 6;
  const [x0, x1] = [150, 390];
  const x = linear(domain, [x0, x1]);
  const net = domain[0] < 0;
  const bottom = top + rows.length * rowH;
  const bars = rows.map((row, i) => {
    const cy = top + i * rowH + rowH / 2;
    const label = html`<text x="${x0 - 8}" y="${c(cy + 4)}" text-anchor="end"><title>${row.label}</title>${clip(
      row.label,
      24,
    )}</text>`;
    const { index } = row;
    if (index.suppressed || index.value === null) {
      return html`${label}
<text x="${x0 + 4}" y="${c(cy + 4)}" fill="#595959" font-style="italic">${
        row.leftOut ? text.t.overallEmptyShort : withheldText(index, text, 'short')
      }</text>
`;
    }
    const from = x(Math.max(domain[0], 0));
    const to = x(index.value);
    const band = index.ciLow !== null && index.ciHigh !== null ? whisker(x(index.ciLow), x(index.ciHigh), cy) : '';
    const [left, width] = [c(Math.min(from, to)), c(Math.max(1, Math.abs(to - from)))];
    return html`${label}
<rect x="${left}" y="${c(cy - 7)}" width="${width}" height="14" fill="${row.color}"
 fill-opacity="${index.lowSample ? 0.45 : 0.85}"/>${band}
<text x="${x1 + 8}" y="${c(cy + 4)}">${valueText(index, text, net)}</text>
`;
  });
  return frame(W, bottom + 20, title, [...xAxis(x, domain, top, bottom, text.f), ...bars]);
}

export interface RadarAxis {
  label: string;
  index: IndexResult;
}

/** The image hexagon (or any polygon of 3+ dimensions) on 0–100, with its interval as a band. */
export function radar(title: string, axes: RadarAxis[], color: string, text: ChartText): Markup {
  const [W, H, cx, cy, R] = [380, 290, 190, 148, 92];
  const angle = (k: number) => -Math.PI / 2 + (2 * Math.PI * k) / axes.length;
  const at = (k: number, v: number): [number, number] => [
    cx + (Math.cos(angle(k)) * (R * v)) / 100,
    cy + (Math.sin(angle(k)) * (R * v)) / 100,
  ];
  const polygon = (values: number[]) => values.map((v, k) => at(k, v).map(c).join(',')).join(' ');
  const rings = [25, 50, 75, 100].map(
    (v) => html`<polygon points="${polygon(axes.map(() => v))}" fill="none" stroke="${v === 100 ? '#bbb' : '#e3e3e3'}"/>
`,
  );
  const spokes = axes.map(
    (_, k) => html`<line x1="${cx}" y1="${cy}" x2="${c(at(k, 100)[0])}" y2="${c(at(k, 100)[1])}" stroke="#e3e3e3"/>
`,
  );
  const shown = axes.every(
    (a) => !a.index.suppressed && a.index.value !== null && a.index.ciLow !== null && a.index.ciHigh !== null,
  );
  const band = `M${polygon(axes.map((a) => a.index.ciHigh ?? 0))}ZM${polygon(axes.map((a) => a.index.ciLow ?? 0))}Z`;
  const area = shown
    ? html`<path d="${band}" fill="${color}" fill-opacity="0.16" fill-rule="evenodd"/>
<polygon points="${polygon(axes.map((a) => a.index.value ?? 0))}" fill="${color}" fill-opacity="0.12"
 stroke="${color}" stroke-width="2"/>
`
    : '';
  const dots = axes.map((a, k) => {
    if (a.index.value === null) return '';
    const [px, py] = at(k, a.index.value);
    return html`<circle cx="${c(px)}" cy="${c(py)}" r="3" fill="${color}"/>`;
  });
  const labels = axes.map((a, k) => {
    const [lx, ly] = at(k, 112);
    const cos = Math.cos(angle(k));
    const anchor = cos > 0.3 ? 'start' : cos < -0.3 ? 'end' : 'middle';
    const dy = Math.sin(angle(k)) < -0.5 ? -14 : Math.sin(angle(k)) > 0.5 ? 6 : -4;
    const value =
      a.index.suppressed || a.index.value === null ? withheldText(a.index, text, 'tiny') : valueText(a.index, text);
    const name = html`<tspan font-weight="600">${clip(a.label, 16)}</tspan>`;
    const figure = html`<tspan x="${c(lx)}" dy="13" fill="#444">${value}</tspan>`;
    return html`
<text x="${c(lx)}" y="${c(ly + dy)}" text-anchor="${anchor}"><title>${a.label}</title>${name}${figure}</text>`;
  });
  return frame(W, H, title, [...rings, ...spokes, area, ...dots, ...labels]);
}
