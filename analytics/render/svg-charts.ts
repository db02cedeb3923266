/** The charts of time and targets: monthly trends with interval bands, comparison with the baseline, objectives. */
import type { ComparisonEntry, IndexResult } from '../report-schema.ts';
import { coord as c, html, type Markup } from './markup.ts';
import { type ChartText, clip, frame, linear, LOW_MARK, ticksOf, whisker, withheldText, xAxis } from './svg.ts';

export interface TrendSeries {
  month: string;
  index: IndexResult;
  /** The month is not over: its point is drawn hollow and apart from the line. */
  unfinished?: boolean;
  /** Nobody behind the point although the month had answers: every public was withheld. */
  leftOut?: boolean;
}

/** A y range that holds every interval, on round numbers, inside the index's own scale. */
function yDomain(points: TrendSeries[], [lo, hi]: [number, number]): [number, number] {
  const values = points
    .flatMap((p) => [p.index.ciLow, p.index.ciHigh, p.index.value])
    .filter((v): v is number => v !== null);
  if (!values.length) return [lo, hi];
  const step = 10;
  const min = Math.max(lo, Math.floor(Math.min(...values) / step) * step - step);
  const max = Math.min(hi, Math.ceil(Math.max(...values) / step) * step + step);
  return max - min < 20 ? [Math.max(lo, min - 10), Math.min(hi, max + 10)] : [min, max];
}

const shownPoint = (p: TrendSeries) => !p.index.suppressed && p.index.value !== null;

/**
 * One index month by month: the line, its 95 % band, each month's value and n; withheld months
 * break the line, an unfinished month stands apart (hollow, joined by a dashed line).
 */
export function trendChart(
  title: string,
  points: TrendSeries[],
  scale: [number, number],
  color: string,
  text: ChartText,
): Markup {
  const { f, t } = text;
  const [W, H] = [560, 222];
  const [x0, x1, y0, y1] = [46, 540, 14, 176];
  const domain = yDomain(points, scale);
  const net = scale[0] < 0;
  const y = linear(domain, [y1, y0]);
  const x = (k: number) => (points.length === 1 ? (x0 + x1) / 2 : x0 + 14 + (k * (x1 - x0 - 28)) / (points.length - 1));
  const at = (k: number, v: number | null) => `${c(x(k))},${c(y(v ?? 0))}`;
  const grid = ticksOf(domain).map(
    (v) => html`<line x1="${x0}" x2="${x1}" y1="${c(y(v))}" y2="${c(y(v))}" stroke="${v === 0 ? '#666' : '#e3e3e3'}"/>
<text x="${x0 - 6}" y="${c(y(v) + 4)}" text-anchor="end" fill="#555">${f.int(v)}</text>
`,
  );
  // Runs of consecutive shown, finished months: each gets its own band and line.
  const runs: { k: number; i: IndexResult }[][] = [[]];
  points.forEach((p, k) => {
    if (!shownPoint(p) || p.unfinished) runs.push([]);
    else runs[runs.length - 1]?.push({ k, i: p.index });
  });
  const series = runs
    .filter((r) => r.length > 0)
    .map((run) => {
      const upper = run.map(({ k, i }) => at(k, i.ciHigh ?? i.value));
      const lower = run.map(({ k, i }) => at(k, i.ciLow ?? i.value)).reverse();
      const line = run.map(({ k, i }) => at(k, i.value)).join(' ');
      return html`<polygon points="${[...upper, ...lower].join(' ')}" fill="${color}" fill-opacity="0.15"/>
<polyline points="${line}" fill="none" stroke="${color}" stroke-width="2"/>
`;
    });
  // An unfinished month after a shown one: a dashed link, so the eye does not read it as settled.
  const links = points.map((p, k) => {
    const before = points[k - 1];
    if (!p.unfinished || !shownPoint(p) || !before || !shownPoint(before)) return '';
    const d = `M${at(k - 1, before.index.value)}L${at(k, p.index.value)}`;
    return html`<path d="${d}" stroke="${color}" stroke-width="1.5" stroke-dasharray="4 3" fill="none"/>`;
  });
  const every = Math.ceil(points.length / 12);
  const marks = points.map((p, k) => {
    const i = p.index;
    const shownLabel = k % every === 0 || k === points.length - 1;
    // Month on the first line, then n, then the year (first month and each January) or "ongoing".
    const year = k === 0 || p.month.endsWith('-01') ? p.month.slice(0, 4) : '';
    const third = [year, p.unfinished ? t.unfinished : ''].filter(Boolean).join(' · ');
    const px = c(x(k));
    const axis = shownLabel
      ? html`<text x="${px}" y="${y1 + 15}" text-anchor="middle">${f.month(p.month)}</text>
<text x="${px}" y="${y1 + 27}" text-anchor="middle" fill="#555" font-size="9.5">${f.int(i.n)}</text>
<text x="${px}" y="${y1 + 39}" text-anchor="middle" fill="#555" font-size="9.5">${third}</text>
`
      : '';
    if (!shownPoint(p)) {
      return html`${axis}<text x="${px}" y="${c((y0 + y1) / 2)}" text-anchor="middle" fill="#595959" font-size="14">
<title>${p.leftOut ? t.overallEmpty : withheldText(i, text)}</title>×</text>
`;
    }
    const value = `${net ? f.signed(i.value ?? 0) : f.num(i.value)}${i.lowSample ? LOW_MARK : ''}`;
    const label = shownLabel
      ? html`<text x="${px}" y="${c(y(i.ciHigh ?? i.value ?? 0) - 5)}" text-anchor="middle" font-size="10"
 font-weight="600">${value}</text>
`
      : '';
    const fill = p.unfinished ? '#fff' : color;
    const tip = `${value} [${f.interval(i)}] ${f.n(i)}${p.unfinished ? ` · ${t.unfinished}` : ''}`;
    return html`${axis}<circle cx="${px}" cy="${c(y(i.value ?? 0))}" r="3.5" fill="${fill}" stroke="${color}"
 stroke-width="1.5"><title>${tip}</title></circle>
${label}`;
  });
  const nLegend = html`<text x="${x0 - 6}" y="${y1 + 27}" text-anchor="end" fill="#555" font-size="9.5">n</text>`;
  return frame(W, H, title, [...grid, ...series, ...links, ...marks, nLegend]);
}

