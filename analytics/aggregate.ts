/**
 * Mergeable aggregates: a day's responses become per-cell counts and exact integer sums
 * (`aggregateResponses`, through aggregate-day.ts), and any period is a merge of days
 * (`mergeAll`), never a re-read of responses. Every number kept is an integer, so merging is
 * exact, associative and commutative, and output keys are sorted: the same responses always give
 * byte-identical JSON, whatever the order they or their days arrive in.
 */
import { DayAccumulator } from './aggregate-day.ts';
import { type DayLayout, dayLayout } from './aggregate-day-layout.ts';
import {
  type AggregateCell,
  type CellKey,
  cellId,
  type DailyAggregate,
  type Histogram,
  type ItemSetSums,
  type NetCell,
} from './aggregate-schema.ts';
import { addMoments, addPairs, type Moments, type PairMoments } from './moments.ts';
import { put } from './records.ts';
import type { StoredResponse, SurveyDefinition } from './questionnaire.ts';
import { COMPOSITE_INDICES, type CompositeIndexName, scoringPlan } from './scoring.ts';

export type { DailyAggregate } from './aggregate-schema.ts';

export class UnknownSurveyVersionError extends Error {
  override readonly name = 'UnknownSurveyVersionError';
  constructor(surveyId: string, version: number) {
    super(`survey ${surveyId} has no definition for version ${version}`);
  }
}

export class AggregateMismatchError extends Error {
  override readonly name = 'AggregateMismatchError';
}

type Counts<K> = Map<K, number>;
interface CompositeParts {
  score: Moments[];
  dimensions: Map<string, Moments[]>;
  asked: Counts<string>;
}
interface CellParts {
  key: CellKey;
  responses: number;
  locales: Counts<string>;
  channels: Counts<string>;
  items: Map<string, [number, number]>;
  scales: Map<string, Counts<number>>;
  choices: Map<string, Counts<string>>;
  topTwoBox: Map<string, { n: number; top: number }>;
  nps: NetCell | undefined;
  composites: Map<CompositeIndexName, CompositeParts>;
  relativeValue: Map<string, NetCell>;
  drivers: Map<string, PairMoments[]>;
  reliability: Map<string, Map<string, ItemSetSums>>;
}

const bump = <K>(counts: Map<K, number>, key: K, by = 1) => counts.set(key, (counts.get(key) ?? 0) + by);
function child<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}
const newNet = (): NetCell => ({ positive: 0, neutral: 0, negative: 0 });
const addNet = (into: NetCell, net: NetCell) => {
  into.positive += net.positive;
  into.neutral += net.neutral;
  into.negative += net.negative;
};

