/**
 * The nightly job's inner loop: one day's responses into per-cell counts and exact integer sums.
 * Each survey version is compiled once (aggregate-day-layout.ts). A response is then read in one
 * pass over its own answers: the counts it bumps are queued by offset and its scores summed in
 * scratch arrays, and once its cell is known (its answers to the cell questions are among them)
 * both go into the cell's flat arrays of doubles (all integers, exact below 2⁵³, folded into
 * BigInts before they could pass it). No string is built and no object allocated per response.
 * The result is the same aggregate, field for field, as scoring each respondent with
 * `scoreRespondent` and adding them up (the tests hold the two together).
 */
import type { AggregateCell, CellKey } from './aggregate-schema.ts';
import {
  type AudienceLayout,
  CHOICE,
  COMPETITOR,
  DIMENSION,
  type DayLayout,
  MOMENT,
  NPS,
  optionNumber,
  PAIR,
  SCALE,
} from './aggregate-day-layout.ts';
import { storedCell } from './aggregate-day-cell.ts';
import { cellLocale } from './cells.ts';
import { AUDIENCES, CHANNELS, type StoredResponse } from './questionnaire.ts';
import { type NetCategory, npsCategory, relativeValueCategory } from './scoring.ts';

/** One cell of one version: flat counts and sums, and per language and channel how many responses. */
export class CellAccumulator {
  responses = 0;
  readonly counts: Float64Array;
  readonly sums: Float64Array;
  /** What was folded out of `sums` before it could pass 2⁵³ (same offsets), made when first needed. */
  folded: bigint[] | undefined;
  readonly languages: Float64Array;
  /** By channel number (`DayAccumulator.channels`). */
  readonly channels: number[] = [];

  constructor(
    readonly layout: DayLayout,
    readonly audience: AudienceLayout,
    readonly key: CellKey,
  ) {
    this.counts = new Float64Array(layout.counts);
    this.sums = new Float64Array(audience.sums);
    this.languages = new Float64Array(layout.languageSlots.size);
  }

  /** Moves `length` sums from `at` into the BigInts, exactly. */
  fold(at: number, length: number): void {
    const folded = (this.folded ??= Array.from(this.sums, () => 0n));
    for (let i = at; i < at + length; i++) {
      folded[i] = (folded[i] as bigint) + BigInt(this.sums[i] as number);
      this.sums[i] = 0;
    }
  }
}

/**
 * Per version: its layout, its cells by number, each locale tag seen and its language's slot.
 * A class, not an object literal: V8 builds a literal's template the second time it runs (on the
 * second day) and widens its fields' types then, which threw away `add` and `cellOf`, optimized on
 * the first day's object, and ran the second day mostly unoptimized again.
 */
class VersionDay {
  readonly cells = new Map<number, CellAccumulator>();
  readonly locales = new Map<string, number>();
  responses = 0;
  constructor(readonly layout: DayLayout) {}
}

/**
 * A net class's place among its three counts. Compared, not looked up in a record: the lookup by a
 * varying key went through V8's generic property cache on every response.
 */
const net = (c: NetCategory): number => (c === 'positive' ? 0 : c === 'neutral' ? 1 : 2);

/** Aggregates one day into cells, per version; `cells()` gives them as stored. */
export class DayAccumulator {
  private readonly days = new Map<number, VersionDay>();
  private lastVersion = Number.NaN;
  private last: VersionDay | undefined;
  /** Every channel seen: the known ones first, any other after them. */
  readonly channels: string[] = [...CHANNELS];
  // Scratch, reused for every response: per dimension Σ and k, per competitor Σ and k, and the coded
  // point of each scale item read again after the pass (NaN: no answer).
  private dimSum: Float64Array = new Float64Array(0);
  private dimK: Float64Array = new Float64Array(0);
  private rvSum: Float64Array = new Float64Array(0);
  private rvK: Float64Array = new Float64Array(0);
  private coded: Float64Array = new Float64Array(0);
  /** Per cell question, the response's answer (a string) if it gave one. */
  private cellAnswers: (string | undefined)[] = [];
  /** The counts a response bumps, by offset, bumped once its cell is known. */
  private events: Int32Array = new Int32Array(0);
  /** Whether Object.prototype has no enumerable key, when the day began (see `add`). */
  private readonly cleanPrototype = Object.keys(Object.prototype).length === 0;