export interface ComparisonRow {
  label: string;
  entry: ComparisonEntry | undefined;
  current: IndexResult;
  baseline: IndexResult | undefined;
  /** Not compared because the two periods asked different dimensions of this index. */
  versions?: boolean;
}

const niceMax = (v: number) => [10, 20, 25, 50, 100, 200].find((s) => s >= v) ?? Math.ceil(v / 100) * 100;

/** Each change against the baseline with ±1.96 standard errors; ★ when it survives Holm's adjustment. */
export function comparisonChart(title: string, rows: ComparisonRow[], text: ChartText): Markup {
  const { f, t } = text;
  const W = 560;
  const rowH = 36;
  const top = 6;
  const [x0, x1] = [150, 360];
  const m = niceMax(Math.max(5, ...rows.map((r) => (r.entry ? Math.abs(r.entry.delta) + 1.96 * r.entry.se : 0))));
  const domain: [number, number] = [-m, m];
  const x = linear(domain, [x0, x1]);
  const bottom = top + rows.length * rowH;
  const body = rows.map((row, k) => {
    const cy = top + k * rowH + rowH / 2 - 4;
    const label = html`<text x="${x0 - 8}" y="${c(cy + 4)}" text-anchor="end"><title>${row.label}</title>${clip(
      row.label,
      24,
    )}</text>
`;
    const counts = `${f.n(row.current)} / ${row.baseline ? f.int(row.baseline.n) : '—'}`;
    const e = row.entry;
    if (!e) {
      const why = row.versions ? t.versionsShort : t.notComparable;
      return html`${label}<text x="${x0 + 4}" y="${c(cy + 4)}" fill="#595959" font-style="italic" stroke="#fff"
 stroke-width="3" paint-order="stroke">${why}</text>
<text x="${x0 + 4}" y="${c(cy + 17)}" fill="#555" font-size="9.5">${counts}</text>
`;
    }
    const fill = e.significant ? (e.delta > 0 ? '#1a7f37' : '#b42318') : '#8a8f98';
    const ink = e.significant ? fill : '#50565f';
    const [a, b] = [x(0), x(e.delta)];
    const mark = e.significant ? t.significantShort : t.notSignificantShort;
    const bar = { left: c(Math.min(a, b)), width: c(Math.max(1, Math.abs(b - a))) };
    return html`${label}<rect x="${bar.left}" y="${c(cy - 7)}" width="${bar.width}" height="14" fill="${fill}"
 fill-opacity="0.85"/>${whisker(x(e.delta - 1.96 * e.se), x(e.delta + 1.96 * e.se), cy)}
<text x="${x1 + 8}" y="${c(cy + 1)}" font-weight="600" fill="${ink}">${f.signed(e.delta)} ${mark}</text>
<text x="${x1 + 8}" y="${c(cy + 14)}" fill="#555" font-size="9.5">${f.p(e.p)} · ${counts}</text>
`;
  });
  const axis = rows.some((r) => r.entry) ? xAxis(x, domain, top, bottom, f) : [];
  return frame(W, bottom + 20, title, [...axis, ...body]);
}

