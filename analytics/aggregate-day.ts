/**
 * The nightly job's inner loop: one day's responses into per-cell counts and exact integer sums.
 * Each survey version is compiled once into numbered slots, and each cell accumulates into flat
 * arrays of doubles (all integers, exact below 2⁵³, folded into BigInts before they could pass
 * it), so a response costs a few array writes and no allocation. The result is the same
 * aggregate, field for field, as scoring each respondent with `scoreRespondent` and adding them up
 * (the tests hold the two together).
 */
import type { AggregateCell, CellKey } from './aggregate-schema.ts';
import { lcmUpTo, type Moments, MomentsAccumulator, PairAccumulator, type PairMoments } from './moments.ts';
import { AUDIENCES, type Audience, type StoredResponse } from './questionnaire.ts';
import {
  COMPOSITE_INDICES,
  type CompositeIndexName,
  npsCategory,
  relativeValueCategory,
  type ScoringPlan,
} from './scoring.ts';
import { cellLocale } from './cells.ts';

interface CompiledScale {
  id: string;
  /** The question's position in the definition (its slot in the response's read answers). */
  q: number;
  min: number;
  max: number;
  reverse: boolean;
  /** Offset of its histogram (one slot per point) in the counts. */
  hist: number;
  /** Offset of [n, top] when a 5-point item, else −1. */
  box: number;
  /** Its dimension's slot, or −1; and its weight lcm(ranges)/range in the dimension's sum. */
  dim: number;
  weight: number;
  nps: boolean;
  /** Its competitor's slot for relative value, or −1. */
  competitor: number;
}

interface CompiledDimension {
  key: string;
  index: number;
  dimension: string;
  d: number;
  /** lcm(1…K) of its K items. */
  lcmK: number;
}

interface CompiledAudience {
  /** Questions asked: their position, their slot in `items`, and how an answer is recognised. */
  asked: { q: number; slot: number; kind: 'scale' | 'choice' | 'text' }[];
  /** Per composite index: how many dimensions were asked, and the signature of that set. */
  askedDims: { count: number; signature: string }[];
  itemSets: { key: string; signature: string; scales: number[] }[];
}

interface CompiledVersion {
  plan: ScoringPlan;
  scales: CompiledScale[];
  dims: CompiledDimension[];
  compositeD: number[];
  competitors: string[];
  choices: { q: number; options: Map<string, number> }[];
  questions: string[];
  cellQuestions: { id: string; q: number; options: Map<string, number> }[];
  questionIndex: Map<string, number>;
  /** Per composite index, the slots of its dimensions. */
  dimsOf: number[][];
  audiences: Record<Audience, CompiledAudience>;
  outcome: number;
  /** Size of each cell's flat count array. */
  counts: number;
  boxBase: number;
  netBase: number;
  choiceBase: number;
  itemBase: number;
}

