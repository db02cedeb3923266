/**
 * Merges and month counts on the columnar encoding itself (aggregate-packed.ts): rows of integers
 * added column by column, never an object per field, so a month rolls up from its days in a few
 * additions per number. The result is byte for byte `packAggregate(mergeAll(…))`: sums stay
 * doubles while every partial sum is exact (below 2⁵³) and are added again as BigInts otherwise;
 * the unit d of a score's moments is kept when every part that has respondents shares it, and the
 * rare merge of different units (two survey versions with different questions under one
 * dimension, or a converted schema-1 day) goes through `mergeAll`, which rescales them exactly.
 */
import { mergeAll, mergeHeaders } from './aggregate.ts';
import { Layout, type PackedAggregate, packAggregate, unpackAggregate } from './aggregate-packed.ts';
import type { MeasureCounts, MonthCounts } from './disclosure.ts';
import { toBigSum } from './moments.ts';
import type { Audience } from './questionnaire.ts';
import { COMPOSITE_INDICES } from './scoring.ts';

/** Per column: the column of its moments' n when it is a unit d, else −1. */
const unitsOf = new WeakMap<Layout, Int32Array>();
function unitColumns(layout: Layout): Int32Array {
  const cached = unitsOf.get(layout);
  if (cached) return cached;
  const at = new Map(layout.columns.map((c, i) => [c, i]));
  const out = new Int32Array(layout.columns.length).fill(-1);
  layout.paths.forEach((path, i) => {
    const moments = path[0] === 'composites' || path[0] === 'drivers';
    if (moments && path.at(-1) === 'd') out[i] = at.get(JSON.stringify([...path.slice(0, -1), 'n'])) ?? -1;
  });
  unitsOf.set(layout, out);
  return out;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const EXACT = Number.MAX_SAFE_INTEGER;

class UnitsDiffer extends Error {}

/** A packed aggregate without its values: what its header and columns say. */
export type PackedHead = Omit<PackedAggregate, 'values' | 'bigs'>;

/** The merge of many packed aggregates: `packAggregate(mergeAll(unpacked))`, without unpacking. */
export function mergePacked(aggregates: readonly PackedAggregate[], surveyId?: string): PackedAggregate {
  const header = mergeHeaders(aggregates, surveyId);
  try {
    return { schema: 3, ...header, ...mergeRows(aggregates) };
  } catch (e) {
    if (!(e instanceof UnitsDiffer)) throw e;
    return packAggregate(mergeAll(aggregates.map(unpackAggregate), header.surveyId));
  }
}

function mergeRows(
  aggregates: readonly PackedAggregate[],
): Pick<PackedAggregate, 'columns' | 'cells' | 'values' | 'bigs'> {
  const merge = new RowMerge(aggregates);
  for (const agg of aggregates) merge.add(agg);
  const { columns, cells, values, inexact } = merge.result();
  const bigs = inexact ? exactSums(aggregates, merge.layouts, columns, merge.cellAt, values, merge.bound) : undefined;
  return heldColumns({ columns, cells, values, ...(bigs?.size ? { bigs } : {}) });
}

type Rows = Pick<PackedAggregate, 'columns' | 'cells' | 'values' | 'bigs'>;

/**
 * The rows without the columns no cell holds: a day stored in all of its version's columns
 * (functions/store/aggregate-bytes.ts, schema 5) lacks most of them, and a merge gives what
 * `packAggregate(mergeAll(…))` gives, the columns its cells hold. Rows as they are when none.
 */
function heldColumns(rows: Rows): Rows {
  const { columns, cells, values, bigs } = rows;
  const width = columns.length;
  const held = new Uint8Array(width);
  for (let base = 0; base < values.length; base += width)
    for (let j = 0; j < width; j++) if (!Number.isNaN(values[base + j])) held[j] = 1;
  for (const k of bigs?.keys() ?? []) held[k % width] = 1;
  const keep: number[] = [];
  for (let j = 0; j < width; j++) if (held[j]) keep.push(j);
  if (keep.length === width) return rows;
  const out = new Float64Array(cells.length * keep.length);
  const to = new Int32Array(width).fill(-1);
  keep.forEach((j, i) => {
    to[j] = i;
  });
  for (let r = 0; r < cells.length; r++)
    for (let i = 0; i < keep.length; i++) out[r * keep.length + i] = values[r * width + (keep[i] as number)] as number;
  const moved = [...(bigs ?? [])].map(
    ([k, v]) => [Math.floor(k / width) * keep.length + (to[k % width] as number), v] as const,
  );
  return {
    columns: keep.map((j) => columns[j] as string),
    cells,
    values: out,
    ...(moved.length ? { bigs: new Map(moved) } : {}),
  };
}

/**
 * Rows added into the union of some aggregates' columns and cells, known from their heads before
 * any row is read: each aggregate's values may then be read, added and dropped one at a time.
 */
class RowMerge {
  readonly layouts: Layout[];
  readonly cellAt: Map<string, number>;
  readonly bound: Float64Array;
  private readonly union: Layout;
  private readonly cells: string[];
  private readonly sums: Sums;
  private readonly size: number;
  private added = 0;
  private inexact = false;

  /** Only one at a time: its running sums are the module's, zeroed for it. */
  constructor(heads: readonly PackedHead[]) {
    this.layouts = heads.map((a) => Layout.of(a.columns));
    this.union = unionOf(this.layouts);
    this.cells = [...new Set(heads.flatMap((a) => a.cells))].sort(byString);
    this.cellAt = new Map(this.cells.map((c, i) => [c, i]));
    this.size = this.cells.length * this.union.columns.length;
    this.sums = workSums(this.size);
    this.bound = this.sums.bound;
  }

  /** Adds the next aggregate (in the order of the heads); throws UnitsDiffer when units differ. */
  add(agg: PackedAggregate): void {
    const layout = this.layouts[this.added++] as Layout;
    const units = unitColumns(layout);
    const to = placement(this.union, layout);
    const w = layout.columns.length;
    const width = this.union.columns.length;
    for (let r = 0; r < agg.cells.length; r++) {
      const base = (this.cellAt.get(agg.cells[r] as string) as number) * width;
      if (addRow(agg, r * w, w, base, units, to, this.sums)) this.inexact = true;
    }
  }

  /** The merged rows; `inexact`: some are NaN, sums past 2⁵³ to add again exactly. */
  result(): { columns: string[]; cells: string[]; values: Float64Array; inexact: boolean } {
    const { sums, bound, present, unit } = this.sums;
    const width = this.union.columns.length;
    const unionUnits = unitColumns(this.union);
    const { size } = this;
    const values = new Float64Array(size);
    let inexact = this.inexact;
    for (let k = 0; k < size; k++) {
      if (!present[k]) values[k] = Number.NaN;
      else if ((unionUnits[k % width] as number) >= 0) values[k] = unit[k] || 1;
      else if ((bound[k] as number) <= EXACT) values[k] = sums[k] as number;
      else {
        inexact = true;
        values[k] = Number.NaN; // added again exactly
      }
    }
    return { columns: this.union.columns, cells: this.cells, values, inexact };
  }
}

/** Layouts by number, so that a set of them is named by a short key. */
const numbers = new WeakMap<Layout, number>();
let counted = 0;
const unions = new Map<string, Layout>();

/**
 * The layout of the union of some layouts' columns (days of one month may differ by a field
 * nobody answered), found again by the set of layouts rather than rebuilt for every month.
 */
function unionOf(layouts: readonly Layout[]): Layout {
  const distinct = [...new Set(layouts)];
  if (distinct.length === 1) return distinct[0] as Layout;
  const key = distinct
    .map((l) => {
      let n = numbers.get(l);
      if (n === undefined) numbers.set(l, (n = counted++));
      return n;
    })
    .sort((a, b) => a - b)
    .join(',');
  let union = unions.get(key);
  if (!union) {
    // Distinct sets are few (the layouts of one survey's months): a bound suffices.
    if (unions.size > 1000) unions.clear();
    union = Layout.of([...new Set(distinct.flatMap((l) => l.columns))].sort(byString));
    unions.set(key, union);
  }
  return union;
}

const placements = new WeakMap<Layout, WeakMap<Layout, Int32Array>>();

/** Where each column of `layout` falls in `union`'s (undefined: the same columns). */
function placement(union: Layout, layout: Layout): Int32Array | undefined {
  if (union === layout) return undefined;
  let byLayout = placements.get(union);
  if (!byLayout) placements.set(union, (byLayout = new WeakMap()));
  let to = byLayout.get(layout);
  if (!to) {
    const at = new Map(union.columns.map((c, i) => [c, i]));
    byLayout.set(layout, (to = Int32Array.from(layout.columns, (c) => at.get(c) as number)));
  }
  return to;
}

/** A merge's running state, per value of the result: sum, Σ|x| (exactness), present, unit d. */
interface Sums {
  sums: Float64Array;
  bound: Float64Array;
  present: Uint8Array;
  unit: Float64Array;
}

/**
 * The running sums of the merge under way, and the buffer a roll-up reads each day's values into:
 * kept from merge to merge (each runs to its end before the next starts, and nothing returned
 * points into them), since allocating typed arrays cost a 2-year report more than adding into them.
 */
let work: Sums = {
  sums: new Float64Array(0),
  bound: new Float64Array(0),
  present: new Uint8Array(0),
  unit: new Float64Array(0),
};
let dayValues = new Float64Array(0);

/** The work sums, at least `size` long, their first `size` zeroed. */
function workSums(size: number): Sums {
  if (work.sums.length < size) {
    const n = Math.max(size, 2 * work.sums.length);
    work = {
      sums: new Float64Array(n),
      bound: new Float64Array(n),
      present: new Uint8Array(n),
      unit: new Float64Array(n),
    };
  } else {
    work.sums.fill(0, 0, size);
    work.bound.fill(0, 0, size);
    work.present.fill(0, 0, size);
    work.unit.fill(0, 0, size);
  }
  return work;
}

/**
 * Adds one row (`w` values from `from`) at `base` of the result, its column j at `to[j]` (or j);
 * true when it holds a sum past 2⁵³. Apart, with no closure, so that the engine optimises it:
 * this loop is a month's roll-up.
 */
function addRow(
  agg: PackedAggregate,
  from: number,
  w: number,
  base: number,
  units: Int32Array,
  to: Int32Array | undefined,
  { sums, bound, present, unit }: Sums,
): boolean {
  const { values, bigs } = agg;
  let inexact = false;
  for (let j = 0; j < w; j++) {
    const v = values[from + j] as number;
    const k = base + (to ? (to[j] as number) : j);
    if (Number.isNaN(v)) {
      // NaN: no such field, or a sum past 2⁵³ kept as text.
      if (bigs?.has(from + j)) {
        present[k] = 1;
        inexact = true;
        bound[k] = Number.POSITIVE_INFINITY;
      }
      continue;
    }
    present[k] = 1;
    const nAt = units[j] as number;
    if (nAt < 0) {
      sums[k] = (sums[k] as number) + v;
      bound[k] = (bound[k] as number) + (v < 0 ? -v : v);
    } else if (values[from + nAt]) {
      // A unit d: kept when every part with respondents shares it.
      if (unit[k] === 0) unit[k] = v;
      else if (unit[k] !== v) throw new UnitsDiffer();
    }
  }
  return inexact;
}

/** The sums that could pass 2⁵³, added again as BigInts: those past it go to `bigs`. */
function exactSums(
  aggregates: readonly PackedAggregate[],
  layouts: readonly Layout[],
  columns: readonly string[],
  cellAt: ReadonlyMap<string, number>,
  values: Float64Array,
  bound: Float64Array,
): Map<number, string> {
  const width = columns.length;
  const columnAt = new Map(columns.map((c, i) => [c, i]));
  const big = new Map<number, bigint>();
  aggregates.forEach((agg, a) => {
    const layout = layouts[a] as Layout;
    const units = unitColumns(layout);
    const w = layout.columns.length;
    agg.cells.forEach((id, r) => {
      const c = cellAt.get(id) as number;
      for (let j = 0; j < w; j++) {
        const v = agg.values[r * w + j] as number;
        const text = Number.isNaN(v) ? agg.bigs?.get(r * w + j) : undefined;
        if ((Number.isNaN(v) && text === undefined) || (units[j] as number) >= 0) continue;
        const k = c * width + (columnAt.get(layout.columns[j] as string) as number);
        if ((bound[k] as number) <= EXACT) continue;
        big.set(k, (big.get(k) ?? 0n) + BigInt(text ?? v));
      }
    });
  });
  const out = new Map<number, string>();
  for (const [k, v] of big) {
    const exact = toBigSum(v);
    if (typeof exact === 'number') values[k] = exact;
    else out.set(k, exact);
  }
  return out;
}

/** Per layout: each measure of `measureSizes` (disclosure.ts), in its order, as columns to add. */
interface Measure {
  key: string;
  /** Columns whose sum is the measure's n. */
  add: number[];
  /** For a choice: its option columns, one of which must be present. */
  when?: number[];
}
const measuresOf = new WeakMap<Layout, Measure[]>();

function measures(layout: Layout): Measure[] {
  const cached = measuresOf.get(layout);
  if (cached) return cached;
  const at = new Map(layout.columns.map((c, i) => [c, i]));
  const col = (...path: (string | number)[]) => at.get(JSON.stringify(path));
  const keysUnder = (...prefix: string[]) => {
    const keys = new Set<string>();
    for (const p of layout.paths) {
      if (p.length > prefix.length && prefix.every((x, i) => p[i] === x)) keys.add(String(p[prefix.length]));
    }
    return [...keys].sort(byString);
  };
  const net = (...prefix: string[]) => ['positive', 'neutral', 'negative'].flatMap((f) => col(...prefix, f) ?? []);
  const out: Measure[] = [];
  const push = (key: string, add: (number | undefined)[], when?: number[]) => {
    const cols = add.filter((x): x is number => x !== undefined);
    if (cols.length) out.push({ key, add: cols, ...(when ? { when } : {}) });
  };
  push('nps', net('nps'));
  for (const index of COMPOSITE_INDICES) {
    push(index, [col('composites', index, 'score', 'n')]);
    for (const dim of keysUnder('composites', index, 'dimensions')) {
      push(`dim:${index}/${dim}`, [col('composites', index, 'dimensions', dim, 'n')]);
    }
  }
  for (const k of keysUnder('relativeValue')) push(`rv:${k}`, net('relativeValue', k));
  for (const q of keysUnder('topTwoBox')) push(`t2b:${q}`, [col('topTwoBox', q, 'n')]);
  for (const q of keysUnder('choices')) {
    const options = keysUnder('choices', q).flatMap((o) => col('choices', q, o) ?? []);
    push(`choice:${q}`, [col('items', q, 1)], options);
  }
  for (const k of keysUnder('drivers')) push(`driver:${k}`, [col('drivers', k, 'n')]);
  for (const k of keysUnder('reliability')) {
    for (const set of keysUnder('reliability', k)) push(`alpha:${k}|${set}`, [col('reliability', k, set, 'n')]);
  }
  measuresOf.set(layout, out);
  return out;
}

/** A month's counts from its days' packed aggregates: `monthCountsOf` (disclosure.ts), on rows. */
export function monthCountsOfPacked(
  month: string,
  days: readonly { day: string; aggregate: PackedAggregate }[],
): MonthCounts {
  const counter = new MonthCounter(month);
  for (const { day, aggregate } of days) counter.add(day, aggregate);
  return counter.result();
}

/** A month's counts, a day at a time. */
class MonthCounter {
  private readonly audiences: MonthCounts['audiences'] = {};
  private readonly responses: MonthCounts['days'] = {};
  // Per audience, its counts by measure (in the order first met, as the record lists them); per
  // layout and audience, the same counts by the measure's position, so a row is counted without
  // looking a key up.
  private readonly byKey = new Map<Audience, Map<string, Count>>();
  private readonly bySlot = new Map<Layout, Map<Audience, (Count | undefined)[]>>();
  private readonly audienceOf = new Map<string, Audience>();

  constructor(private readonly month: string) {}

  add(day: string, aggregate: PackedAggregate): void {
    const { audiences, responses, byKey, bySlot, audienceOf } = this;
    const d = Number(day.slice(8, 10));
    const layout = Layout.of(aggregate.columns);
    const list = measures(layout);
    const responsesAt = layout.columns.indexOf('["responses"]');
    const w = layout.columns.length;
    const { values } = aggregate;
    let slots = bySlot.get(layout);
    if (!slots) bySlot.set(layout, (slots = new Map()));
    for (let r = 0; r < aggregate.cells.length; r++) {
      const id = aggregate.cells[r] as string;
      let audience = audienceOf.get(id);
      if (audience === undefined) audienceOf.set(id, (audience = (JSON.parse(id) as [Audience])[0]));
      const base = r * w;
      const perDay = (responses[String(d)] ??= {});
      // Counts are far below 2⁵³: never text. An absent field (NaN) counts 0.
      perDay[audience] = (perDay[audience] ?? 0) + ((values[base + responsesAt] as number) || 0);
      audiences[audience] ??= {};
      let keyed = byKey.get(audience);
      if (!keyed) byKey.set(audience, (keyed = new Map()));
      let slot = slots.get(audience);
      if (!slot) slots.set(audience, (slot = []));
      countRow(values, base, d, list, slot, keyed);
    }
  }

  result(): MonthCounts {
    for (const [audience, keyed] of this.byKey) {
      const counts = this.audiences[audience] as MeasureCounts;
      for (const [key, c] of keyed) counts[key] = c;
    }
    return { month: this.month, audiences: this.audiences, days: this.responses };
  }
}

type Count = MeasureCounts[string];

/** Adds one row's measures, on day `d`, to their counts (apart, with no closure: the engine optimises it). */
function countRow(
  values: Float64Array,
  base: number,
  d: number,
  list: readonly Measure[],
  slot: (Count | undefined)[],
  keyed: Map<string, Count>,
): void {
  for (let i = 0; i < list.length; i++) {
    const m = list[i] as Measure;
    if (m.when) {
      let any = false;
      for (const j of m.when) if (!Number.isNaN(values[base + j])) any = true;
      if (!any) continue;
    }
    let n = 0;
    for (const j of m.add) n += (values[base + j] as number) || 0;
    if (!n) continue;
    let c = slot[i];
    if (!c) {
      c = keyed.get(m.key);
      if (!c) keyed.set(m.key, (c = [0, d, d]));
      slot[i] = c;
    }
    c[0] += n;
    if (d < c[1]) c[1] = d;
    if (d > c[2]) c[2] = d;
  }
}

/** A month's roll-up and counts from its days, on rows: `rollUpMonth` (rollup.ts) for the stored encoding. */
export function rollUpPackedMonth(
  surveyId: string,
  month: string,
  days: readonly { day: string; aggregate: PackedAggregate }[],
): { month: string; aggregate: PackedAggregate; counts: MonthCounts } {
  return {
    month,
    aggregate: mergePacked(
      days.map((d) => d.aggregate),
      surveyId,
    ),
    counts: monthCountsOfPacked(month, days),
  };
}

/**
 * A day whose values are read only when it is added: its head, and how to write its cells ×
 * columns values at the start of `into`, returning its sums past 2⁵³ if any.
 */
export interface PackedDay {
  day: string;
  head: PackedHead;
  read(into: Float64Array): Map<number, string> | undefined;
}

/** A day already read, as a `PackedDay`. */
export function packedDay(day: string, aggregate: PackedAggregate): PackedDay {
  const { values, bigs, ...head } = aggregate;
  return {
    day,
    head,
    read: (into) => {
      into.set(values);
      return bigs;
    },
  };
}

/** A day's aggregate, its values read into an array of their own. */
export function readPackedDay({ head, read }: PackedDay): PackedAggregate {
  const values = new Float64Array(head.cells.length * head.columns.length);
  const bigs = read(values);
  return { ...head, values, ...(bigs?.size ? { bigs } : {}) };
}

class Inexact extends Error {}

/**
 * `rollUpPackedMonth` with each day's values read into one buffer, added and counted, then
 * overwritten by the next day's: a month's days never held at once (a 2-year report from its
 * days reads 730). Days with sums past 2⁵³ or different units (rare) go the way that holds them.
 */
export function rollUpPackedDays(
  surveyId: string,
  month: string,
  days: readonly PackedDay[],
): { month: string; aggregate: PackedAggregate; counts: MonthCounts } {
  const heads = days.map((d) => d.head);
  const header = mergeHeaders(heads, surveyId);
  try {
    const merge = new RowMerge(heads);
    const counter = new MonthCounter(month);
    const longest = Math.max(0, ...heads.map((h) => h.cells.length * h.columns.length));
    if (dayValues.length < longest) dayValues = new Float64Array(Math.max(longest, 2 * dayValues.length));
    const into = dayValues;
    for (const { day, head, read } of days) {
      if (read(into)?.size) throw new Inexact();
      const aggregate = { ...head, values: into };
      merge.add(aggregate);
      counter.add(day, aggregate);
    }
    const { columns, cells, values, inexact } = merge.result();
    if (inexact) throw new Inexact();
    return {
      month,
      aggregate: { schema: 3, ...header, ...heldColumns({ columns, cells, values }) },
      counts: counter.result(),
    };
  } catch (e) {
    if (!(e instanceof Inexact || e instanceof UnitsDiffer)) throw e;
    const read = days.map((d) => ({ day: d.day, aggregate: readPackedDay(d) }));
    return rollUpPackedMonth(surveyId, month, read);
  }
}
