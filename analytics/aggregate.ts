/**
 * Mergeable aggregates: a day's responses become per-cell histograms and counts
 * (`aggregateResponses`), and any period is a merge of days (`mergeAggregates`, `mergeAll`),
 * never a re-read of responses. Everything kept is a count, so merging is exact, associative and
 * commutative; sums are re-derived from the histograms in sorted order, because floating-point
 * addition is not associative and a merge must not depend on the order days arrive in.
 * Output keys are sorted, so the same responses always give byte-identical JSON.
 */
import {
  type AggregateCell,
  type CellKey,
  type DailyAggregate,
  type Histogram,
  type ScoreStats,
  cellId,
} from './aggregate-schema.ts';
import { type StoredResponse, type SurveyDefinition, answerOf } from './questionnaire.ts';
import {
  COMPOSITE_INDICES,
  type CompositeIndexName,
  type ScoringPlan,
  npsCategory,
  relativeValueCategory,
  scalePoint,
  scoreRespondent,
  scoringPlan,
} from './scoring.ts';

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

/**
 * The histogram value of a respondent score. Scores are means of rescaled answers (74.444…); the
 * float of such a mean depends on the order of operations, so it is rounded to 1e-9 points: one
 * value per score whatever the order (JSON prints it back exactly, "74.444444444"), so counts
 * merge exactly, at an error below 5e-10 points on any mean, far under what a report shows.
 * Rounding is applied once, when a response is scored.
 */
export function scoreValue(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

type Counts = Map<number, number>;
type OptionCounts = Map<string, number>;
interface NetAcc {
  positive: number;
  neutral: number;
  negative: number;
}
interface CompositeAcc {
  score: Counts;
  dimensions: Map<string, Counts>;
}
interface CellAcc {
  key: CellKey;
  responses: number;
  scales: Map<string, Counts>;
  choices: Map<string, OptionCounts>;
  topTwoBox: Map<string, { n: number; top: number }>;
  nps: NetAcc | undefined;
  composites: Map<CompositeIndexName, CompositeAcc>;
  relativeValue: Map<string, NetAcc>;
}
interface Accumulator {
  surveyId: string;
  from: string | null;
  to: string | null;
  versions: Set<number>;
  responses: number;
  cells: Map<string, CellAcc>;
}

const bump = <K>(counts: Map<K, number>, key: K, by = 1) => counts.set(key, (counts.get(key) ?? 0) + by);
function child<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}
const newNet = (): NetAcc => ({ positive: 0, neutral: 0, negative: 0 });
const newComposite = (): CompositeAcc => ({ score: new Map(), dimensions: new Map() });

function newAccumulator(surveyId: string, from: string | null, to: string | null): Accumulator {
  return { surveyId, from, to, versions: new Set(), responses: 0, cells: new Map() };
}

function cellOf(acc: Accumulator, key: CellKey): CellAcc {
  return child(acc.cells, cellId(key), () => ({
    key: { audience: key.audience, locale: key.locale, channel: key.channel, cells: { ...key.cells } },
    responses: 0,
    scales: new Map(),
    choices: new Map(),
    topTwoBox: new Map(),
    nps: undefined,
    composites: new Map(),
    relativeValue: new Map(),
  }));
}

function addResponse(acc: Accumulator, plan: ScoringPlan, r: StoredResponse) {
  const cells: Record<string, string | null> = {};
  for (const id of plan.cellQuestions) {
    const v = answerOf(r.answers, id);
    cells[id] = typeof v === 'string' ? v : null;
  }
  const cell = cellOf(acc, { audience: r.audience, locale: r.locale, channel: r.channel, cells });
  cell.responses++;
  for (const item of plan.scales) {
    const x = scalePoint(answerOf(r.answers, item.id), item.scale);
    if (x === undefined) continue;
    bump(
      child(cell.scales, item.id, () => new Map()),
      x,
    );
    if (item.scale.max - item.scale.min === 4) {
      const box = child(cell.topTwoBox, item.id, () => ({ n: 0, top: 0 }));
      const coded = item.reverse ? item.scale.max + item.scale.min - x : x;
      box.n++;
      if (coded >= item.scale.max - 1) box.top++;
    }
  }
  for (const choice of plan.choices) {
    const v = answerOf(r.answers, choice.id);
    const chosen = typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
    for (const option of chosen)
      bump(
        child(cell.choices, choice.id, () => new Map<string, number>()),
        option,
      );
  }
  const scores = scoreRespondent(plan, r.answers);
  if (scores.nps !== undefined) (cell.nps ??= newNet())[npsCategory(scores.nps)]++;
  for (const [index, composite] of scores.composites) {
    const target = child(cell.composites, index, newComposite);
    bump(target.score, scoreValue(composite.score));
    for (const [dim, x] of composite.dimensions)
      bump(
        child(target.dimensions, dim, () => new Map()),
        scoreValue(x),
      );
  }
  for (const [competitor, x] of scores.relativeValue) {
    child(cell.relativeValue, competitor, newNet)[relativeValueCategory(x)]++;
  }
}

const addCounts = (into: Counts, histogram: Histogram) => {
  for (const [value, count] of histogram) bump(into, value, count);
};
const addOptions = (into: OptionCounts, options: Record<string, number>) => {
  for (const k in options) bump(into, k, options[k] as number);
};
const addNetCell = (into: NetAcc, net: NonNullable<AggregateCell['nps']>) => {
  into.positive += net.positive;
  into.neutral += net.neutral;
  into.negative += net.negative;
};

