/**
 * Disclosure control: no figure a report withholds can be recovered from any set of reports the
 * same key can ask for — by subtracting the audiences shown from the overall, or one period from
 * an overlapping or adjacent one.
 *
 * Figures rest on blocks of whole months. For each measure (an index, a dimension, a share…) and
 * each audience, the survey's months are grouped, from its first answer on, into blocks of at
 * least 30 respondents: a block closes at the end of the month its count reaches 30, and the last,
 * unfinished block joins the one before it. An audience's figure is shown for a period only when
 * the period holds whole blocks of that audience: its edges fall between two blocks, or where the
 * audience has no answer in the part of the month cut off. Any two periods that may be shown then
 * differ by whole blocks, so no difference of periods isolates fewer than 30 respondents.
 *
 * The overall of a period is the sum, for each audience, of its whole blocks inside the period,
 * leaving out an audience whose figure is withheld for thinness; so the overall minus the
 * audiences shown is itself whole blocks of at least 30, never a hidden group. Every figure any
 * report shows is thus a union of blocks of at least 30 respondents, and so is every sum or
 * difference of figures. The overall may leave out a few respondents at the period's edges (or a
 * thin audience): the report's `n` says how many it rests on.
 */
import type { AggregateCell, DailyAggregate } from './aggregate-schema.ts';
import { AUDIENCES, type Audience } from './questionnaire.ts';
import { COMPOSITE_INDICES } from './scoring.ts';

/** The smallest number of respondents any figure, or any difference of figures, may rest on. */
export const DISCLOSURE_THRESHOLD = 30;

/** Per measure: respondents in the month, and the first and last day of the month they answered on. */
export type MeasureCounts = Record<string, [n: number, firstDay: number, lastDay: number]>;

/** How many respondents each measure rests on in one month, per audience. */
export interface MonthCounts {
  /** `YYYY-MM`. */
  month: string;
  audiences: Partial<Record<Audience, MeasureCounts>>;
  /** Responses per day of the month and audience: a report's `n` counts its exact days. */
  days: Record<string, Partial<Record<Audience, number>>>;
}

/** The measure keys of a report and how many respondents each rests on in one cell. */
export function measureSizes(cell: AggregateCell): Record<string, number> {
  const sizes: Record<string, number> = {};
  const add = (key: string, n: number | undefined) => {
    if (n) sizes[key] = (sizes[key] ?? 0) + n;
  };
  if (cell.nps) add('nps', cell.nps.positive + cell.nps.neutral + cell.nps.negative);
  for (const index of COMPOSITE_INDICES) {
    const c = cell.composites[index];
    if (!c) continue;
    add(index, c.score.n);
    for (const [dim, m] of Object.entries(c.dimensions)) add(`dim:${index}/${dim}`, m.n);
  }
  for (const [competitor, net] of Object.entries(cell.relativeValue)) {
    add(`rv:${competitor}`, net.positive + net.neutral + net.negative);
  }
  for (const [q, box] of Object.entries(cell.topTwoBox)) add(`t2b:${q}`, box.n);
  for (const q of Object.keys(cell.choices)) add(`choice:${q}`, cell.items[q]?.[1]);
  for (const [key, pair] of Object.entries(cell.drivers)) add(`driver:${key}`, pair.n);
  for (const [key, sets] of Object.entries(cell.reliability)) {
    for (const [set, sums] of Object.entries(sets)) add(`alpha:${key}|${set}`, sums.n);
  }
  return sizes;
}

