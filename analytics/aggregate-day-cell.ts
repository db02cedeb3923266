/**
 * A cell of the nightly inner loop (aggregate-day.ts) as stored: its flat arrays back into named
 * fields, already in the form a merge gives (keys sorted, moments in their least unit), so that a
 * day's cells are stored as they come, without being rebuilt: that rebuilding ran once a day, so
 * never optimized, and cost a day's aggregation a fifth of its time.
 */
import type { CellAccumulator } from './aggregate-day.ts';
import { type AudienceLayout, type DayLayout, MOMENT, PAIR } from './aggregate-day-layout.ts';
import type { AggregateCell } from './aggregate-schema.ts';
import { type BigSum, type Moments, type PairMoments, toBigSum } from './moments.ts';
import { put } from './records.ts';
import { COMPOSITE_INDICES } from './scoring.ts';

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sorted = <T>(xs: Iterable<T>, key: (x: T) => string): T[] => [...xs].sort((a, b) => byString(key(a), key(b)));
const numbers = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** A version's ids in the order they are stored, computed once per layout. */
interface Order {
  scales: number[];
  competitors: number[];
  /** Choice questions by id, each option by id with its offset in the counts. */
  choices: { id: string; options: [string, number][] }[];
  dims: number[];
  languages: [string, number][];
  /** Per audience: the ids asked, with their answered count's offset. */
  items: Map<AudienceLayout, [string, number][]>;
  itemSets: Map<AudienceLayout, AudienceLayout['itemSets']>;
}
const orders = new WeakMap<DayLayout, Order>();
function orderOf(v: DayLayout): Order {
  let order = orders.get(v);
  if (order) return order;
  const audiences = v.audiences;
  order = {
    scales: sorted(numbers(v.scaleIds.length), (s) => v.scaleIds[s] as string),
    competitors: sorted(numbers(v.competitors.length), (c) => v.competitors[c] as string),
    choices: sorted(
      v.choices.map((c) => ({ id: v.questionIds[c.q] ?? '', options: sorted(c.options.map, ([o]) => o) })),
      (c) => c.id,
    ),
    dims: sorted(numbers(v.dims.length), (j) => v.dims[j]?.key as string),
    languages: sorted(v.languageSlots, ([language]) => language),
    items: new Map(
      audiences.map((ap) => [
        ap,
        sorted(ap.askedIds, (id) => id).map((id): [string, number] => [
          id,
          v.answeredBase + (v.questionIndex.get(id) as number),
        ]),
      ]),
    ),
    itemSets: new Map(audiences.map((ap) => [ap, sorted(ap.itemSets, (set) => set.key)])),
  };
  orders.set(v, order);
  return order;
}