function compile(plan: ScoringPlan, definitionQuestions: { id: string; type: string }[]): CompiledVersion {
  let offset = 0;
  const questionIndex = new Map(definitionQuestions.map((q, i) => [q.id, i]));
  const qOf = (id: string) => questionIndex.get(id) ?? -1;
  const dims: CompiledDimension[] = [];
  const dimSlot = new Map<string, number>();
  for (const [key, unit] of plan.units.dimensions) {
    const [index, dimension] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    dimSlot.set(key, dims.length);
    dims.push({
      key,
      index: COMPOSITE_INDICES.indexOf(index as CompositeIndexName),
      dimension,
      d: unit.d,
      lcmK: lcmUpTo(unit.k),
    });
  }
  const competitors: string[] = [];
  const scales: CompiledScale[] = plan.scales.map((item) => {
    const range = item.scale.max - item.scale.min;
    const hist = offset;
    offset += range + 1;
    const m = item.measures;
    const composite = m && m.index !== 'nps' && m.index !== 'relativeValue';
    let competitor = -1;
    if (m?.index === 'relativeValue') {
      competitor = competitors.indexOf(m.dimension);
      if (competitor < 0) competitor = competitors.push(m.dimension) - 1;
    }
    const unit = composite ? plan.units.dimensions.get(`${m.index}/${m.dimension}`) : undefined;
    return {
      id: item.id,
      q: qOf(item.id),
      min: item.scale.min,
      max: item.scale.max,
      reverse: item.reverse,
      hist,
      box: -1,
      dim: composite ? (dimSlot.get(`${m.index}/${m.dimension}`) ?? -1) : -1,
      weight: unit ? unit.lcmRange / range : 1,
      nps: m?.index === 'nps',
      competitor,
    };
  });
  const boxBase = offset;
  for (const s of scales) {
    if (s.max - s.min === 4) {
      s.box = offset;
      offset += 2;
    }
  }
  const netBase = offset;
  offset += 3 * (1 + competitors.length);
  const choiceBase = offset;
  const choices = plan.choices.map((c) => {
    const q = definitionQuestions.find((x) => x.id === c.id) as { options?: { id: string }[] } | undefined;
    const options = new Map((q?.options ?? []).map((o, i) => [o.id, offset + i]));
    offset += options.size;
    return { q: qOf(c.id), options };
  });
  const itemBase = offset;
  const questions = definitionQuestions.map((q) => q.id);
  offset += 2 * questions.length;
  const scaleIndex = new Map(scales.map((s, i) => [s.id, i]));
  const audiences = Object.fromEntries(
    AUDIENCES.map((a) => {
      const ap = plan.audiences[a];
      // Free text leaves no trace in the aggregates: it is removed after the territory's retention
      // (functions/nightly/retention.ts), and a day computed again must count the same.
      const asked = ap.asked
        .filter((q) => q.type !== 'text')
        .map((q) => ({
          q: qOf(q.id),
          slot: itemBase + 2 * questions.indexOf(q.id),
          kind: (q.type === 'choice' ? 'choice' : 'scale') as 'scale' | 'choice' | 'text',
        }));
      const askedDims = COMPOSITE_INDICES.map((index) => ({
        count: ap.dimensions[index].length,
        signature: ap.dimensions[index].join('|'),
      }));
      const itemSets = [...ap.itemSets].map(([key, items]) => ({
        key,
        signature: items.map((i) => i.id).join('|'),
        scales: items.map((i) => scaleIndex.get(i.id) ?? -1),
      }));
      return [a, { asked, askedDims, itemSets }];
    }),
  ) as Record<Audience, CompiledAudience>;
  const cellQuestions = plan.cellQuestions.map((id) => {
    const q = definitionQuestions.find((x) => x.id === id) as { options?: { id: string }[] } | undefined;
    return { id, q: qOf(id), options: new Map((q?.options ?? []).map((o, i) => [o.id, i + 1])) };
  });
  return {
    plan,
    scales,
    dims,
    compositeD: COMPOSITE_INDICES.map((index) => plan.units.composites[index]),
    competitors,
    choices,
    questions,
    cellQuestions,
    questionIndex,
    dimsOf: COMPOSITE_INDICES.map((_, index) => dims.flatMap((d, j) => (d.index === index ? [j] : []))),
    audiences,
    outcome: plan.outcome ? (scaleIndex.get(plan.outcome.id) ?? -1) : -1,
    counts: offset,
    boxBase,
    netBase,
    choiceBase,
    itemBase,
  };
}

/** One cell of one version: flat counts, and exact accumulators for scores, pairs and item sets. */
class CellAccumulator {
  readonly counts: Float64Array;
  responses = 0;
  readonly locales = new Map<string, number>();
  readonly channels = new Map<string, number>();
  readonly composites: (MomentsAccumulator | undefined)[] = [undefined, undefined, undefined];
  readonly dimensions: (MomentsAccumulator | undefined)[];
  readonly drivers: (PairAccumulator | undefined)[];
  /** By position in the audience's item sets. */
  readonly itemSets: ({ n: number; sums: number[]; products: number[] } | undefined)[] = [];

  constructor(
    readonly v: CompiledVersion,
    readonly key: CellKey,
  ) {
    this.counts = new Float64Array(v.counts);
    this.dimensions = v.dims.map(() => undefined);
    this.drivers = v.dims.map(() => undefined);
  }
}

const NET = { positive: 0, neutral: 1, negative: 2 } as const;

/** A value that counts as an answer: a scale point is checked against its scale where it is read. */
function isAnswer(value: unknown, kind: 'scale' | 'choice' | 'text'): boolean {
  if (kind === 'scale') return typeof value === 'number';
  if (kind === 'choice') {
    return (typeof value === 'string' && value.length > 0) || (Array.isArray(value) && value.length > 0);
  }
  return typeof value === 'string' && value.length > 0;
}

