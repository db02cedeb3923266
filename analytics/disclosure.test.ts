import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './calendar.ts';
import { Disclosure, DISCLOSURE_THRESHOLD, type MonthCounts, monthNumber } from './disclosure.ts';
import { AUDIENCES } from './questionnaire.ts';

const START = '2026-01-01';
const T = DISCLOSURE_THRESHOLD;
const DAYS = 100;

/** Daily counts of one measure per audience over about three months: busy, sparse, thin or absent. */
const historyArb = fc
  .tuple(...AUDIENCES.map(() => fc.constantFrom(0, 0.05, 0.2, 0.6, 2)))
  .chain((rates) =>
    fc.array(
      fc.tuple(
        ...rates.map((rate) =>
          rate === 0
            ? fc.constant(0)
            : fc.integer({ min: 0, max: 1000 }).map((u) => (u / 1000 < rate / (1 + rate) ? Math.ceil(rate) : 0)),
        ),
      ),
      { minLength: DAYS, maxLength: DAYS },
    ),
  );

function monthCounts(rows: number[][]): MonthCounts[] {
  const months = new Map<string, MonthCounts>();
  rows.forEach((row, d) => {
    const day = addDays(START, d);
    const month = day.slice(0, 7);
    const entry = months.get(month) ?? { month, audiences: {}, days: {} };
    AUDIENCES.forEach((a, i) => {
      const n = row[i] ?? 0;
      if (!n) return;
      const counts = (entry.audiences[a] ??= {});
      const dd = Number(day.slice(8, 10));
      const c = counts.m;
      counts.m = c ? [c[0] + n, Math.min(c[1], dd), Math.max(c[2], dd)] : [n, dd, dd];
    });
    months.set(month, entry);
  });
  return [...months.values()];
}

/**
 * Publishes the figures of one measure over every period a key could ask for (any first and last
 * day), as the report does: an audience when the period holds its whole blocks, the overall as
 * each audience's whole blocks inside the period. Then cuts the (day, audience) units into atoms,
 * the units every figure covers together or leaves out together: any set a combination of figures
 * can single out is a union of atoms, so every atom must hold at least the threshold.
 */
function atomsOf(rows: number[][]) {
  const disclosure = new Disclosure(monthCounts(rows));
  const dayMonth = rows.map((_, d) => monthNumber(addDays(START, d).slice(0, 7)));
  const signature = new Map<string, bigint>();
  let figure = 0n;
  const cover = (units: string[]) => {
    if (units.length === 0) return;
    figure++;
    for (const u of units) signature.set(u, (signature.get(u) ?? 0n) | (1n << figure));
  };
  const unitsIn = (i: number, inRange: (d: number) => boolean) =>
    rows.flatMap((row, d) => ((row[i] ?? 0) > 0 && inRange(d) ? [`${d}:${i}`] : []));
  const count = (units: string[]) =>
    units.reduce((s, u) => s + (rows[Number(u.split(':')[0])]?.[Number(u.split(':')[1])] ?? 0), 0);
  let shown = 0;
  for (let a = 0; a < DAYS + 3; a += 1) {
    for (let b = a; b < DAYS + 3; b += 1) {
      const period = { from: addDays(START, a), to: addDays(START, b) };
      const overall: string[] = [];
      AUDIENCES.forEach((aud, i) => {
        const c = disclosure.coverage('m', aud, period);
        const inMonths = (from: number, to: number) => (d: number) =>
          (dayMonth[d] ?? 0) >= from && (dayMonth[d] ?? 0) <= to;
        const units = unitsIn(i, inMonths(c.from, c.to));
        if (c.whole && count(units) >= T) {
          // What it rests on is exactly the audience's answers in the period.
          expect(units).toEqual(unitsIn(i, (d) => d >= a && d <= b));
          cover(units);
          shown++;
        }
        const inner = unitsIn(i, inMonths(c.inner.from, c.inner.to));
        if (count(inner) >= T) overall.push(...inner);
      });
      if (count(overall) >= T) cover(overall);
    }
  }
  const atoms = new Map<bigint, number>();
  rows.forEach((row, d) => {
    row.forEach((n, i) => {
      const sig = signature.get(`${d}:${i}`);
      if (n > 0 && sig !== undefined) atoms.set(sig, (atoms.get(sig) ?? 0) + n);
    });
  });
  return { atoms: [...atoms.values()], shown };
}

describe('Disclosure', () => {
  it('lets no combination of periods and audiences single out fewer than 30 respondents', () => {
    fc.assert(
      fc.property(historyArb, (rows) => {
        for (const n of atomsOf(rows).atoms) expect(n).toBeGreaterThanOrEqual(T);
      }),
      { numRuns: 25 },
    );
  });
});