export interface ObjectiveRow {
  label: string;
  detail: string;
  target: number;
  index: IndexResult | undefined;
  domain: [number, number];
  above: boolean;
}

/** Each objective on its index's scale: the target as a line, the value with its interval. */
export function objectivesChart(title: string, rows: ObjectiveRow[], text: ChartText): Markup {
  const { f, t } = text;
  const W = 560;
  const rowH = 44;
  const [x0, x1] = [196, 386];
  const body = rows.map((row, k) => {
    const cy = 10 + k * rowH + 22;
    const x = linear(row.domain, [x0, x1]);
    const read = (v: number) => (row.domain[0] < 0 ? f.signed(v) : f.num(v));
    const i = row.index;
    const tx = c(x(row.target));
    const name = html`<title>${row.label}</title>${clip(row.label, 30)}`;
    const head = html`<text x="${x0 - 8}" y="${c(cy - 2)}" text-anchor="end" font-weight="600">${name}</text>
<text x="${x0 - 8}" y="${c(cy + 11)}" text-anchor="end" fill="#555" font-size="9.5">${clip(row.detail, 36)}</text>
`;
    const track = html`<line x1="${x0}" x2="${x1}" y1="${cy}" y2="${cy}" stroke="#ccc" stroke-width="6" stroke-linecap="round"/>
<line x1="${tx}" x2="${tx}" y1="${cy - 12}" y2="${cy + 12}" stroke="#7a1f1f" stroke-width="2" stroke-dasharray="3 2"/>
<text x="${tx}" y="${cy - 15}" text-anchor="middle" fill="#7a1f1f" font-size="9.5">${t.target} ${read(row.target)}</text>
`;
    if (!i || i.suppressed || i.value === null) {
      const words = i ? html`${withheldText(i, text, 'tiny')}<title>${withheldText(i, text)}</title>` : '—';
      return html`${head}${track}<text x="${x1 + 10}" y="${c(cy + 4)}" fill="#595959" font-style="italic">${words}</text>
`;
    }
    const ok = row.above ? `✓ ${t.aboveShort}` : `${t.distance} ${f.signed(i.value - row.target)}`;
    const band = i.ciLow !== null && i.ciHigh !== null ? whisker(x(i.ciLow), x(i.ciHigh), cy, '#222') : '';
    const dot = row.above ? '#1a7f37' : '#1d3557';
    return html`${head}${track}${band}<circle cx="${c(x(i.value))}" cy="${cy}" r="5" fill="${dot}"/>
<text x="${x1 + 10}" y="${c(cy)}" font-weight="600">${read(i.value)}${i.lowSample ? ` ${LOW_MARK}` : ''} · ${f.n(i)}</text>
<text x="${x1 + 10}" y="${c(cy + 13)}" fill="${row.above ? '#1a7f37' : '#555'}" font-size="9.5">${ok}</text>
`;
  });
  return frame(W, 10 + rows.length * rowH + 6, title, body);
}
