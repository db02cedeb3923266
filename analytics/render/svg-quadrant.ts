/**
 * The importance–performance chart (Martilla & James): each dimension at its performance (across)
 * and its derived importance (up) with the importance's interval, cut at the means of the
 * dimensions shown; the quadrant where to act first is tinted. Labels are placed so they do not
 * overlap when there is room; the full name stays in each point's tooltip.
 */
import type { DriverItem } from '../report-schema.ts';
import { coord as c, html, type Markup } from './markup.ts';
import { type ChartText, clip, frame, linear } from './svg.ts';

export interface QuadrantPoint {
  label: string;
  item: DriverItem;
}

const INDEX_COLORS: Record<string, string> = { satisfaction: '#0072b2', image: '#c45100', value: '#00845f' };

/** A round range around the values, inside the scale. */
function around(values: number[], step: number, [lo, hi]: [number, number]): [number, number] {
  const min = Math.max(lo, Math.floor(Math.min(...values) / step) * step);
  const max = Math.min(hi, Math.ceil(Math.max(...values) / step) * step);
  return max - min < step * 2 ? [Math.max(lo, min - step), Math.min(hi, max + step)] : [min, max];
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

const inside = (b: Box, area: Box) =>
  b.x >= area.x && b.y >= area.y && b.x + b.w <= area.x + area.w && b.y + b.h <= area.y + area.h;

/**
 * Right, left, above or below the point, or on a diagonal: the first place inside the plot and
 * free of other labels and points; none when the cluster is too dense (the table names it).
 */
function placeLabels(points: { x: number; y: number; text: string }[], area: Box, taken: Box[]) {
  const boxes = [...taken, ...points.map((p) => ({ x: p.x - 4, y: p.y - 4, w: 8, h: 8 }))];
  return points.map((p) => {
    const w = p.text.length * 5.6 + 2;
    const options = [
      { box: { x: p.x + 7, y: p.y - 8, w, h: 12 }, tx: p.x + 7, ty: p.y + 3, anchor: 'start' },
      { box: { x: p.x - 7 - w, y: p.y - 8, w, h: 12 }, tx: p.x - 7, ty: p.y + 3, anchor: 'end' },
      { box: { x: p.x - w / 2, y: p.y - 19, w, h: 12 }, tx: p.x, ty: p.y - 9, anchor: 'middle' },
      { box: { x: p.x - w / 2, y: p.y + 6, w, h: 12 }, tx: p.x, ty: p.y + 16, anchor: 'middle' },
      { box: { x: p.x + 5, y: p.y - 19, w, h: 12 }, tx: p.x + 5, ty: p.y - 9, anchor: 'start' },
      { box: { x: p.x + 5, y: p.y + 6, w, h: 12 }, tx: p.x + 5, ty: p.y + 16, anchor: 'start' },
      { box: { x: p.x - 5 - w, y: p.y - 19, w, h: 12 }, tx: p.x - 5, ty: p.y - 9, anchor: 'end' },
      { box: { x: p.x - 5 - w, y: p.y + 6, w, h: 12 }, tx: p.x - 5, ty: p.y + 16, anchor: 'end' },
    ];
    const chosen = options.find((o) => inside(o.box, area) && !boxes.some((b) => overlaps(b, o.box)));
    if (chosen) boxes.push(chosen.box);
    return chosen;
  });
}

const PRIORITY = ['concentrate', 'keep-up', 'possible-overkill', 'low-priority'];

export function quadrantChart(title: string, desc: string, points: QuadrantPoint[], text: ChartText): Markup {
  const { t, f } = text;
  // Labels are placed in order of priority: where to act first always gets its name.
  const rank = (p: QuadrantPoint) => PRIORITY.indexOf(p.item.quadrant ?? '') + 1 || PRIORITY.length + 1;
  const shown = points
    .filter((p) => p.item.importance.value !== null && p.item.performance.value !== null)
    .sort((a, b) => rank(a) - rank(b) || (b.item.importance.value ?? 0) - (a.item.importance.value ?? 0));
  const [W, H] = [560, 404];
  const [x0, x1, y0, y1] = [64, 540, 18, 318];
  const perf = (p: QuadrantPoint) => p.item.performance.value ?? 0;
  const imp = (p: QuadrantPoint) => p.item.importance.value ?? 0;
  const xd = around(shown.map(perf), 10, [0, 100]);
  const yd = around(
    shown.flatMap((p) => [p.item.importance.ciLow ?? imp(p), p.item.importance.ciHigh ?? imp(p)]),
    0.1,
    [-1, 1],
  );
  const x = linear(xd, [x0, x1]);
  const y = linear(yd, [y1, y0]);
  const meanX = shown.reduce((s, p) => s + perf(p), 0) / shown.length;
  const meanY = shown.reduce((s, p) => s + imp(p), 0) / shown.length;
  const [cx, cy] = [x(meanX), y(meanY)];
  const ticks = (lo: number, hi: number, step: number) => {
    const out: number[] = [];
    for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v * 100) / 100 + 0);
    return out;
  };
  const xStep = xd[1] - xd[0] > 50 ? 20 : 10;
  const yStep = yd[1] - yd[0] > 0.8 ? 0.2 : 0.1;
  const grid = [
    ...ticks(xd[0], xd[1], xStep).map(
      (v) => html`<line x1="${c(x(v))}" x2="${c(x(v))}" y1="${y0}" y2="${y1}" stroke="#e6e6e6"/>
<text x="${c(x(v))}" y="${y1 + 14}" text-anchor="middle" fill="#555">${f.int(v)}</text>
`,
    ),
    ...ticks(yd[0], yd[1], yStep).map(
      (v) => html`<line x1="${x0}" x2="${x1}" y1="${c(y(v))}" y2="${c(y(v))}" stroke="${v === 0 ? '#999' : '#e6e6e6'}"/>
<text x="${x0 - 6}" y="${c(y(v) + 4)}" text-anchor="end" fill="#555">${f.num(v)}</text>
`,
    ),
  ];
  const tint = html`<rect x="${x0}" y="${y0}" width="${c(cx - x0)}" height="${c(cy - y0)}" fill="#fbe9e7"/>`;
  const cuts = html`<line x1="${c(cx)}" x2="${c(cx)}" y1="${y0}" y2="${y1}" stroke="#444" stroke-dasharray="5 4"/>
<line x1="${x0}" x2="${x1}" y1="${c(cy)}" y2="${c(cy)}" stroke="#444" stroke-dasharray="5 4"/>
`;
  const corner = (label: string, px: number, py: number, anchor: string, color = '#444') =>
    html`<text x="${px}" y="${py}" text-anchor="${anchor}" font-weight="600" fill="${color}" stroke="#fff"
 stroke-width="3" paint-order="stroke">${label}</text>
`;
  const names = {
    concentrate: t.quadrants.concentrate ?? '',
    keepUp: t.quadrants['keep-up'] ?? '',
    low: t.quadrants['low-priority'] ?? '',
    overkill: t.quadrants['possible-overkill'] ?? '',
  };
  const corners = [
    corner(names.concentrate, x0 + 6, y0 + 14, 'start', '#9b1c1c'),
    corner(names.keepUp, x1 - 6, y0 + 14, 'end'),
    corner(names.low, x0 + 6, y1 - 8, 'start'),
    corner(names.overkill, x1 - 6, y1 - 8, 'end'),
  ];
  const width = (s: string) => s.length * 6.2;
  const cornerBoxes = [
    { x: x0, y: y0, w: width(names.concentrate) + 8, h: 18 },
    { x: x1 - width(names.keepUp) - 8, y: y0, w: width(names.keepUp) + 8, h: 18 },
    { x: x0, y: y1 - 20, w: width(names.low) + 8, h: 20 },
    { x: x1 - width(names.overkill) - 8, y: y1 - 20, w: width(names.overkill) + 8, h: 20 },
  ];
  const at = shown.map((p) => ({ x: x(perf(p)), y: y(imp(p)), text: clip(p.label, 22) }));
  const places = placeLabels(at, { x: x0, y: y0, w: x1 - x0 + 20, h: y1 - y0 }, cornerBoxes);
  const dots = shown.map((p, k) => {
    const { x: px, y: py } = at[k] ?? { x: 0, y: 0 };
    const place = places[k];
    const color = INDEX_COLORS[p.item.index] ?? '#333';
    const i = p.item.importance;
    const whisker =
      i.ciLow !== null && i.ciHigh !== null
        ? html`<line x1="${c(px)}" x2="${c(px)}" y1="${c(y(i.ciLow))}" y2="${c(y(i.ciHigh))}" stroke="${color}"
 stroke-opacity="0.45" stroke-width="2"/>`
        : '';
    const tip = `${p.label}${t.colon}${t.importance} ${f.r(i.value)} [${f.interval(i, 2)}], ${t.performance} ${f.num(
      p.item.performance.value,
    )}`;
    const name = place
      ? html`<text x="${c(place.tx)}" y="${c(place.ty)}" text-anchor="${place.anchor}" font-size="10" stroke="#fff"
 stroke-width="3" paint-order="stroke">${at[k]?.text ?? ''}</text>
`
      : '';
    return html`${whisker}<circle cx="${c(px)}" cy="${c(py)}" r="4.5" fill="${color}"><title>${tip}</title></circle>
${name}`;
  });
  const indices = Object.keys(INDEX_COLORS).filter((index) => shown.some((p) => p.item.index === index));
  const legend = indices.map((index, k) => {
    const lx = x0 + k * 150;
    return html`<circle cx="${lx + 5}" cy="${H - 30}" r="4.5" fill="${INDEX_COLORS[index] ?? '#333'}"/>
<text x="${lx + 14}" y="${H - 26}">${t.indices[index] ?? index}</text>
`;
  });
  const axes = html`<text x="${c((x0 + x1) / 2)}" y="${y1 + 32}" text-anchor="middle" font-weight="600">${t.performance}</text>
<text transform="translate(16 ${c((y0 + y1) / 2)}) rotate(-90)" text-anchor="middle" font-weight="600">${t.importance}</text>
`;
  const unnamed = places.some((p) => !p)
    ? html`<text x="${x0}" y="${H - 6}" fill="#555">${t.unnamedPoints}</text>`
    : '';
  return frame(W, H, title, [tint, ...grid, cuts, ...corners, ...dots, axes, ...legend, unnamed], desc);
}