function addCell(cells: Map<string, CellParts>, c: AggregateCell) {
  const cell = child(cells, cellId(c.key), () => ({
    key: { audience: c.key.audience, cells: { ...c.key.cells } },
    responses: 0,
    locales: new Map(),
    channels: new Map(),
    items: new Map(),
    scales: new Map(),
    choices: new Map(),
    topTwoBox: new Map(),
    nps: undefined,
    composites: new Map(),
    relativeValue: new Map(),
    drivers: new Map(),
    reliability: new Map(),
  }));
  cell.responses += c.responses;
  for (const [locale, n] of Object.entries(c.locales)) bump(cell.locales, locale, n);
  for (const [channel, n] of Object.entries(c.channels)) bump(cell.channels, channel, n ?? 0);
  for (const [q, [asked, answered]] of Object.entries(c.items)) {
    const into = child(cell.items, q, () => [0, 0] as [number, number]);
    into[0] += asked;
    into[1] += answered;
  }
  for (const [q, h] of Object.entries(c.scales)) {
    const into = child(cell.scales, q, () => new Map<number, number>());
    for (const [x, n] of h) bump(into, x, n);
  }
  for (const [q, options] of Object.entries(c.choices)) {
    const into = child(cell.choices, q, () => new Map<string, number>());
    for (const [option, n] of Object.entries(options)) bump(into, option, n);
  }
  for (const [q, box] of Object.entries(c.topTwoBox)) {
    const into = child(cell.topTwoBox, q, () => ({ n: 0, top: 0 }));
    into.n += box.n;
    into.top += box.top;
  }
  if (c.nps) addNet((cell.nps ??= newNet()), c.nps);
  for (const index of COMPOSITE_INDICES) {
    const composite = c.composites[index];
    if (!composite) continue;
    const into = child(cell.composites, index, () => ({ score: [], dimensions: new Map(), asked: new Map() }));
    into.score.push(composite.score);
    for (const [dim, m] of Object.entries(composite.dimensions))
      child(into.dimensions, dim, () => [] as Moments[]).push(m);
    for (const [set, n] of Object.entries(composite.asked)) bump(into.asked, set, n);
  }
  for (const [competitor, net] of Object.entries(c.relativeValue))
    addNet(child(cell.relativeValue, competitor, newNet), net);
  for (const [dim, pair] of Object.entries(c.drivers)) child(cell.drivers, dim, () => [] as PairMoments[]).push(pair);
  for (const [dim, sets] of Object.entries(c.reliability)) {
    const into = child(cell.reliability, dim, () => new Map<string, ItemSetSums>());
    for (const [set, s] of Object.entries(sets)) {
      const target = child(into, set, () => ({ n: 0, sums: s.sums.map(() => 0), products: s.products.map(() => 0) }));
      target.n += s.n;
      s.sums.forEach((x, j) => {
        target.sums[j] = (target.sums[j] ?? 0) + x;
      });
      s.products.forEach((x, j) => {
        target.products[j] = (target.products[j] ?? 0) + x;
      });
    }
  }
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export { put } from './records.ts';

function sortedRecord<V, W>(map: Map<string, V>, f: (v: V) => W): Record<string, W> {
  const out: Record<string, W> = {};
  for (const k of [...map.keys()].sort(byString)) put(out, k, f(map.get(k) as V));
  return out;
}

const histogramOf = (counts: Counts<number>): Histogram => [...counts].sort((a, b) => a[0] - b[0]);
const same = <T>(x: T) => x;

function finalizeCell(c: CellParts): AggregateCell {
  const composites: AggregateCell['composites'] = {};
  for (const index of COMPOSITE_INDICES) {
    const composite = c.composites.get(index);
    if (!composite) continue;
    composites[index] = {
      score: addMoments(composite.score),
      dimensions: sortedRecord(composite.dimensions, addMoments),
      asked: sortedRecord(composite.asked, same),
    };
  }
  return {
    key: c.key,
    responses: c.responses,
    locales: sortedRecord(c.locales, same),
    channels: sortedRecord(c.channels, same),
    items: sortedRecord(c.items, ([asked, n]) => [asked, n] as [number, number]),
    scales: sortedRecord(c.scales, histogramOf),
    choices: sortedRecord(c.choices, (h) => sortedRecord(h, same)),
    topTwoBox: sortedRecord(c.topTwoBox, (box) => ({ n: box.n, top: box.top })),
    ...(c.nps ? { nps: { ...c.nps } } : {}),
    composites,
    relativeValue: sortedRecord(c.relativeValue, (net) => ({ ...net })),
    drivers: sortedRecord(c.drivers, addPairs),
    reliability: sortedRecord(c.reliability, (sets) =>
      sortedRecord(sets, (s) => ({ n: s.n, sums: [...s.sums], products: [...s.products] })),
    ),
  };
}

/** Each key of a record in order, through `f`. */
function sortedOf<V, W>(record: Record<string, V>, f: (v: V) => W): Record<string, W> {
  const out: Record<string, W> = {};
  for (const [k, v] of Object.entries(record).sort((a, b) => byString(a[0], b[0]))) put(out, k, f(v));
  return out;
}
const copyNet = (net: NetCell): NetCell => ({ positive: net.positive, neutral: net.neutral, negative: net.negative });

/**
 * A cell that is alone with its key, as `finalizeCell` gives it after `addCell` (keys sorted,
 * moments in their least unit), without building the maps a merge needs: a day of one version
 * has each key once, and the maps were most of the day's garbage after the loop.
 */
function finalizeAlone(c: AggregateCell): AggregateCell {
  const composites: AggregateCell['composites'] = {};
  for (const index of COMPOSITE_INDICES) {
    const composite = c.composites[index];
    if (!composite) continue;
    composites[index] = {
      score: addMoments([composite.score]),
      dimensions: sortedOf(composite.dimensions, (m) => addMoments([m])),
      asked: sortedOf(composite.asked, same),
    };
  }
  return {
    key: { audience: c.key.audience, cells: { ...c.key.cells } },
    responses: c.responses,
    locales: sortedOf(c.locales, same),
    channels: sortedOf(c.channels, (n) => n ?? 0),
    items: sortedOf(c.items, ([asked, n]) => [asked, n] as [number, number]),
    scales: sortedOf(c.scales, (h) => {
      const counts = new Map<number, number>();
      for (const [x, n] of h) bump(counts, x, n);
      return histogramOf(counts);
    }),
    choices: sortedOf(c.choices, (h) => sortedOf(h, same)),
    topTwoBox: sortedOf(c.topTwoBox, (box) => ({ n: box.n, top: box.top })),
    ...(c.nps ? { nps: copyNet(c.nps) } : {}),
    composites,
    relativeValue: sortedOf(c.relativeValue, copyNet),
    drivers: sortedOf(c.drivers, (pair) => addPairs([pair])),
    reliability: sortedOf(c.reliability, (sets) =>
      sortedOf(sets, (s) => ({ n: s.n, sums: [...s.sums], products: [...s.products] })),
    ),
  };
}

/** An aggregate of these cells; `final`: each is already as `finalizeAlone` gives it. */
function assemble(
  surveyId: string,
  from: string | null,
  to: string | null,
  versions: Iterable<[number, number | undefined]>,
  responses: number,
  cells: Iterable<AggregateCell>,
  final = false,
): DailyAggregate {
  const keyed = [...cells].map((c) => [cellId(c.key), c] as const);
  let sorted: AggregateCell[];
  if (new Set(keyed.map(([id]) => id)).size === keyed.length) {
    keyed.sort((a, b) => byString(a[0], b[0]));
    sorted = keyed.map(([, c]) => (final ? c : finalizeAlone(c)));
  } else {
    const parts = new Map<string, CellParts>();
    for (const [, c] of keyed) addCell(parts, c);
    sorted = [...parts].sort((a, b) => byString(a[0], b[0])).map(([, c]) => finalizeCell(c));
  }
  const list = [...versions].sort((a, b) => a[0] - b[0]);
  const byVersion: Record<string, number> = {};
  for (const [v, n] of list) if (n !== undefined) byVersion[String(v)] = n;
  return {
    schema: 2,
    surveyId,
    from,
    to,
    versions: list.map(([v]) => v),
    byVersion,
    responses,
    cells: sorted,
  };
}

/** The aggregate of no responses over no days: the identity of `mergeAggregates`. */
export function emptyAggregate(surveyId: string): DailyAggregate {
  return assemble(surveyId, null, null, [], 0, []);
}

/**
 * Each definition compiled once for the inner loop, not once a day: a back-fill or a nightly run
 * aggregates many days of the same versions. A definition is never changed once parsed (a new
 * version is a new definition), so its object is the key.
 */
const layouts = new WeakMap<SurveyDefinition, DayLayout>();
export function layoutOf(def: SurveyDefinition): DayLayout {
  let layout = layouts.get(def);
  if (!layout) layouts.set(def, (layout = dayLayout(scoringPlan(def), def.questions)));
  return layout;
}

/**
 * One survey's responses of one day, each scored with the definition of the version it
 * answered (`definitions` by version number).
 */
export function aggregateResponses(
  responses: readonly StoredResponse[],
  definitions: ReadonlyMap<number, SurveyDefinition>,
  opts: { surveyId: string; day: string },
): DailyAggregate {
  const day = new DayAccumulator((version) => {
    const def = definitions.get(version);
    if (!def) throw new UnknownSurveyVersionError(opts.surveyId, version);
    return layoutOf(def);
  });
  const first = responses[0];
  if (first?.surveyId === opts.surveyId && first.day === opts.day) day.begin(first.version);
  for (const r of responses) {
    if (r.surveyId !== opts.surveyId) {
      throw new AggregateMismatchError(`response ${r.id} belongs to survey ${r.surveyId}, not ${opts.surveyId}`);
    }
    if (r.day !== opts.day) throw new AggregateMismatchError(`response ${r.id} counts for ${r.day}, not ${opts.day}`);
    day.add(r);
  }
  // The day's cells come as a merge gives them (aggregate-day-cell.ts): alone with their key, kept as they are.
  return assemble(opts.surveyId, opts.day, opts.day, day.versions(), responses.length, day.cells(), true);
}

/** The aggregate of both: associative and commutative, for days and periods alike. */
export function mergeAggregates(a: DailyAggregate, b: DailyAggregate): DailyAggregate {
  return mergeAll([a, b]);
}

/** What a merge's header holds, whatever the encoding of the cells. */
export type AggregateHeader = Pick<DailyAggregate, 'surveyId' | 'from' | 'to' | 'versions' | 'byVersion' | 'responses'>;

/** The header of the merge of many aggregates: the same survey, the widest days, summed counts. */
export function mergeHeaders(aggregates: readonly AggregateHeader[], surveyId?: string): AggregateHeader {
  const id = surveyId ?? aggregates[0]?.surveyId;
  if (id === undefined) throw new AggregateMismatchError('merging no aggregates needs the survey id');
  let from: string | null = null;
  let to: string | null = null;
  let responses = 0;
  const versions = new Map<number, number | undefined>();
  const unknown = new Set<number>();
  for (const agg of aggregates) {
    if (agg.surveyId !== id)
      throw new AggregateMismatchError(`cannot merge aggregates of surveys ${id} and ${agg.surveyId}`);
    if (agg.from !== null && (from === null || agg.from < from)) from = agg.from;
    if (agg.to !== null && (to === null || agg.to > to)) to = agg.to;
    responses += agg.responses;
    for (const v of agg.versions) {
      const n = agg.byVersion[String(v)];
      if (n === undefined) unknown.add(v);
      versions.set(v, (versions.get(v) ?? 0) + (n ?? 0));
    }
  }
  for (const v of unknown) versions.set(v, undefined);
  const list = [...versions].sort((a, b) => a[0] - b[0]);
  const byVersion: Record<string, number> = {};
  for (const [v, n] of list) if (n !== undefined) byVersion[String(v)] = n;
  return { surveyId: id, from, to, versions: list.map(([v]) => v), byVersion, responses };
}

/** The merge of many aggregates (a period) in one pass; equal to folding `mergeAggregates`. */
export function mergeAll(aggregates: readonly DailyAggregate[], surveyId?: string): DailyAggregate {
  const h = mergeHeaders(aggregates, surveyId);
  const versions = h.versions.map((v) => [v, h.byVersion[String(v)]] as [number, number | undefined]);
  return assemble(
    h.surveyId,
    h.from,
    h.to,
    versions,
    h.responses,
    aggregates.flatMap((a) => a.cells),
  );
}
