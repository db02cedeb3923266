/**
 * Days into months: a month's roll-up is the exact merge of its days, and its counts (what each
 * measure rests on, per audience, and the responses per day) feed the disclosure rule. A report
 * reads only these: the roll-ups of the months it touches and the counts of the survey's history.
 */
import { mergeAll } from './aggregate.ts';
import type { DailyAggregate } from './aggregate-schema.ts';
import { type MonthCounts, monthCountsOf } from './disclosure.ts';
import type { MonthAggregate } from './period.ts';

export interface DayAggregate {
  day: string;
  aggregate: DailyAggregate;
}

export interface MonthRollUp extends MonthAggregate {
  counts: MonthCounts;
}

/** One month's roll-up and counts from its days. */
export function rollUpMonth(surveyId: string, month: string, days: readonly DayAggregate[]): MonthRollUp {
  return {
    month,
    aggregate: mergeAll(
      days.map((d) => d.aggregate),
      surveyId,
    ),
    counts: monthCountsOf(month, days),
  };
}

/** Every month of some days, oldest first. */
export function rollUpMonths(surveyId: string, days: readonly DayAggregate[]): MonthRollUp[] {
  const byMonth = new Map<string, DayAggregate[]>();
  for (const d of days) {
    const month = d.day.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), d]);
  }
  return [...byMonth.keys()].sort().map((month) => rollUpMonth(surveyId, month, byMonth.get(month) ?? []));
}

/** The months from `from` to `to` (days), as `YYYY-MM`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [ly, lm] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (m === 12) {
      m = 1;
      y++;
    } else m++;
  }
  return out;
}