function addAggregate(acc: Accumulator, agg: DailyAggregate) {
  if (agg.schema !== 1) throw new AggregateMismatchError(`unknown aggregate schema ${String(agg.schema)}`);
  if (agg.surveyId !== acc.surveyId) {
    throw new AggregateMismatchError(`cannot merge aggregates of surveys ${acc.surveyId} and ${agg.surveyId}`);
  }
  if (agg.from !== null && (acc.from === null || agg.from < acc.from)) acc.from = agg.from;
  if (agg.to !== null && (acc.to === null || agg.to > acc.to)) acc.to = agg.to;
  for (const v of agg.versions) acc.versions.add(v);
  acc.responses += agg.responses;
  for (const c of agg.cells) {
    const cell = cellOf(acc, c.key);
    cell.responses += c.responses;
    for (const [q, h] of Object.entries(c.scales))
      addCounts(
        child(cell.scales, q, () => new Map()),
        h,
      );
    for (const [q, h] of Object.entries(c.choices))
      addOptions(
        child(cell.choices, q, () => new Map<string, number>()),
        h,
      );
    for (const [q, box] of Object.entries(c.topTwoBox)) {
      const into = child(cell.topTwoBox, q, () => ({ n: 0, top: 0 }));
      into.n += box.n;
      into.top += box.top;
    }
    if (c.nps) addNetCell((cell.nps ??= newNet()), c.nps);
    for (const index of COMPOSITE_INDICES) {
      const composite = c.composites[index];
      if (!composite) continue;
      const into = child(cell.composites, index, newComposite);
      addCounts(into.score, composite.score.histogram);
      for (const [dim, s] of Object.entries(composite.dimensions)) {
        addCounts(
          child(into.dimensions, dim, () => new Map()),
          s.histogram,
        );
      }
    }
    for (const [competitor, net] of Object.entries(c.relativeValue))
      addNetCell(child(cell.relativeValue, competitor, newNet), net);
  }
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function put<W>(out: Record<string, W>, k: string, v: W) {
  // A competitor may be named "__proto__", which plain assignment would swallow.
  if (k === '__proto__')
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

function sortedRecord<V, W>(map: Map<string, V>, f: (v: V) => W): Record<string, W> {
  const out: Record<string, W> = {};
  for (const k of [...map.keys()].sort(byString)) put(out, k, f(map.get(k) as V));
  return out;
}

/** The histogram in ascending order of value. */
function histogramOf(counts: Counts): Histogram {
  return [...counts].sort((a, b) => a[0] - b[0]);
}

/** n, sum and sum of squares from the histogram, summed in ascending order of score. */
function statsOf(counts: Counts): ScoreStats {
  const histogram = histogramOf(counts);
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (const [x, c] of histogram) {
    n += c;
    sum += x * c;
    sumSq += x * x * c;
  }
  return { n, sum, sumSq, histogram };
}

const netOf = (net: NetAcc) => ({ positive: net.positive, neutral: net.neutral, negative: net.negative });

function finalize(acc: Accumulator): DailyAggregate {
  const cells: AggregateCell[] = [];
  for (const id of [...acc.cells.keys()].sort(byString)) {
    const c = acc.cells.get(id) as CellAcc;
    const composites: AggregateCell['composites'] = {};
    for (const index of COMPOSITE_INDICES) {
      const composite = c.composites.get(index);
      if (composite)
        composites[index] = {
          score: statsOf(composite.score),
          dimensions: sortedRecord(composite.dimensions, statsOf),
        };
    }
    cells.push({
      key: c.key,
      responses: c.responses,
      scales: sortedRecord(c.scales, histogramOf),
      choices: sortedRecord(c.choices, (h) => sortedRecord(h, (count) => count)),
      topTwoBox: sortedRecord(c.topTwoBox, (box) => ({ n: box.n, top: box.top })),
      ...(c.nps ? { nps: netOf(c.nps) } : {}),
      composites,
      relativeValue: sortedRecord(c.relativeValue, netOf),
    });
  }
  const versions = [...acc.versions].sort((a, b) => a - b);
  return { schema: 1, surveyId: acc.surveyId, from: acc.from, to: acc.to, versions, responses: acc.responses, cells };
}

/** The aggregate of no responses over no days: the identity of `mergeAggregates`. */
export function emptyAggregate(surveyId: string): DailyAggregate {
  return finalize(newAccumulator(surveyId, null, null));
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
  const acc = newAccumulator(opts.surveyId, opts.day, opts.day);
  const plans = new Map<number, ScoringPlan>();
  for (const r of responses) {
    if (r.surveyId !== opts.surveyId)
      throw new AggregateMismatchError(`response ${r.id} belongs to survey ${r.surveyId}, not ${opts.surveyId}`);
    if (r.day !== opts.day) throw new AggregateMismatchError(`response ${r.id} counts for ${r.day}, not ${opts.day}`);
    let plan = plans.get(r.version);
    if (!plan) {
      const def = definitions.get(r.version);
      if (!def) throw new UnknownSurveyVersionError(opts.surveyId, r.version);
      plans.set(r.version, (plan = scoringPlan(def)));
    }
    acc.versions.add(r.version);
    acc.responses++;
    addResponse(acc, plan, r);
  }
  return finalize(acc);
}

/** The aggregate of both: associative and commutative, for days and periods alike. */
export function mergeAggregates(a: DailyAggregate, b: DailyAggregate): DailyAggregate {
  return mergeAll([a, b]);
}

/** The merge of many aggregates (a period) in one pass; equal to folding `mergeAggregates`. */
export function mergeAll(aggregates: readonly DailyAggregate[], surveyId?: string): DailyAggregate {
  const id = surveyId ?? aggregates[0]?.surveyId;
  if (id === undefined) throw new AggregateMismatchError('merging no aggregates needs the survey id');
  const acc = newAccumulator(id, null, null);
  for (const agg of aggregates) addAggregate(acc, agg);
  return finalize(acc);
}
