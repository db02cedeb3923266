/**
 * Aggregates as columns (schema 3), the encoding the store keeps. Every number a cell holds is one
 * column, named by its path in the schema-2 cell (`["scales","sat_food",4]`, as JSON text); the
 * aggregate lists its columns once, sorted, and each cell is one row of integers in a flat
 * Float64Array (NaN where the cell has no such field). A day of the demo survey is a few hundred
 * integers and one list of names that every day of the same survey version repeats.
 *
 * Rows are what merges add (aggregate-packed-merge.ts), without one object per field;
 * `unpackAggregate` gives back the schema-2 object, field for field and key for key, that
 * `mergeAll` would have produced, for the report and whatever else reads cells. Stored: a JSON
 * line of the header and the rows as variable-length integers, the list of columns stored once
 * apart for days, gzipped within for months (functions/store/aggregate-bytes.ts; docs/methodology.md
 * says why, with the measurements).
 */
import { put } from './aggregate.ts';
import { type AggregateCell, type CellKey, cellId, type DailyAggregate } from './aggregate-schema.ts';
import type { BigSum } from './moments.ts';
import { COMPOSITE_INDICES } from './scoring.ts';

export interface PackedAggregate {
  schema: 3;
  surveyId: string;
  from: string | null;
  to: string | null;
  versions: number[];
  byVersion: Record<string, number>;
  responses: number;
  /** Each column's path in a schema-2 cell, as JSON text; sorted. */
  columns: string[];
  /** Each cell's `cellId`, sorted: the same order as schema 2's cells. */
  cells: string[];
  /** Row by row (one per cell), one value per column; NaN: no such field, or a sum in `bigs`. */
  values: Float64Array;
  /** Sums past 2⁵³ as decimal text (as in schema 2), by their position in `values`. */
  bigs?: Map<number, string>;
}

export const isPackedAggregate = (json: unknown): json is PackedAggregate =>
  typeof json === 'object' && json !== null && (json as { schema?: unknown }).schema === 3;

type Path = (string | number)[];
type Leaf = [Path, number | string];

const MOMENT_FIELDS = ['d', 'n', 'sum', 'sumSq'] as const;
const PAIR_FIELDS = ['d', 'n', 'sx', 'sxx', 'sy', 'syy', 'sxy'] as const;
const NET_FIELDS = ['positive', 'neutral', 'negative'] as const;

