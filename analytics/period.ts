/**
 * A report period as its months' aggregates: the cells of any audience over any run of those
 * months (merged once, then reused by every measure that rests on the same months), and the
 * period's weighting, computed on all of its cells.
 */
import { mergeAll } from './aggregate.ts';
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

/** Cells by `cellId`. */
export type CellMap = ReadonlyMap<string, AggregateCell>;

export class PeriodView {
  /** Every cell of the period (all its months merged), with weights when the survey is weighted. */
  readonly sample: PeriodSample;
  readonly merged: DailyAggregate;
  private readonly byMonth = new Map<number, DailyAggregate>();
  private readonly cache = new Map<string, CellMap>();

  constructor(
    readonly surveyId: string,
    months: readonly MonthAggregate[],
    targets?: WeightingTargets,
  ) {
    for (const m of months) this.byMonth.set(monthNumber(m.month), m.aggregate);
    this.merged = mergeAll(
      months.map((m) => m.aggregate),
      surveyId,
    );
    this.sample = periodSample(this.merged.cells, targets);
  }

  /** An audience's cells over months [from, to] (month numbers), merged. */
  cells(audience: Audience, from: number, to: number): CellMap {
    const key = `${audience}|${from}|${to}`;
    let cells = this.cache.get(key);
    if (!cells) {
      const parts: DailyAggregate[] = [];
      for (const [m, agg] of this.byMonth) {
        if (m >= from && m <= to) parts.push({ ...agg, cells: agg.cells.filter((c) => c.key.audience === audience) });
      }
      const merged = parts.length === 0 ? [] : mergeAll(parts, this.surveyId).cells;
      cells = new Map(merged.map((c) => [cellId(c.key), c]));
      this.cache.set(key, cells);
    }
    return cells;
  }
}