  constructor(private readonly layoutOf: (version: number) => DayLayout) {}

  private day(version: number): VersionDay {
    let day = this.days.get(version);
    if (!day) {
      const layout = this.layoutOf(version);
      this.days.set(version, (day = new VersionDay(layout)));
      const grow = (a: Float64Array, n: number): Float64Array => (a.length < n ? new Float64Array(n) : a);
      this.dimSum = grow(this.dimSum, layout.dims.length);
      this.dimK = grow(this.dimK, layout.dims.length);
      this.rvSum = grow(this.rvSum, layout.competitors.length);
      this.rvK = grow(this.rvK, layout.competitors.length);
      this.coded = grow(this.coded, layout.scaleIds.length);
      if (this.events.length < layout.events) this.events = new Int32Array(layout.events);
      while (this.cellAnswers.length < layout.cellQuestions.length) this.cellAnswers.push(undefined);
    }
    this.lastVersion = version;
    this.last = day;
    return day;
  }

  /**
   * Makes `version` the current one before the first `add`. The loop's switch of version then runs
   * only when a day mixes versions: a branch first taken on a new day's first response, after
   * `add` was optimized without feedback for it, threw the optimized code away (V8 deoptimized it
   * on every fresh accumulator and recompiled for a tenth of a second).
   */
  begin(version: number): void {
    if (version !== this.lastVersion) this.day(version);
  }

