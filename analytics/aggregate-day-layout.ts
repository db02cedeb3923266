/**
 * One survey version compiled for the nightly inner loop (aggregate-day.ts): every question, scale
 * item, dimension and audience numbered once, their properties in typed arrays, and the offsets of
 * each measure in a cell's two flat arrays of doubles (counts, and sums of scores). A response then
 * costs array reads and writes, with no string built and no object allocated.
 */
import { lcmUpTo } from './moments.ts';
import { AUDIENCES } from './questionnaire.ts';
import { COMPOSITE_INDICES, type CompositeIndexName, type ScoringPlan } from './scoring.ts';

/** What a question is to the loop (0: nothing, free text). */
export const SCALE = 1;
export const CHOICE = 2;

/** What a scale item feeds besides its histogram (0: nothing more). */
export const DIMENSION = 1;
export const NPS = 2;
export const COMPETITOR = 3;

/** Sums per dimension (n, ΣC, ΣC²), per driver pair (n, Σx, Σx², Σy, Σy², Σxy), per composite. */
export const MOMENT = 3;
export const PAIR = 6;

const SAFE = Number.MAX_SAFE_INTEGER;

export interface AudienceLayout {
  /** Per question position: 1 when this audience is asked it (free text aside). */
  asked: Uint8Array;
  /** The ids asked, in the definition's order. */
  askedIds: string[];
  /** Per composite index: how many dimensions were asked, and the signature of that set. */
  askedDims: { count: number; signature: string }[];
  /** Item sets (dimensions of two items or more), each at its offset in the cell's sums. */
  itemSets: { key: string; signature: string; scales: Int32Array; at: number }[];
  /** Length of the cell's sums: the shared measures, then this audience's item sets. */
  sums: number;
  /** Scale items whose coded point is read after a response's pass: item sets' and the outcome. */
  reread: Int32Array;
}

export interface DayLayout {
  languages: ReadonlySet<string>;
  /** Each language a response can count under (the survey's, then `other`) and its slot. */
  languageSlots: Map<string, number>;
  questionIndex: Map<string, number>;
  questionIds: string[];
  /** Per question position: 0, SCALE or CHOICE, and its scale or choice number. */
  kind: Uint8Array;
  target: Int32Array;
  /** Per scale item. */
  scaleIds: string[];
  min: Float64Array;
  max: Float64Array;
  reverse: Uint8Array;
  /** Offset of its histogram (one count per point), and of [n, top] when a 5-point item, else −1. */
  hist: Int32Array;
  box: Int32Array;
  /** 0, DIMENSION, NPS or COMPETITOR, with its dimension's or competitor's number. */
  role: Uint8Array;
  roleTarget: Int32Array;
  /** A dimension item's weight lcm(ranges)/range in its dimension's sum. */
  weight: Float64Array;
  /** Per dimension: `index/dimension`, its composite and unit d. */
  dims: { key: string; index: number; dimension: string }[];
  dimD: Float64Array;
  /**
   * Integer factors, so that scores need no division: a dimension's score with k of its K items
   * answered is Σ·lcm(1…K)/k, at `factorStride·j + k` of `dimFactor`; its part in its composite
   * when m dimensions were answered is c·d/(m·d_j), at `factorStride·j + m` of `compositeFactor`.
   */
  factorStride: number;
  dimFactor: Float64Array;
  compositeFactor: Float64Array;
  /** Per composite index: its unit d and its dimensions' numbers. */
  compositeD: Float64Array;
  dimsOf: Int32Array[];
  competitors: string[];
  /** Per choice question: its position, and each option's offset in the counts. */
  choices: { q: number; options: Options }[];
  /** Single-choice questions that split cells: id, options numbered from 1 (0: none), radix. */
  cellQuestions: { id: string; options: Options; radix: number }[];
  /** Per question position: its number among the cell questions, or −1. */
  cellSlot: Int32Array;
  /** Counts one response can bump, multiple choices aside (each chosen option one more). */
  events: number;
  audiences: AudienceLayout[];
  /** The outcome's scale item, or −1. */
  outcome: number;
  /** Length of the counts, and where the NPS and relative-value nets and the answered counts start. */
  counts: number;
  netBase: number;
  answeredBase: number;
  /** Offsets in the sums: dimensions' moments, their pairs with the outcome, composites' moments. */
  pairBase: number;
  compositeBase: number;
  /**
   * Per offset of a moment or pair in the sums: the bound past which its doubles are folded into
   * BigInts, so that the next addition stays exact (ΣC ≤ ΣC² for integer scores; one pair adds at
   * most d² + 10⁴ to Σx² + Σy², which bounds |Σx|, |Σy| and |Σxy|, y being a point |y| ≤ 100).
   */
  flushAt: Float64Array;
}