/** Aggregates one day into cells, per version; `cells()` gives them as stored. */
export class DayAccumulator {
  private readonly compiled = new Map<number, CompiledVersion>();
  private readonly cellsByVersion = new Map<number, Map<number, CellAccumulator>>();
  /** Per version, each locale tag seen and the language it counts under. */
  private readonly locales = new Map<number, Map<string, string>>();
  // Scratch, reused for every response: its answers by question position (valid where stamped
  // with the current response's number), per dimension Σ and k, per competitor Σ and k.
  private values: unknown[] = [];
  private stamp = new Float64Array(0);
  private current = 0;
  private dimSum = new Float64Array(0);
  private dimK = new Float64Array(0);
  private rvSum = new Float64Array(0);
  private rvK = new Float64Array(0);

  constructor(
    private readonly planOf: (version: number) => { plan: ScoringPlan; questions: { id: string; type: string }[] },
  ) {}

  private version(v: number): CompiledVersion {
    let c = this.compiled.get(v);
    if (!c) {
      const { plan, questions } = this.planOf(v);
      this.compiled.set(v, (c = compile(plan, questions)));
      const size = Math.max(this.stamp.length, c.questionIndex.size);
      if (size > this.stamp.length) {
        this.stamp = new Float64Array(size);
        this.values = new Array(size);
      }
      if (this.dimSum.length < c.dims.length) {
        this.dimSum = new Float64Array(c.dims.length);
        this.dimK = new Float64Array(c.dims.length);
      }
      if (this.rvSum.length < c.competitors.length) {
        this.rvSum = new Float64Array(c.competitors.length);
        this.rvK = new Float64Array(c.competitors.length);
      }
    }
    return c;
  }

  /** The response's answer to the question at position q, if it gave one (own keys only). */
  private read(q: number): unknown {
    return q >= 0 && this.stamp[q] === this.current ? this.values[q] : undefined;
  }

  add(r: StoredResponse): void {
    const v = this.version(r.version);
    const { answers, audience } = r;
    // Own keys only: a question id such as `constructor` must never read an inherited value.
    this.current++;
    for (const key in answers) {
      const q = v.questionIndex.get(key);
      if (q === undefined || !Object.hasOwn(answers, key)) continue;
      this.values[q] = answers[key];
      this.stamp[q] = this.current;
    }
    let id = AUDIENCES.indexOf(audience);
    for (const q of v.cellQuestions) {
      const a = this.read(q.q);
      id = id * (q.options.size + 1) + (typeof a === 'string' ? (q.options.get(a) ?? 0) : 0);
    }
    let byCell = this.cellsByVersion.get(r.version);
    if (!byCell) this.cellsByVersion.set(r.version, (byCell = new Map()));
    let cell = byCell.get(id);
    if (!cell) {
      const cells: Record<string, string | null> = {};
      for (const q of v.cellQuestions) {
        const a = this.read(q.q);
        cells[q.id] = typeof a === 'string' && q.options.has(a) ? a : null;
      }
      byCell.set(id, (cell = new CellAccumulator(v, { audience, cells })));
    }
    let locales = this.locales.get(r.version);
    if (!locales) this.locales.set(r.version, (locales = new Map()));
    let locale = locales.get(r.locale);
    if (locale === undefined) locales.set(r.locale, (locale = cellLocale(r.locale, v.plan.languages)));
    this.addTo(cell, v, r.channel, locale, audience);
  }

