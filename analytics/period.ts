/**
 * A report period as its months' roll-ups, never merged: an estimate sums what it needs over the
 * cells of the months it rests on, grouped by cell (a cell of several months carries one weight),
 * which costs a few additions per cell instead of a merge of every field. The period's weighting
 * is computed once on its cells' response counts.
 */
import { type AggregateCell, cellId, type DailyAggregate } from './aggregate-schema.ts';
import { monthNumber } from './disclosure.ts';
import { type PeriodSample, periodSample } from './estimator.ts';
import type { Audience } from './questionnaire.ts';
import type { WeightingTargets } from './report-schema.ts';

/** One month's roll-up: the merge of its days. */
export interface MonthAggregate {
  /** `YYYY-MM`. */
  month: string;
  aggregate: DailyAggregate;
}

/** The cells an estimate rests on, by `cellId`: one entry per month the cell has answers in. */
export type CellMap = ReadonlyMap<string, readonly AggregateCell[]>;

export class PeriodView {
  /** The period's cells (their keys and responses), with weights when the survey is weighted. */
  readonly sample: PeriodSample;
  /** Every cell of every month, for listing what the period holds. */
  readonly cells: readonly AggregateCell[];
  readonly versions: { version: number; responses: number | null }[];
  private readonly byMonth = new Map<number, DailyAggregate>();
  private readonly cache = new Map<string, CellMap>();
  private readonly byRange = new Map<string, CellMap>();

  constructor(
    readonly surveyId: string,
    months: readonly MonthAggregate[],
    targets?: WeightingTargets,
  ) {
    for (const m of months) this.byMonth.set(monthNumber(m.month), m.aggregate);
    this.cells = months.flatMap((m) => m.aggregate.cells);
    const totals = new Map<string, AggregateCell>();
    for (const c of this.cells) {
      const id = cellId(c.key);
      const t = totals.get(id);
      totals.set(id, t ? { ...t, responses: t.responses + c.responses } : c);
    }
    this.sample = periodSample([...totals.values()], targets);
    const counts = new Map<number, number | null>();
    for (const m of months) {
      for (const v of m.aggregate.versions) {
        const n = m.aggregate.byVersion[String(v)];
        const before = counts.get(v);
        counts.set(v, n === undefined || before === null ? null : (before ?? 0) + n);
      }
    }
    this.versions = [...counts].sort((a, b) => a[0] - b[0]).map(([version, responses]) => ({ version, responses }));
  }

  /** An audience's cells over months [from, to] (month numbers). */
  cellsOf(audience: Audience, from: number, to: number): CellMap {
    // Asked again for every measure: found by the range first, then by the months it holds (two
    // ranges over the same months share their cells).
    const range = `${audience}|${from}-${to}`;
    const known = this.byRange.get(range);
    if (known) return known;
    const months = [...this.byMonth.keys()].filter((m) => m >= from && m <= to).sort((a, b) => a - b);
    const key = `${audience}|${months.join(',')}`;
    let cells = this.cache.get(key);
    if (!cells) {
      const grouped = new Map<string, AggregateCell[]>();
      for (const m of months) {
        for (const c of this.byMonth.get(m)?.cells ?? []) {
          if (c.key.audience !== audience) continue;
          const id = cellId(c.key);
          const list = grouped.get(id);
          if (list) list.push(c);
          else grouped.set(id, [c]);
        }
      }
      this.cache.set(key, (cells = grouped));
    }
    this.byRange.set(range, cells);
    return cells;
  }
}