  add(r: StoredResponse): void {
    const day = r.version === this.lastVersion ? (this.last as VersionDay) : this.day(r.version);
    day.responses++;
    const v = day.layout;
    const audience = AUDIENCES.indexOf(r.audience);
    const ap = v.audiences[audience] as AudienceLayout;
    const { dimSum, dimK, rvSum, rvK, coded, cellAnswers } = this;
    let events = this.events;
    const { kind, target, min, max, reverse, hist, box, role, roleTarget, weight, cellSlot, questionIds } = v;
    const asked = ap.asked;
    const answeredBase = v.answeredBase;
    for (let j = 0; j < dimK.length; j++) dimK[j] = 0;
    for (let c = 0; c < rvK.length; c++) rvK[c] = 0;
    for (let i = 0; i < cellAnswers.length; i++) cellAnswers[i] = undefined;
    const reread = ap.reread;
    for (let i = 0; i < reread.length; i++) coded[reread[i] as number] = Number.NaN;
    let npsSum = 0;
    let npsK = 0;
    let n = 0;
    const answers = r.answers;
    // Own keys only: a question id such as `constructor` must never read an inherited value. A
    // plain object's inherited keys are Object.prototype's, and it has no enumerable one (checked
    // when the day began): then every key the loop sees is the response's own.
    const proto = Object.getPrototypeOf(answers);
    const plain = proto === null || (proto === Object.prototype && this.cleanPrototype);
    // Answers usually come in the definition's order: the next question's id is tried first.
    let next = 0;
    for (const id in answers) {
      let q: number | undefined;
      if (id === questionIds[next]) q = next;
      else if (id === questionIds[next + 1]) q = next + 1;
      else if ((q = v.questionIndex.get(id)) === undefined) continue;
      next = q + 1;
      if (!plain && !Object.hasOwn(answers, id)) continue;
      const a = answers[id];
      const k = kind[q];
      if (k === SCALE) {
        if (typeof a !== 'number') continue;
        if (asked[q] === 1) events[n++] = answeredBase + q;
        const s = target[q] as number;
        const lo = min[s] as number;
        const hi = max[s] as number;
        if (!Number.isInteger(a) || a < lo || a > hi) continue;
        events[n++] = (hist[s] as number) + a - lo;
        const x = reverse[s] === 1 ? hi + lo - a : a;
        coded[s] = x;
        const b = box[s] as number;
        if (b >= 0) {
          events[n++] = b;
          if (x >= hi - 1) events[n++] = b + 1;
        }
        const r = role[s];
        if (r === DIMENSION) {
          const j = roleTarget[s] as number;
          const part = (x - lo) * (weight[s] as number);
          dimSum[j] = dimK[j] === 0 ? part : (dimSum[j] as number) + part;
          dimK[j] = (dimK[j] as number) + 1;
        } else if (r === NPS) {
          npsSum += a;
          npsK++;
        } else if (r === COMPETITOR) {
          const c = roleTarget[s] as number;
          rvSum[c] = rvK[c] === 0 ? a : (rvSum[c] as number) + a;
          rvK[c] = (rvK[c] as number) + 1;
        }
      } else if (k === CHOICE) {
        const options = (v.choices[target[q] as number] as DayLayout['choices'][number]).options;
        if (typeof a === 'string') {
          if (a.length > 0 && asked[q] === 1) events[n++] = answeredBase + q;
          const o = optionNumber(options, a);
          if (o >= 0) events[n++] = o;
          const c = cellSlot[q] as number;
          if (c >= 0) cellAnswers[c] = a;
        } else if (Array.isArray(a)) {
          if (n + a.length + 1 > events.length) events = this.moreEvents(n + a.length + 1);
          if (a.length > 0 && asked[q] === 1) events[n++] = answeredBase + q;
          for (let i = 0; i < a.length; i++) {
            const o = optionNumber(options, a[i] as string);
            if (o >= 0) events[n++] = o;
          }
        }
      }
    }
    const cell = this.cellOf(day, audience, ap);
    const counts = cell.counts;
    for (let i = 0; i < n; i++) {
      const e = events[i] as number;
      counts[e] = (counts[e] as number) + 1;
    }
    if (npsK > 0) {
      const slot = v.netBase + net(npsCategory(npsSum / npsK));
      counts[slot] = (counts[slot] as number) + 1;
    }
    for (let c = 0; c < v.competitors.length; c++) {
      const k = rvK[c] as number;
      if (k === 0) continue;
      const slot = v.netBase + 3 * (c + 1) + net(relativeValueCategory((rvSum[c] as number) / k));
      counts[slot] = (counts[slot] as number) + 1;
    }
    cell.responses++;
    let language = day.locales.get(r.locale);
    if (language === undefined) {
      language = v.languageSlots.get(cellLocale(r.locale, v.languages)) as number;
      day.locales.set(r.locale, language);
    }
    cell.languages[language] = (cell.languages[language] as number) + 1;
    let channel = this.channels.indexOf(r.channel);
    if (channel < 0) channel = this.channels.push(r.channel) - 1;
    const channels = cell.channels;
    while (channels.length <= channel) channels.push(0);
    channels[channel] = (channels[channel] as number) + 1;
    this.score(cell, v, ap, cell.sums);
  }

  private moreEvents(size: number): Int32Array {
    const events = new Int32Array(Math.max(size, 2 * this.events.length));
    events.set(this.events);
    this.events = events;
    return events;
  }

  /** The response's cell: its audience and its answers to the questions that split cells. */
  private cellOf(day: VersionDay, audience: number, ap: AudienceLayout): CellAccumulator {
    const questions = day.layout.cellQuestions;
    const answers = this.cellAnswers;
    let id = audience;
    for (let i = 0; i < questions.length; i++) {
      const q = questions[i] as DayLayout['cellQuestions'][number];
      const a = answers[i];
      id = id * q.radix + (a === undefined ? 0 : Math.max(0, optionNumber(q.options, a)));
    }
    let cell = day.cells.get(id);
    if (!cell) {
      // A loop, not a closure: a closure over `answers` made V8 allocate this call's context on every
      // response (40 bytes each, a tenth of the day's garbage), not only on the day's few new cells.
      const cells: Record<string, string | null> = {};
      for (let i = 0; i < questions.length; i++) {
        const q = questions[i] as DayLayout['cellQuestions'][number];
        const a = answers[i];
        cells[q.id] = a !== undefined && q.options.map.has(a) ? a : null;
      }
      const key = { audience: AUDIENCES[audience] as CellKey['audience'], cells };
      day.cells.set(id, (cell = new CellAccumulator(day.layout, ap, key)));
    }
    return cell;
  }