  private addTo(cell: CellAccumulator, v: CompiledVersion, channel: string, locale: string, audience: Audience) {
    const counts = cell.counts;
    cell.responses++;
    cell.locales.set(locale, (cell.locales.get(locale) ?? 0) + 1);
    cell.channels.set(channel, (cell.channels.get(channel) ?? 0) + 1);
    const ap = v.audiences[audience];
    for (const q of ap.asked) {
      counts[q.slot] = (counts[q.slot] ?? 0) + 1;
      if (isAnswer(this.read(q.q), q.kind)) counts[q.slot + 1] = (counts[q.slot + 1] ?? 0) + 1;
    }
    const { dimSum, dimK, rvSum, rvK } = this;
    dimSum.fill(0);
    dimK.fill(0);
    rvSum.fill(0);
    rvK.fill(0);
    let npsSum = 0;
    let npsK = 0;
    let outcome = -1;
    for (let i = 0; i < v.scales.length; i++) {
      const s = v.scales[i] as CompiledScale;
      const x = this.read(s.q);
      if (typeof x !== 'number' || !Number.isInteger(x) || x < s.min || x > s.max) continue;
      counts[s.hist + x - s.min] = (counts[s.hist + x - s.min] ?? 0) + 1;
      const coded = s.reverse ? s.max + s.min - x : x;
      if (s.box >= 0) {
        counts[s.box] = (counts[s.box] ?? 0) + 1;
        if (coded >= s.max - 1) counts[s.box + 1] = (counts[s.box + 1] ?? 0) + 1;
      }
      if (s.dim >= 0) {
        dimSum[s.dim] = (dimSum[s.dim] ?? 0) + (coded - s.min) * s.weight;
        dimK[s.dim] = (dimK[s.dim] ?? 0) + 1;
      } else if (s.nps) {
        npsSum += x;
        npsK++;
      } else if (s.competitor >= 0) {
        rvSum[s.competitor] = (rvSum[s.competitor] ?? 0) + x;
        rvK[s.competitor] = (rvK[s.competitor] ?? 0) + 1;
      }
      if (i === v.outcome) outcome = coded;
    }
    for (const c of v.choices) {
      const a = this.read(c.q);
      if (typeof a === 'string') {
        const slot = c.options.get(a);
        if (slot !== undefined) counts[slot] = (counts[slot] ?? 0) + 1;
      } else if (Array.isArray(a)) {
        for (const o of a) {
          const slot = c.options.get(o);
          if (slot !== undefined) counts[slot] = (counts[slot] ?? 0) + 1;
        }
      }
    }
    if (npsK > 0) {
      const slot = v.netBase + NET[npsCategory(npsSum / npsK)];
      counts[slot] = (counts[slot] ?? 0) + 1;
    }
    for (let c = 0; c < v.competitors.length; c++) {
      const k = rvK[c] ?? 0;
      if (k === 0) continue;
      const slot = v.netBase + 3 * (c + 1) + NET[relativeValueCategory((rvSum[c] ?? 0) / k)];
      counts[slot] = (counts[slot] ?? 0) + 1;
    }
    // Dimensions and their pairs with the outcome, then composites (half-rule).
    for (let j = 0; j < v.dims.length; j++) {
      const k = dimK[j] ?? 0;
      if (k === 0) continue;
      const dim = v.dims[j] as CompiledDimension;
      const c = ((dimSum[j] ?? 0) * dim.lcmK) / k;
      dimSum[j] = c;
      (cell.dimensions[j] ??= new MomentsAccumulator(dim.d)).add(c);
      if (outcome >= 0) (cell.drivers[j] ??= new PairAccumulator(dim.d)).add(c, outcome);
    }
    for (let index = 0; index < 3; index++) {
      const asked = ap.askedDims[index] as { count: number; signature: string };
      const slots = v.dimsOf[index] as number[];
      let m = 0;
      for (const j of slots) if ((dimK[j] ?? 0) > 0) m++;
      if (m === 0 || 2 * m < asked.count) continue;
      const d = v.compositeD[index] ?? 1;
      // Σ c_j·d/(m·d_j): each term an integer, added one by one to stay exact.
      let c = 0;
      for (const j of slots)
        if ((dimK[j] ?? 0) > 0) c += ((dimSum[j] ?? 0) * d) / (m * (v.dims[j] as CompiledDimension).d);
      (cell.composites[index] ??= new MomentsAccumulator(d)).add(c);
    }
    for (let position = 0; position < ap.itemSets.length; position++) {
      const set = ap.itemSets[position] as CompiledAudience['itemSets'][number];
      let complete = true;
      for (const i of set.scales) {
        const s = v.scales[i] as CompiledScale;
        const x = this.read(s.q);
        if (typeof x !== 'number' || !Number.isInteger(x) || x < s.min || x > s.max) complete = false;
      }
      if (!complete) continue;
      const k = set.scales.length;
      const sums = (cell.itemSets[position] ??= {
        n: 0,
        sums: new Array(k).fill(0),
        products: new Array((k * (k + 1)) / 2).fill(0),
      });
      sums.n++;
      let p = 0;
      for (let j = 0; j < k; j++) {
        const sj = v.scales[set.scales[j] ?? 0] as CompiledScale;
        const xj = this.read(sj.q) as number;
        const cj = sj.reverse ? sj.max + sj.min - xj : xj;
        sums.sums[j] = (sums.sums[j] ?? 0) + cj;
        for (let l = j; l < k; l++) {
          const sl = v.scales[set.scales[l] ?? 0] as CompiledScale;
          const xl = this.read(sl.q) as number;
          sums.products[p] = (sums.products[p] ?? 0) + cj * (sl.reverse ? sl.max + sl.min - xl : xl);
          p++;
        }
      }
    }
  }