/** A month's counts from its days' aggregates. */
export function monthCountsOf(month: string, days: readonly { day: string; aggregate: DailyAggregate }[]): MonthCounts {
  const audiences: MonthCounts['audiences'] = {};
  const responses: MonthCounts['days'] = {};
  for (const { day, aggregate } of days) {
    const d = Number(day.slice(8, 10));
    for (const cell of aggregate.cells) {
      const perDay = (responses[String(d)] ??= {});
      perDay[cell.key.audience] = (perDay[cell.key.audience] ?? 0) + cell.responses;
      const counts = (audiences[cell.key.audience] ??= {});
      for (const [measure, n] of Object.entries(measureSizes(cell))) {
        const c = counts[measure];
        counts[measure] = c ? [c[0] + n, Math.min(c[1], d), Math.max(c[2], d)] : [n, d, d];
      }
    }
  }
  return { month, audiences, days: responses };
}

export const monthNumber = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
export const monthOfNumber = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;

/** One audience's months with respondents for one measure, grouped into blocks. */
class BlockSeries {
  private readonly months: number[] = [];
  private readonly blocks: number[] = [];

  /** `months`: an audience's months in ascending order, with their counts of every measure. */
  constructor(months: readonly [number, MeasureCounts][], measure: string, threshold: number) {
    let id = 0;
    let running = 0;
    for (const [month, counts] of months) {
      const n = (Object.hasOwn(counts, measure) ? counts[measure]?.[0] : 0) ?? 0;
      if (n <= 0) continue;
      this.months.push(month);
      this.blocks.push(id);
      running += n;
      if (running >= threshold) {
        id++;
        running = 0;
      }
    }
    // The unfinished block joins the one before it, so a period may end after the last answer.
    if (running > 0 && id > 0) {
      for (let i = this.blocks.length - 1; i >= 0 && this.blocks[i] === id; i--) this.blocks[i] = id - 1;
    }
  }

  /** Whether the boundary just before `month` falls between two blocks (or outside the answers). */
  freeBefore(month: number): boolean {
    let lo = 0;
    let hi = this.months.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.months[mid] ?? 0) < month) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0 || lo === this.months.length) return true;
    return this.blocks[lo - 1] !== this.blocks[lo];
  }
}

/** The months an audience's figure of a measure rests on for a period, when it holds whole blocks. */
export interface Coverage {
  /** First and last month (month numbers); `to < from` when the audience has no answer in the period. */
  from: number;
  to: number;
  /** The period holds whole blocks of the audience (the figure may be shown). */
  whole: boolean;
  /** The widest range of whole blocks inside the period: what the overall counts of this audience. */
  inner: { from: number; to: number };
}

/** The blocks of one survey's history; `coverage` tells what a figure over a period may rest on. */
export class Disclosure {
  /**
   * Per audience, its months' counts by month, in ascending order: read where a measure is asked
   * for, rather than regrouped by measure for every report (a report asks for them all, once).
   */
  private readonly counts = new Map<Audience, Map<number, MeasureCounts>>();
  private readonly ascending = new Map<Audience, [number, MeasureCounts][]>();
  private readonly series = new Map<string, BlockSeries>();
  private readonly responses = new Map<number, MonthCounts['days']>();
  /** Per month, its responses per audience: a month a period holds whole counts them without its days. */
  private readonly totals = new Map<number, Partial<Record<Audience, number>>>();
  /** Every measure of a choice asks again for its question's coverage, as every group does for the overall. */
  private readonly covered = new Map<string, Coverage>();

  constructor(
    history: readonly MonthCounts[],
    private readonly threshold = DISCLOSURE_THRESHOLD,
  ) {
    for (const { month, audiences, days } of history) {
      const m = monthNumber(month);
      this.responses.set(m, days);
      for (const audience of AUDIENCES) {
        const counts = audiences[audience];
        if (!counts) continue;
        let months = this.counts.get(audience);
        if (!months) this.counts.set(audience, (months = new Map()));
        months.set(m, counts);
      }
    }
    for (const [audience, months] of this.counts)
      this.ascending.set(
        audience,
        [...months].sort((a, b) => a[0] - b[0]),
      );
  }

  /** An audience's counts of a measure in one month. */
  private countOf(measure: string, audience: Audience, m: number): MeasureCounts[string] | undefined {
    const counts = this.counts.get(audience)?.get(m);
    return counts && Object.hasOwn(counts, measure) ? counts[measure] : undefined;
  }