/**
 * A question's options and a number for each. The loop finds an answer among a few options by
 * comparing ids (interned strings: mostly one pointer comparison each), faster than hashing it for
 * the map; past `SCAN` options the map is faster.
 */
export interface Options {
  map: Map<string, number>;
  ids: string[];
  numbers: Int32Array;
}
const SCAN = 12;

function options(ids: string[], first: number): Options {
  return {
    map: new Map(ids.map((o, j) => [o, first + j])),
    ids,
    numbers: new Int32Array(ids.map((_, j) => first + j)),
  };
}

/** The number of option `a`, or −1. */
export function optionNumber(o: Options, a: string): number {
  const ids = o.ids;
  if (ids.length > SCAN) return o.map.get(a) ?? -1;
  for (let i = 0; i < ids.length; i++) if (ids[i] === a) return o.numbers[i] as number;
  return -1;
}

export function dayLayout(plan: ScoringPlan, definitionQuestions: { id: string; type: string }[]): DayLayout {
  const questionIds = definitionQuestions.map((q) => q.id);
  const questionIndex = new Map(questionIds.map((id, i) => [id, i]));
  const kind = new Uint8Array(questionIds.length);
  const target = new Int32Array(questionIds.length);
  const dims: DayLayout['dims'] = [];
  const units: { d: number; k: number }[] = [];
  const dimSlot = new Map<string, number>();
  for (const [key, unit] of plan.units.dimensions) {
    const slash = key.indexOf('/');
    dimSlot.set(key, dims.length);
    dims.push({
      key,
      index: COMPOSITE_INDICES.indexOf(key.slice(0, slash) as CompositeIndexName),
      dimension: key.slice(slash + 1),
    });
    units.push({ d: unit.d, k: unit.k });
  }

  const n = plan.scales.length;
  const [min, max, weight] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const [hist, box, roleTarget] = [new Int32Array(n), new Int32Array(n).fill(-1), new Int32Array(n).fill(-1)];
  const [reverse, role] = [new Uint8Array(n), new Uint8Array(n)];
  const competitors: string[] = [];
  let offset = 0;
  plan.scales.forEach((item, s) => {
    const q = questionIndex.get(item.id) ?? -1;
    if (q >= 0) [kind[q], target[q]] = [SCALE, s];
    const range = item.scale.max - item.scale.min;
    [min[s], max[s], reverse[s], hist[s]] = [item.scale.min, item.scale.max, item.reverse ? 1 : 0, offset];
    offset += range + 1;
    const m = item.measures;
    if (m?.index === 'nps') role[s] = NPS;
    else if (m?.index === 'relativeValue') {
      const c = competitors.indexOf(m.dimension);
      [role[s], roleTarget[s]] = [COMPETITOR, c >= 0 ? c : competitors.push(m.dimension) - 1];
    } else if (m) {
      const key = `${m.index}/${m.dimension}`;
      const unit = plan.units.dimensions.get(key);
      [role[s], roleTarget[s], weight[s]] = [DIMENSION, dimSlot.get(key) ?? -1, unit ? unit.lcmRange / range : 1];
    }
  });
  plan.scales.forEach((item, s) => {
    if (item.scale.max - item.scale.min !== 4) return;
    box[s] = offset;
    offset += 2;
  });
  const netBase = offset;
  offset += 3 * (1 + competitors.length);
  const choices = plan.choices.map((c, i) => {
    const q = questionIndex.get(c.id) ?? -1;
    if (q >= 0) [kind[q], target[q]] = [CHOICE, i];
    const list = options(optionsOf(definitionQuestions, c.id), offset);
    offset += list.ids.length;
    return { q, options: list };
  });
  const answeredBase = offset;
  offset += questionIds.length;
  // A scale answer bumps its answered count, its point, its box and top box; a choice its answered
  // count and its option.
  const events = kind.reduce((n, k) => n + (k === SCALE ? 4 : k === CHOICE ? 2 : 0), 0);
  const cellSlot = new Int32Array(questionIds.length).fill(-1);
  plan.cellQuestions.forEach((id, i) => {
    cellSlot[questionIndex.get(id) ?? -1] = i;
  });

  const D = dims.length;
  const pairBase = MOMENT * D;
  const compositeBase = pairBase + PAIR * D;
  const shared = compositeBase + MOMENT * COMPOSITE_INDICES.length;
  const compositeD = new Float64Array(COMPOSITE_INDICES.map((index) => plan.units.composites[index]));
  const flushAt = new Float64Array(shared);
  units.forEach(({ d }, j) => {
    flushAt[MOMENT * j] = SAFE - d * d;
    flushAt[pairBase + PAIR * j] = SAFE - d * d - 10_000;
  });
  compositeD.forEach((d, i) => {
    flushAt[compositeBase + MOMENT * i] = SAFE - d * d;
  });
  const dimsOf = COMPOSITE_INDICES.map(
    (_, index) => new Int32Array(dims.flatMap((d, j) => (d.index === index ? [j] : []))),
  );
  const factorStride = 1 + Math.max(0, ...units.map((u) => u.k), ...dimsOf.map((slots) => slots.length));
  const dimFactor = new Float64Array(factorStride * D);
  const compositeFactor = new Float64Array(factorStride * D);
  units.forEach(({ d, k }, j) => {
    for (let answered = 1; answered <= k; answered++) dimFactor[factorStride * j + answered] = lcmUpTo(k) / answered;
    const index = dims[j]?.index ?? -1;
    const m = dimsOf[index]?.length ?? 0;
    for (let answered = 1; answered <= m; answered++)
      compositeFactor[factorStride * j + answered] = (compositeD[index] as number) / (answered * d);
  });
  const scaleIndex = new Map(plan.scales.map((s, i) => [s.id, i]));
  const outcome = plan.outcome ? (scaleIndex.get(plan.outcome.id) ?? -1) : -1;

  const audiences = AUDIENCES.map((a): AudienceLayout => {
    const ap = plan.audiences[a];
    // Free text leaves no trace in the aggregates: it is removed after the territory's retention
    // (functions/nightly/retention.ts), and a day computed again must count the same.
    const askedIds = ap.asked.filter((q) => q.type !== 'text').map((q) => q.id);
    const asked = new Uint8Array(questionIds.length);
    for (const id of askedIds) asked[questionIndex.get(id) ?? 0] = 1;
    let at = shared;
    const itemSets = [...ap.itemSets].map(([key, items]) => {
      const k = items.length;
      const set = {
        key,
        signature: items.map((i) => i.id).join('|'),
        scales: new Int32Array(items.map((i) => scaleIndex.get(i.id) ?? -1)),
        at,
      };
      at += 1 + k + (k * (k + 1)) / 2;
      return set;
    });
    const reread = new Set(itemSets.flatMap((set) => [...set.scales]));
    if (outcome >= 0) reread.add(outcome);
    return {
      asked,
      askedIds,
      askedDims: COMPOSITE_INDICES.map((index) => ({
        count: ap.dimensions[index].length,
        signature: ap.dimensions[index].join('|'),
      })),
      itemSets,
      sums: at,
      reread: new Int32Array(reread),
    };
  });
  const languageSlots = new Map<string, number>();
  for (const language of [...plan.languages, 'other'])
    if (!languageSlots.has(language)) languageSlots.set(language, languageSlots.size);

  return {
    languages: plan.languages,
    languageSlots,
    questionIndex,
    questionIds,
    kind,
    target,
    scaleIds: plan.scales.map((s) => s.id),
    min,
    max,
    reverse,
    hist,
    box,
    role,
    roleTarget,
    weight,
    dims,
    dimD: new Float64Array(units.map((u) => u.d)),
    factorStride,
    dimFactor,
    compositeFactor,
    compositeD,
    dimsOf,
    competitors,
    choices,
    cellQuestions: plan.cellQuestions.map((id) => {
      const list = options(optionsOf(definitionQuestions, id), 1);
      return { id, options: list, radix: list.ids.length + 1 };
    }),
    cellSlot,
    events,
    audiences,
    outcome,
    counts: offset,
    netBase,
    answeredBase,
    pairBase,
    compositeBase,
    flushAt,
  };
}

function optionsOf(questions: { id: string; type: string }[], id: string): string[] {
  const q = questions.find((x) => x.id === id) as { options?: { id: string }[] } | undefined;
  return (q?.options ?? []).map((o) => o.id);
}