  /** Every cell of every version, as stored (one entry per version and cell; merge them after). */
  cells(): AggregateCell[] {
    const out: AggregateCell[] = [];
    for (const byCell of this.cellsByVersion.values()) for (const cell of byCell.values()) out.push(storedCell(cell));
    return out;
  }
}

function storedCell(cell: CellAccumulator): AggregateCell {
  const v = cell.v;
  const counts = cell.counts;
  const at = (i: number) => counts[i] ?? 0;
  const scales: AggregateCell['scales'] = {};
  const topTwoBox: AggregateCell['topTwoBox'] = {};
  for (const s of v.scales) {
    const h: [number, number][] = [];
    for (let x = s.min; x <= s.max; x++) if (at(s.hist + x - s.min) > 0) h.push([x, at(s.hist + x - s.min)]);
    if (h.length) scales[s.id] = h;
    if (s.box >= 0 && at(s.box) > 0) topTwoBox[s.id] = { n: at(s.box), top: at(s.box + 1) };
  }
  const net = (base: number) => ({ positive: at(base), neutral: at(base + 1), negative: at(base + 2) });
  const hasNet = (base: number) => at(base) + at(base + 1) + at(base + 2) > 0;
  const relativeValue: AggregateCell['relativeValue'] = {};
  v.competitors.forEach((c, i) => {
    if (hasNet(v.netBase + 3 * (i + 1))) relativeValue[c] = net(v.netBase + 3 * (i + 1));
  });
  const choices: AggregateCell['choices'] = {};
  for (const c of v.choices) {
    const options: Record<string, number> = {};
    for (const [o, slot] of c.options) if (at(slot) > 0) options[o] = at(slot);
    if (Object.keys(options).length) choices[v.questions[c.q] ?? ''] = options;
  }
  const items: AggregateCell['items'] = {};
  v.questions.forEach((q, i) => {
    const slot = v.itemBase + 2 * i;
    if (at(slot) > 0) items[q] = [at(slot), at(slot + 1)];
  });
  const composites: AggregateCell['composites'] = {};
  COMPOSITE_INDICES.forEach((index, i) => {
    const dimensions: Record<string, Moments> = {};
    v.dims.forEach((dim, j) => {
      const m = cell.dimensions[j];
      if (dim.index === i && m && m.n > 0) dimensions[dim.dimension] = m.moments();
    });
    const score = cell.composites[i];
    // Every response of a cell answered its version as its audience: all were asked the same set.
    const set = v.audiences[cell.key.audience].askedDims[i];
    const asked: Record<string, number> = set && set.count > 0 ? { [set.signature]: cell.responses } : {};
    if (!score && Object.keys(dimensions).length === 0 && Object.keys(asked).length === 0) return;
    composites[index] = {
      score: score ? score.moments() : { d: v.compositeD[i] ?? 1, n: 0, sum: 0, sumSq: 0 },
      dimensions,
      asked,
    };
  });
  const drivers: Record<string, PairMoments> = {};
  v.dims.forEach((dim, j) => {
    const p = cell.drivers[j];
    if (p && p.n > 0) drivers[dim.key] = p.pair();
  });
  const reliability: AggregateCell['reliability'] = {};
  v.audiences[cell.key.audience].itemSets.forEach((set, position) => {
    const sums = cell.itemSets[position];
    if (sums)
      (reliability[set.key] ??= {})[set.signature] = { n: sums.n, sums: [...sums.sums], products: [...sums.products] };
  });
  return {
    key: cell.key,
    responses: cell.responses,
    locales: Object.fromEntries(cell.locales),
    channels: Object.fromEntries(cell.channels),
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