/** Every number of a cell with its path (the key is the row's identity, not a column). */
function leavesOf(c: AggregateCell): Leaf[] {
  const out: Leaf[] = [[['responses'], c.responses]];
  const flat = (prefix: Path, record: Record<string, number | undefined>) => {
    for (const [k, v] of Object.entries(record)) if (v !== undefined) out.push([[...prefix, k], v]);
  };
  const fields = (prefix: Path, obj: object, names: readonly string[]) => {
    for (const f of names) out.push([[...prefix, f], (obj as Record<string, number | string>)[f] as number | string]);
  };
  flat(['locales'], c.locales);
  flat(['channels'], c.channels);
  for (const [q, [asked, answered]] of Object.entries(c.items))
    out.push([['items', q, 0], asked], [['items', q, 1], answered]);
  for (const [q, h] of Object.entries(c.scales)) for (const [x, n] of h) out.push([['scales', q, x], n]);
  for (const [q, options] of Object.entries(c.choices)) flat(['choices', q], options);
  for (const [q, box] of Object.entries(c.topTwoBox))
    out.push([['topTwoBox', q, 'n'], box.n], [['topTwoBox', q, 'top'], box.top]);
  if (c.nps) fields(['nps'], c.nps, NET_FIELDS);
  for (const index of COMPOSITE_INDICES) {
    const composite = c.composites[index];
    if (!composite) continue;
    fields(['composites', index, 'score'], composite.score, MOMENT_FIELDS);
    for (const [dim, m] of Object.entries(composite.dimensions)) {
      fields(['composites', index, 'dimensions', dim], m, MOMENT_FIELDS);
    }
    flat(['composites', index, 'asked'], composite.asked);
  }
  for (const [k, net] of Object.entries(c.relativeValue)) fields(['relativeValue', k], net, NET_FIELDS);
  for (const [k, pair] of Object.entries(c.drivers)) fields(['drivers', k], pair, PAIR_FIELDS);
  for (const [k, sets] of Object.entries(c.reliability)) {
    for (const [set, s] of Object.entries(sets)) {
      out.push([['reliability', k, set, 'n'], s.n]);
      for (const [j, x] of s.sums.entries()) out.push([['reliability', k, set, 'sums', j], x]);
      for (const [j, x] of s.products.entries()) out.push([['reliability', k, set, 'products', j], x]);
    }
  }
  return out;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The columns a cell holds, as `packAggregate` names them (sorted). */
export const columnsOfCell = (c: AggregateCell): string[] =>
  leavesOf(c)
    .map(([path]) => JSON.stringify(path))
    .sort(byString);

/** A schema-2 aggregate in the stored encoding (its cells are already sorted by id). */
export function packAggregate(agg: DailyAggregate): PackedAggregate {
  const perCell = agg.cells.map((c) => leavesOf(c).map(([path, v]) => [JSON.stringify(path), v] as const));
  const columns = [...new Set(perCell.flatMap((leaves) => leaves.map(([p]) => p)))].sort(byString);
  const at = new Map(columns.map((c, i) => [c, i]));
  const values = new Float64Array(perCell.length * columns.length).fill(Number.NaN);
  const bigs = new Map<number, string>();
  perCell.forEach((leaves, c) => {
    for (const [p, v] of leaves) {
      const k = c * columns.length + (at.get(p) as number);
      if (typeof v === 'number') values[k] = v;
      else bigs.set(k, v);
    }
  });
  return {
    schema: 3,
    surveyId: agg.surveyId,
    from: agg.from,
    to: agg.to,
    versions: [...agg.versions],
    byVersion: { ...agg.byVersion },
    responses: agg.responses,
    columns,
    cells: agg.cells.map((c) => cellId(c.key)),
    values,
    ...(bigs.size ? { bigs } : {}),
  };
}

/** A cell id back into its key. */
export function keyOfCellId(id: string): CellKey {
  const [audience, entries] = JSON.parse(id) as [CellKey['audience'], [string, string | null][]];
  const cells: Record<string, string | null> = {};
  for (const [k, v] of entries) put(cells, k, v);
  return { audience, cells };
}

/**
 * How to rebuild cells from one list of columns, compiled once per distinct list (every day of a
 * survey version shares it): a tree of the schema-2 cell whose records list their keys in the
 * order `mergeAll` writes them, and whose leaves are column numbers.
 */
interface Tree {
  [key: string]: Tree | number;
}

export class Layout {
  /** Each column's parsed path. */
  readonly paths: Path[];
  private readonly tree: Tree = {};

  constructor(readonly columns: string[]) {
    this.paths = columns.map((c) => JSON.parse(c) as Path);
    this.paths.forEach((path, i) => {
      let node = this.tree;
      for (let j = 0; j < path.length - 1; j++) {
        const k = String(path[j]);
        if (!Object.hasOwn(node, k)) put(node, k, {} as Tree);
        node = node[k] as Tree;
      }
      put(node, String(path.at(-1)), i);
    });
  }

  private static byText = new Map<string, Layout>();
  private static byList = new WeakMap<string[], Layout>();

  /** The layout of a list of columns, shared by every aggregate with the same list. */
  static of(columns: string[]): Layout {
    let layout = Layout.byList.get(columns);
    if (!layout) {
      layout = Layout.ofText(JSON.stringify(columns));
      Layout.byList.set(columns, layout);
    }
    return layout;
  }

  /** The layout of a list of columns as JSON text (as stored), parsed once per distinct list. */
  static ofText(text: string): Layout {
    let layout = Layout.byText.get(text);
    if (!layout) {
      // Distinct lists are few (one per survey version and set of answered fields): a bound suffices.
      if (Layout.byText.size > 1000) Layout.byText.clear();
      layout = new Layout(JSON.parse(text) as string[]);
      Layout.byText.set(text, layout);
      Layout.byList.set(layout.columns, layout);
    }
    return layout;
  }

  private builder: CellBuilder | undefined;

  /** The schema-2 cell of the row at `base` of `values` (its sums past 2⁵³ in `bigs`). */
  cell(key: CellKey, values: Float64Array, base: number, bigs?: ReadonlyMap<number, string>): AggregateCell {
    this.builder ??= compileCell(this.tree);
    return this.builder(key, values, base, bigs);
  }
}

/**
 * Reads one field of a row: the values, the row's first position, the sums past 2⁵³. Undefined:
 * the row has no such field.
 */
type Read<T> = (values: Float64Array, base: number, bigs: ReadonlyMap<number, string> | undefined) => T | undefined;
type CellBuilder = (
  key: CellKey,
  values: Float64Array,
  base: number,
  bigs: ReadonlyMap<number, string> | undefined,
) => AggregateCell;

const sub = (node: Tree | number | undefined): Tree => (typeof node === 'object' ? node : {});
const none: Read<never> = () => undefined;

/** A column's value: an integer, its decimal text past 2⁵³, or undefined (NaN: no such field). */
function leaf(node: Tree | number | undefined): Read<BigSum> {
  if (typeof node !== 'number') return none;
  const j = node;
  return (values, base, bigs) => {
    const v = values[base + j] as number;
    return Number.isNaN(v) ? bigs?.get(base + j) : v;
  };
}

/** An object of fixed fields, in their order; undefined when the row has none of them. */
function fixed<F extends string>(node: Tree, names: readonly F[]): Read<Record<F, BigSum>> {
  const fields = names.map((f) => [f, leaf(node[f])] as const).filter(([, read]) => read !== none);
  return (values, base, bigs) => {
    let out: Record<F, BigSum> | undefined;
    for (const [f, read] of fields) {
      const v = read(values, base, bigs);
      if (v !== undefined) (out ??= {} as Record<F, BigSum>)[f] = v;
    }
    return out;
  };
}

/**
 * A record of the tree's keys in sorted order (as `mergeAll` writes it), without absent entries;
 * with `nonEmpty`, undefined when all are absent.
 */
function record<W>(node: Tree, f: (n: Tree | number) => Read<W>, nonEmpty = false): Read<Record<string, W>> {
  const entries = Object.keys(node)
    .sort(byString)
    .map((k) => [k, f(node[k] as Tree | number)] as const);
  return (values, base, bigs) => {
    const out: Record<string, W> = {};
    let any = false;
    for (const [k, read] of entries) {
      const v = read(values, base, bigs);
      if (v !== undefined) {
        put(out, k, v);
        any = true;
      }
    }
    return any || !nonEmpty ? out : undefined;
  };
}

function tuple(node: Tree): Read<[number, number]> {
  const [a, b] = [leaf(node['0']), leaf(node['1'])];
  return (values, base, bigs) => {
    const [x, y] = [a(values, base, bigs), b(values, base, bigs)];
    return x === undefined && y === undefined ? undefined : [(x ?? 0) as number, (y ?? 0) as number];
  };
}

function list(node: Tree): Read<number[]> {
  const reads: Read<BigSum>[] = [];
  for (let j = 0; Object.hasOwn(node, String(j)); j++) reads.push(leaf(node[String(j)]));
  return (values, base, bigs) => reads.map((read) => (read(values, base, bigs) ?? 0) as number);
}

function histogram(node: Tree): Read<[number, number][]> {
  const points = Object.keys(node)
    .map(Number)
    .sort((a, b) => a - b)
    .map((x) => [x, leaf(node[String(x)])] as const);
  return (values, base, bigs) => {
    const out: [number, number][] = [];
    for (const [x, read] of points) {
      const n = read(values, base, bigs);
      if (n !== undefined) out.push([x, n as number]);
    }
    return out.length ? out : undefined;
  };
}

/**
 * How to read a schema-2 cell from a row, compiled once per layout from its tree: each record's
 * keys sorted and each field's column found once, instead of for every cell unpacked.
 */
function compileCell(t: Tree): CellBuilder {
  const compositeTree = sub(t.composites);
  const composites = COMPOSITE_INDICES.map((index) => {
    const c = sub(compositeTree[index]);
    return {
      index,
      score: fixed(sub(c.score), MOMENT_FIELDS),
      dimensions: record(sub(c.dimensions), (n) => fixed(sub(n), MOMENT_FIELDS)),
      asked: record(sub(c.asked), leaf),
    };
  });
  const nps = fixed(sub(t.nps), NET_FIELDS);
  const responses = leaf(t.responses);
  const locales = record(sub(t.locales), leaf);
  const channels = record(sub(t.channels), leaf);
  const items = record(sub(t.items), (n) => tuple(sub(n)));
  const scales = record(sub(t.scales), (n) => histogram(sub(n)));
  const choices = record(sub(t.choices), (n) => record(sub(n), leaf, true));
  const topTwoBox = record(sub(t.topTwoBox), (n) => fixed(sub(n), ['n', 'top']));
  const relativeValue = record(sub(t.relativeValue), (n) => fixed(sub(n), NET_FIELDS));
  const drivers = record(sub(t.drivers), (n) => fixed(sub(n), PAIR_FIELDS));
  const reliability = record(sub(t.reliability), (n) =>
    record(
      sub(n),
      (s) => {
        const set = sub(s);
        const [count, sums, products] = [leaf(set.n), list(sub(set.sums)), list(sub(set.products))];
        return (values, base, bigs) => {
          const n = count(values, base, bigs);
          if (n === undefined) return undefined;
          return {
            n: n as number,
            sums: sums(values, base, bigs) as number[],
            products: products(values, base, bigs) as number[],
          };
        };
      },
      true,
    ),
  );
  return (key, values, base, bigs) => {
    const byIndex: AggregateCell['composites'] = {};
    for (const c of composites) {
      const score = c.score(values, base, bigs);
      if (!score) continue;
      byIndex[c.index] = {
        score,
        dimensions: c.dimensions(values, base, bigs),
        asked: c.asked(values, base, bigs),
      } as NonNullable<AggregateCell['composites'][typeof c.index]>;
    }
    const net = nps(values, base, bigs);
    return {
      key,
      responses: (responses(values, base, bigs) ?? 0) as number,
      locales: locales(values, base, bigs) as Record<string, number>,
      channels: channels(values, base, bigs) as AggregateCell['channels'],
      items: items(values, base, bigs) as AggregateCell['items'],
      scales: scales(values, base, bigs) as AggregateCell['scales'],
      choices: choices(values, base, bigs) as AggregateCell['choices'],
      topTwoBox: topTwoBox(values, base, bigs) as AggregateCell['topTwoBox'],
      ...(net ? { nps: net as NonNullable<AggregateCell['nps']> } : {}),
      composites: byIndex,
      relativeValue: relativeValue(values, base, bigs) as AggregateCell['relativeValue'],
      drivers: drivers(values, base, bigs) as AggregateCell['drivers'],
      reliability: reliability(values, base, bigs) as AggregateCell['reliability'],
    };
  };
}

/** The schema-2 aggregate a packed one holds. */
export function unpackAggregate(p: PackedAggregate): DailyAggregate {
  const layout = Layout.of(p.columns);
  return {
    schema: 2,
    surveyId: p.surveyId,
    from: p.from,
    to: p.to,
    versions: [...p.versions],
    byVersion: { ...p.byVersion },
    responses: p.responses,
    cells: p.cells.map((id, i) => layout.cell(keyOfCellId(id), p.values, i * layout.columns.length, p.bigs)),
  };
}