export function storedCell(cell: CellAccumulator, channelNames: readonly string[]): AggregateCell {
  const { layout: v, audience: ap, counts, sums, folded } = cell;
  const order = orderOf(v);
  const at = (i: number) => counts[i] as number;
  // A sum never folded is below 2⁵³ in its double (it would have been folded before passing it).
  const sum = (i: number): BigSum =>
    folded ? toBigSum((folded[i] as bigint) + BigInt(sums[i] as number)) : (sums[i] as number);
  // No responses: the unit a merge gives to nothing, 1.
  const moments = (i: number, d: number): Moments => {
    const n = sums[i] as number;
    return n > 0 ? { d, n, sum: sum(i + 1), sumSq: sum(i + 2) } : { d: 1, n: 0, sum: 0, sumSq: 0 };
  };
  const scales: AggregateCell['scales'] = {};
  const topTwoBox: AggregateCell['topTwoBox'] = {};
  for (const s of order.scales) {
    const id = v.scaleIds[s] as string;
    const [lo, hi, base, box] = [v.min[s] as number, v.max[s] as number, v.hist[s] as number, v.box[s] as number];
    const h: [number, number][] = [];
    for (let x = lo; x <= hi; x++) if (at(base + x - lo) > 0) h.push([x, at(base + x - lo)]);
    if (h.length) put(scales, id, h);
    if (box >= 0 && at(box) > 0) put(topTwoBox, id, { n: at(box), top: at(box + 1) });
  }
  const net = (base: number) => ({ positive: at(base), neutral: at(base + 1), negative: at(base + 2) });
  const hasNet = (base: number) => at(base) + at(base + 1) + at(base + 2) > 0;
  const relativeValue: AggregateCell['relativeValue'] = {};
  for (const i of order.competitors) {
    // A competitor may be named "__proto__": `put` keeps it as a field.
    if (hasNet(v.netBase + 3 * (i + 1))) put(relativeValue, v.competitors[i] as string, net(v.netBase + 3 * (i + 1)));
  }
  const choices: AggregateCell['choices'] = {};
  for (const c of order.choices) {
    const options: Record<string, number> = {};
    let any = false;
    for (const [o, slot] of c.options) {
      if (at(slot) === 0) continue;
      put(options, o, at(slot));
      any = true;
    }
    if (any) put(choices, c.id, options);
  }
  // Every response of a cell answered its version as its audience: each was asked the same questions.
  const items: AggregateCell['items'] = {};
  for (const [id, slot] of order.items.get(ap) ?? []) put(items, id, [cell.responses, at(slot)]);
  const composites: AggregateCell['composites'] = {};
  COMPOSITE_INDICES.forEach((index, i) => {
    const dimensions: Record<string, Moments> = {};
    for (const j of order.dims) {
      const dim = v.dims[j] as DayLayout['dims'][number];
      if (dim.index === i && (sums[MOMENT * j] as number) > 0)
        put(dimensions, dim.dimension, moments(MOMENT * j, v.dimD[j] as number));
    }
    const scored = (sums[v.compositeBase + MOMENT * i] as number) > 0;
    const set = ap.askedDims[i];
    const asked: Record<string, number> = {};
    if (set && set.count > 0) put(asked, set.signature, cell.responses);
    if (!scored && Object.keys(dimensions).length === 0 && Object.keys(asked).length === 0) return;
    composites[index] = { score: moments(v.compositeBase + MOMENT * i, v.compositeD[i] as number), dimensions, asked };
  });
  const drivers: Record<string, PairMoments> = {};
  for (const j of order.dims) {
    const p = v.pairBase + PAIR * j;
    const n = sums[p] as number;
    if (n > 0) {
      const d = v.dimD[j] as number;
      put(drivers, v.dims[j]?.key as string, {
        d,
        n,
        sx: sum(p + 1),
        sxx: sum(p + 2),
        sy: sum(p + 3),
        syy: sum(p + 4),
        sxy: sum(p + 5),
      });
    }
  }
  const reliability: AggregateCell['reliability'] = {};
  for (const set of order.itemSets.get(ap) ?? []) {
    const n = sums[set.at] as number;
    if (n === 0) continue;
    const k = set.scales.length;
    const from = set.at + 1;
    const sets: AggregateCell['reliability'][string] = {};
    put(sets, set.signature, {
      n,
      sums: Array.from(sums.subarray(from, from + k)),
      products: Array.from(sums.subarray(from + k, from + k + (k * (k + 1)) / 2)),
    });
    put(reliability, set.key, sets);
  }
  const locales: Record<string, number> = {};
  for (const [language, slot] of order.languages)
    if ((cell.languages[slot] as number) > 0) put(locales, language, cell.languages[slot] as number);
  const channels: Record<string, number> = {};
  const seen = numbers(cell.channels.length).filter((slot) => (cell.channels[slot] as number) > 0);
  for (const slot of sorted(seen, (slot) => channelNames[slot] as string))
    put(channels, channelNames[slot] as string, cell.channels[slot] as number);
  return {
    key: { audience: cell.key.audience, cells: { ...cell.key.cells } },
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