  private totalOf(m: number, audience?: Audience): number {
    let total = this.totals.get(m);
    if (!total) {
      total = {};
      for (const counts of Object.values(this.responses.get(m) ?? {}))
        for (const a of AUDIENCES) total[a] = (total[a] ?? 0) + (counts[a] ?? 0);
      this.totals.set(m, total);
    }
    let n = 0;
    for (const a of AUDIENCES) if (!audience || a === audience) n += total[a] ?? 0;
    return n;
  }

  /** Responses of an audience (or all) on the days of a period, exactly. */
  responsesIn(period: { from: string; to: string }, audience?: Audience): number {
    let n = 0;
    const first = monthNumber(period.from.slice(0, 7));
    const last = monthNumber(period.to.slice(0, 7));
    for (let m = first; m <= last; m++) {
      if (m > first && m < last) {
        n += this.totalOf(m, audience);
        continue;
      }
      const month = monthOfNumber(m);
      for (const [d, counts] of Object.entries(this.responses.get(m) ?? {})) {
        const day = `${month}-${d.padStart(2, '0')}`;
        if (day < period.from || day > period.to) continue;
        for (const a of AUDIENCES) if (!audience || a === audience) n += counts[a] ?? 0;
      }
    }
    return n;
  }

  private blocksOf(measure: string, audience: Audience): BlockSeries {
    const key = `${measure}\u0000${audience}`;
    let s = this.series.get(key);
    if (!s) {
      this.series.set(key, (s = new BlockSeries(this.ascending.get(audience) ?? [], measure, this.threshold)));
    }
    return s;
  }

  /**
   * Where an audience's figure of `measure` over [from, to] may rest. In the first and last months
   * the period may cut, the audience's answers must all fall inside the period (the month then
   * counts whole) or all outside it (the month is left out); else the period cuts a block.
   */
  coverage(measure: string, audience: Audience, period: { from: string; to: string }): Coverage {
    const key = `${measure}\u0000${audience}\u0000${period.from}\u0000${period.to}`;
    let c = this.covered.get(key);
    if (!c) this.covered.set(key, (c = this.cover(measure, audience, period)));
    return c;
  }

  private cover(measure: string, audience: Audience, period: { from: string; to: string }): Coverage {
    const series = this.blocksOf(measure, audience);
    const first = monthNumber(period.from.slice(0, 7));
    const last = monthNumber(period.to.slice(0, 7));
    const fromDay = Number(period.from.slice(8, 10));
    const toDay = Number(period.to.slice(8, 10));
    // Each edge month: 'in' (its answers all inside the period), 'out' (all outside) or 'cut'.
    const edge = (c: MeasureCounts[string] | undefined, low: number, high: number) => {
      if (!c) return 'in';
      const [, f, l] = c;
      if (f >= low && l <= high) return 'in';
      if (l < low || f > high) return 'out';
      return 'cut';
    };
    const head = edge(this.countOf(measure, audience, first), fromDay, first === last ? toDay : 31);
    const tail = first === last ? head : edge(this.countOf(measure, audience, last), 1, toDay);
    const cut = head === 'cut' || tail === 'cut';
    const from = head === 'out' ? first + 1 : first;
    const to = tail === 'out' ? last - 1 : last;
    let innerFrom = from;
    let innerTo = to;
    if (head === 'cut') innerFrom++;
    if (tail === 'cut') innerTo--;
    while (innerFrom <= innerTo && !series.freeBefore(innerFrom)) innerFrom++;
    while (innerTo >= innerFrom && !series.freeBefore(innerTo + 1)) innerTo--;
    const whole = !cut && (to < from || (series.freeBefore(from) && series.freeBefore(to + 1)));
    return { from, to, whole, inner: { from: innerFrom, to: innerTo } };
  }
}
