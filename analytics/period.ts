/**
 * A report period as its months' roll-ups, in columns (aggregate-packed.ts). The months an
 * estimate rests on are added up once per audience and range of months, row by row on the columns
 * (`mergePacked`: exact, as a month is rolled up from its days), and only those sums become the
 * keyed cells estimates read: one cell per cell id, which carries one weight, instead of one per
 * month. A 2-year report thus reads a dozen cells, not 288, and unpacks no month. The period's
 * weighting is computed once on its cells' response counts.
 */
import { type PackedAggregate, packAggregate, unpackAggregate } from './aggregate-packed.ts';
import { mergePacked } from './aggregate-packed-merge.ts';
import { type AggregateCell, cellId, type DailyAggregate } from './aggregate-schema.ts';
import { monthNumber } from './disclosure.ts';
import { type PeriodSample, periodSample } from './estimator.ts';
import type { Audience } from './questionnaire.ts';
import type { WeightingTargets } from './report-schema.ts';

/** One month's roll-up: the merge of its days, in columns as stored, or keyed. */
export interface MonthAggregate {
  /** `YYYY-MM`. */
  month: string;
  aggregate: PackedAggregate | DailyAggregate;
}

/** The cells an estimate rests on, by `cellId`: each the sum of the months it has answers in. */
export type CellMap = ReadonlyMap<string, AggregateCell>;

const packed = (a: PackedAggregate | DailyAggregate): PackedAggregate => (a.schema === 3 ? a : packAggregate(a));

/** Some rows of a packed aggregate (its sums past 2⁵³ moved with them). */
function rowsOf(p: PackedAggregate, rows: readonly number[]): PackedAggregate {
  const w = p.columns.length;
  const values = new Float64Array(rows.length * w);
  const bigs = new Map<number, string>();
  rows.forEach((r, i) => {
    values.set(p.values.subarray(r * w, r * w + w), i * w);
    for (let j = 0; p.bigs && j < w; j++) {
      const text = p.bigs.get(r * w + j);
      if (text !== undefined) bigs.set(i * w + j, text);
    }
  });
  return { ...p, cells: rows.map((r) => p.cells[r] as string), values, ...(bigs.size ? { bigs } : {}) };
}

export class PeriodView {
  /** The period's cells (their keys and responses), with weights when the survey is weighted. */
  readonly sample: PeriodSample;
  /** The period's cells, each the sum of its months: what the period holds. */
  readonly cells: readonly AggregateCell[];
  readonly versions: { version: number; responses: number | null }[];
  private readonly byMonth = new Map<number, PackedAggregate>();
  private readonly audienceOf = new Map<string, Audience>();
  private readonly cache = new Map<string, CellMap>();
  private readonly byRange = new Map<string, CellMap>();

  constructor(
    readonly surveyId: string,
    months: readonly MonthAggregate[],
    targets?: WeightingTargets,
  ) {
    for (const m of months) this.byMonth.set(monthNumber(m.month), packed(m.aggregate));
    this.cells = this.sum([...this.byMonth.values()]);
    this.sample = periodSample(this.cells, targets);
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

  /**
   * The exact sum of some months, cell by cell, as keyed cells listed as the months first list
   * them (the order weighted sums are added in, as when the months were read apart).
   */
  private sum(months: readonly PackedAggregate[]): AggregateCell[] {
    if (months.length === 0) return [];
    const byId = new Map(unpackAggregate(mergePacked(months, this.surveyId)).cells.map((c) => [cellId(c.key), c]));
    const order = new Set(months.flatMap((m) => m.cells));
    return [...order].map((id) => byId.get(id) as AggregateCell);
  }

  private audience(id: string): Audience {
    let a = this.audienceOf.get(id);
    if (a === undefined) this.audienceOf.set(id, (a = (JSON.parse(id) as [Audience])[0]));
    return a;
  }

  /** An audience's cells over months [from, to] (month numbers), each summed over those months. */
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
      // Every month of the period (the usual case): the period's sums are the audience's.
      const sums =
        months.length === this.byMonth.size
          ? this.cells.filter((c) => c.key.audience === audience)
          : this.sum(
              months.flatMap((m) => {
                const p = this.byMonth.get(m) as PackedAggregate;
                const rows = p.cells.flatMap((id, r) => (this.audience(id) === audience ? [r] : []));
                return rows.length ? [rowsOf(p, rows)] : [];
              }),
            );
      cells = new Map(sums.map((c) => [cellId(c.key), c]));
      this.cache.set(key, cells);
    }
    this.byRange.set(range, cells);
    return cells;
  }
}
