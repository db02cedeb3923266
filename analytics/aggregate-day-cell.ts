/** A cell of the nightly inner loop (aggregate-day.ts) as stored: its flat arrays back into named fields. */
import type { CellAccumulator } from './aggregate-day.ts';
import { MOMENT, PAIR } from './aggregate-day-layout.ts';
import type { AggregateCell } from './aggregate-schema.ts';
import { type BigSum, type Moments, type PairMoments, toBigSum } from './moments.ts';
import { put } from './records.ts';
import { COMPOSITE_INDICES } from './scoring.ts';

export function storedCell(cell: CellAccumulator, channelNames: readonly string[]): AggregateCell {
  const { layout: v, audience: ap, counts, sums, folded } = cell;
  const at = (i: number) => counts[i] as number;
  // A sum never folded is below 2⁵³ in its double (it would have been folded before passing it).
  const sum = (i: number): BigSum =>
    folded ? toBigSum((folded[i] as bigint) + BigInt(sums[i] as number)) : (sums[i] as number);
  const moments = (i: number, d: number): Moments => ({ d, n: sums[i] as number, sum: sum(i + 1), sumSq: sum(i + 2) });
  const scales: AggregateCell['scales'] = {};
  const topTwoBox: AggregateCell['topTwoBox'] = {};
  v.scaleIds.forEach((id, s) => {
    const [lo, hi, base, box] = [v.min[s] as number, v.max[s] as number, v.hist[s] as number, v.box[s] as number];
    const h: [number, number][] = [];
    for (let x = lo; x <= hi; x++) if (at(base + x - lo) > 0) h.push([x, at(base + x - lo)]);
    if (h.length) scales[id] = h;
    if (box >= 0 && at(box) > 0) topTwoBox[id] = { n: at(box), top: at(box + 1) };
  });
  const net = (base: number) => ({ positive: at(base), neutral: at(base + 1), negative: at(base + 2) });
  const hasNet = (base: number) => at(base) + at(base + 1) + at(base + 2) > 0;
  const relativeValue: AggregateCell['relativeValue'] = {};
  v.competitors.forEach((c, i) => {
    // A competitor may be named "__proto__": `put` keeps it as a field.
    if (hasNet(v.netBase + 3 * (i + 1))) put(relativeValue, c, net(v.netBase + 3 * (i + 1)));
  });
  const choices: AggregateCell['choices'] = {};
  for (const c of v.choices) {
    const options: Record<string, number> = {};
    for (const [o, slot] of c.options.map) if (at(slot) > 0) options[o] = at(slot);
    if (Object.keys(options).length) choices[v.questionIds[c.q] ?? ''] = options;
  }
  // Every response of a cell answered its version as its audience: each was asked the same questions.
  const items: AggregateCell['items'] = {};
  for (const id of ap.askedIds) items[id] = [cell.responses, at(v.answeredBase + (v.questionIndex.get(id) as number))];
  const composites: AggregateCell['composites'] = {};
  COMPOSITE_INDICES.forEach((index, i) => {
    const dimensions: Record<string, Moments> = {};
    v.dims.forEach((dim, j) => {
      if (dim.index === i && (sums[MOMENT * j] as number) > 0)
        put(dimensions, dim.dimension, moments(MOMENT * j, v.dimD[j] as number));
    });
    const d = v.compositeD[i] as number;
    const scored = (sums[v.compositeBase + MOMENT * i] as number) > 0;
    const set = ap.askedDims[i];
    const asked: Record<string, number> = set && set.count > 0 ? { [set.signature]: cell.responses } : {};
    if (!scored && Object.keys(dimensions).length === 0 && Object.keys(asked).length === 0) return;
    composites[index] = {
      score: scored ? moments(v.compositeBase + MOMENT * i, d) : { d, n: 0, sum: 0, sumSq: 0 },
      dimensions,
      asked,
    };
  });
  const drivers: Record<string, PairMoments> = {};
  v.dims.forEach((dim, j) => {
    const p = v.pairBase + PAIR * j;
    const n = sums[p] as number;
    if (n > 0) {
      const d = v.dimD[j] as number;
      drivers[dim.key] = { d, n, sx: sum(p + 1), sxx: sum(p + 2), sy: sum(p + 3), syy: sum(p + 4), sxy: sum(p + 5) };
    }
  });
  const reliability: AggregateCell['reliability'] = {};
  for (const set of ap.itemSets) {
    const n = sums[set.at] as number;
    if (n === 0) continue;
    const k = set.scales.length;
    const from = set.at + 1;
    (reliability[set.key] ??= {})[set.signature] = {
      n,
      sums: Array.from(sums.subarray(from, from + k)),
      products: Array.from(sums.subarray(from + k, from + k + (k * (k + 1)) / 2)),
    };
  }
  const locales: Record<string, number> = {};
  for (const [language, slot] of v.languageSlots)
    if ((cell.languages[slot] as number) > 0) locales[language] = cell.languages[slot] as number;
  const channels: Record<string, number> = {};
  cell.channels.forEach((n, slot) => {
    if (n > 0) channels[channelNames[slot] as string] = n;
  });
  return {
    key: cell.key,
    responses: cell.responses,
    locales,
    channels,
    items,
    scales,
    choices,
    topTwoBox,
    ...(hasNet(v.netBase) ? { nps: net(v.netBase) } : {}),
    composites,
    relativeValue,
    drivers,
    reliability,
  };
}