  /** Dimensions and their pairs with the outcome, composites (half-rule), then item sets. */
  private score(cell: CellAccumulator, v: DayLayout, ap: AudienceLayout, sums: Float64Array): void {
    const { dimSum, dimK, coded } = this;
    const { flushAt, pairBase, factorStride, dimFactor, compositeFactor } = v;
    const outcome = v.outcome >= 0 ? (coded[v.outcome] as number) : Number.NaN;
    const dimCount = v.dims.length;
    for (let j = 0; j < dimCount; j++) {
      const k = dimK[j] as number;
      if (k === 0) continue;
      const c = (dimSum[j] as number) * (dimFactor[factorStride * j + k] as number);
      dimSum[j] = c;
      const at = MOMENT * j;
      sums[at] = (sums[at] as number) + 1;
      sums[at + 1] = (sums[at + 1] as number) + c;
      if ((sums[at + 2] = (sums[at + 2] as number) + c * c) >= (flushAt[at] as number)) cell.fold(at + 1, 2);
      if (Number.isNaN(outcome)) continue;
      const p = pairBase + PAIR * j;
      sums[p] = (sums[p] as number) + 1;
      sums[p + 1] = (sums[p + 1] as number) + c;
      sums[p + 2] = (sums[p + 2] as number) + c * c;
      sums[p + 3] = (sums[p + 3] as number) + outcome;
      sums[p + 4] = (sums[p + 4] as number) + outcome * outcome;
      sums[p + 5] = (sums[p + 5] as number) + c * outcome;
      if ((sums[p + 2] as number) + (sums[p + 4] as number) >= (flushAt[p] as number)) cell.fold(p + 1, 5);
    }
    for (let index = 0; index < 3; index++) {
      const slots = v.dimsOf[index] as Int32Array;
      let m = 0;
      for (let i = 0; i < slots.length; i++) if (dimK[slots[i] as number] !== 0) m++;
      if (m === 0 || 2 * m < (ap.askedDims[index] as AudienceLayout['askedDims'][number]).count) continue;
      // Σ c_j·d/(m·d_j): each term an integer.
      let c = 0;
      for (let i = 0; i < slots.length; i++) {
        const j = slots[i] as number;
        if (dimK[j] !== 0) c += (dimSum[j] as number) * (compositeFactor[factorStride * j + m] as number);
      }
      const at = v.compositeBase + MOMENT * index;
      sums[at] = (sums[at] as number) + 1;
      sums[at + 1] = (sums[at + 1] as number) + c;
      if ((sums[at + 2] = (sums[at + 2] as number) + c * c) >= (flushAt[at] as number)) cell.fold(at + 1, 2);
    }
    // Item sets hold points times points (at most 10⁴ a response): no fold needed before 10¹¹ responses.
    for (const set of ap.itemSets) {
      const scales = set.scales;
      const k = scales.length;
      let complete = true;
      for (let j = 0; j < k; j++) if (Number.isNaN(coded[scales[j] as number])) complete = false;
      if (!complete) continue;
      let at = set.at;
      sums[at] = (sums[at] as number) + 1;
      at++;
      for (let j = 0; j < k; j++) {
        const x = coded[scales[j] as number] as number;
        sums[at + j] = (sums[at + j] as number) + x;
      }
      at += k;
      for (let j = 0; j < k; j++) {
        const x = coded[scales[j] as number] as number;
        for (let l = j; l < k; l++) {
          sums[at] = (sums[at] as number) + x * (coded[scales[l] as number] as number);
          at++;
        }
      }
    }
  }

  /** How many responses answered each version. */
  versions(): [number, number][] {
    return [...this.days].map(([version, day]) => [version, day.responses]);
  }

  /** Every cell of every version, as stored (one entry per version and cell; merge them after). */
  cells(): AggregateCell[] {
    const out: AggregateCell[] = [];
    for (const day of this.days.values())
      for (const cell of day.cells.values()) out.push(storedCell(cell, this.channels));
    return out;
  }
}
