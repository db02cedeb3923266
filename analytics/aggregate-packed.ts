/**
 * Aggregates as columns (schema 3), the encoding the store keeps. Every number a cell holds is one
 * column, named by its path in the schema-2 cell (`["scales","sat_food",4]`, as JSON text); the
 * aggregate lists its columns once, sorted, and each cell is one row of integers in a flat
 * Float64Array (NaN where the cell has no such field). A day of the demo survey is a few hundred
 * integers and one list of names that every day of the same survey version repeats.
 *
 * Rows are what merges add (aggregate-packed-merge.ts), without one object per field;
 * `unpackAggregate` gives back the schema-2 object, field for field and key for key, that
 * `mergeAll` would have produced, for the report and whatever else reads cells. Stored, it is
 * gzipped: a JSON line of the header, a JSON line of the columns (read once per distinct list),
 * and the rows as variable-length integers (functions/store/aggregate-bytes.ts; docs/architecture.md says
 * why, with the measurements).
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

  cell(key: CellKey, row: Row): AggregateCell {
    const t = this.tree;
    const sub = (node: Tree | number | undefined): Tree => (typeof node === 'object' ? node : {});
    const composites: AggregateCell['composites'] = {};
    const compositeTree = sub(t.composites);
    for (const index of COMPOSITE_INDICES) {
      const c = sub(compositeTree[index]);
      const score = fixed(sub(c.score), MOMENT_FIELDS, row);
      if (!score) continue;
      composites[index] = {
        score,
        dimensions: record(sub(c.dimensions), (n) => fixed(sub(n), MOMENT_FIELDS, row)),
        asked: record(sub(c.asked), (n) => value(n, row)),
      } as NonNullable<AggregateCell['composites'][typeof index]>;
    }
    const nps = fixed(sub(t.nps), NET_FIELDS, row);
    return {
      key,
      responses: (value(t.responses, row) ?? 0) as number,
      locales: record(sub(t.locales), (n) => value(n, row)) as Record<string, number>,
      channels: record(sub(t.channels), (n) => value(n, row)) as AggregateCell['channels'],
      items: record(sub(t.items), (n) => tuple(sub(n), row)) as AggregateCell['items'],
      scales: record(sub(t.scales), (n) => histogram(sub(n), row)),
      choices: record(sub(t.choices), (n) =>
        nonEmpty(record(sub(n), (o) => value(o, row))),
      ) as AggregateCell['choices'],
      topTwoBox: record(sub(t.topTwoBox), (n) => fixed(sub(n), ['n', 'top'], row)) as AggregateCell['topTwoBox'],
      ...(nps ? { nps: nps as NonNullable<AggregateCell['nps']> } : {}),
      composites,
      relativeValue: record(sub(t.relativeValue), (n) =>
        fixed(sub(n), NET_FIELDS, row),
      ) as AggregateCell['relativeValue'],
      drivers: record(sub(t.drivers), (n) => fixed(sub(n), PAIR_FIELDS, row)) as AggregateCell['drivers'],
      reliability: record(sub(t.reliability), (n) =>
        nonEmpty(
          record(sub(n), (s) => {
            const set = sub(s);
            const count = value(set.n, row);
            if (count === undefined) return undefined;
            return { n: count as number, sums: list(sub(set.sums), row), products: list(sub(set.products), row) };
          }),
        ),
      ),
    };
  }
}

/** One cell's values by column: an integer, its decimal text past 2⁵³, or undefined (no such field). */
type Row = (column: number) => BigSum | undefined;

function value(node: Tree | number | undefined, row: Row): BigSum | undefined {
  return typeof node === 'number' ? row(node) : undefined;
}

/** An object of fixed fields, in their order; undefined when the cell has none of them. */
function fixed<F extends string>(node: Tree, names: readonly F[], row: Row): Record<F, BigSum> | undefined {
  let out: Record<F, BigSum> | undefined;
  for (const f of names) {
    const v = value(node[f], row);
    if (v !== undefined) (out ??= {} as Record<F, BigSum>)[f] = v;
  }
  return out;
}

const keysOf = new WeakMap<Tree, string[]>();
const sortedKeys = (node: Tree): string[] => {
  let keys = keysOf.get(node);
  if (!keys) keysOf.set(node, (keys = Object.keys(node).sort(byString)));
  return keys;
};

/** A record of the tree's keys in sorted order (as `mergeAll` writes it), without absent entries. */
function record<W>(node: Tree, f: (n: Tree | number) => W | undefined): Record<string, W> {
  const out: Record<string, W> = {};
  for (const k of sortedKeys(node)) {
    const v = f(node[k] as Tree | number);
    if (v !== undefined) put(out, k, v);
  }
  return out;
}

const nonEmpty = <W>(r: Record<string, W>) => (Object.keys(r).length > 0 ? r : undefined);

function tuple(node: Tree, row: Row): [number, number] | undefined {
  const [a, b] = [value(node['0'], row), value(node['1'], row)];
  return a === undefined && b === undefined ? undefined : [(a ?? 0) as number, (b ?? 0) as number];
}

function list(node: Tree, row: Row): number[] {
  const out: number[] = [];
  for (let j = 0; Object.hasOwn(node, String(j)); j++) out.push((value(node[String(j)], row) ?? 0) as number);
  return out;
}

function histogram(node: Tree, row: Row): [number, number][] | undefined {
  const out: [number, number][] = [];
  for (const x of Object.keys(node)
    .map(Number)
    .sort((a, b) => a - b)) {
    const n = value(node[String(x)], row);
    if (n !== undefined) out.push([x, n as number]);
  }
  return out.length ? out : undefined;
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
    cells: p.cells.map((id, i) => {
      const base = i * layout.columns.length;
      return layout.cell(keyOfCellId(id), (j) => {
        const v = p.values[base + j] as number;
        return Number.isNaN(v) ? p.bigs?.get(base + j) : v;
      });
    }),
  };
}
