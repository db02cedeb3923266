import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateResponses, mergeAll } from './aggregate.ts';
import { versionColumns } from './aggregate-columns.ts';
import { readAggregate } from './aggregate-legacy.ts';
import { type PackedAggregate, packAggregate, unpackAggregate } from './aggregate-packed.ts';
import { mergePacked, monthCountsOfPacked, packedDay, rollUpPackedDays } from './aggregate-packed-merge.ts';
import type { DailyAggregate } from './aggregate-schema.ts';
import { monthCountsOf } from './disclosure.ts';
import type { StoredResponse } from './questionnaire.ts';
import { responseArb, twoVersions } from './testing.ts';

const definitions = twoVersions();
const agg = (responses: StoredResponse[], day: string) =>
  aggregateResponses(responses, definitions, { surveyId: 'demo', day });
const responses = (day: string, max = 40) => fc.array(responseArb(definitions, 'demo', day), { maxLength: max });
const json = (x: unknown) => JSON.stringify(x);
const stored = (a: DailyAggregate): PackedAggregate => packAggregate(a);
/** Every value of a packed aggregate as text (its Float64Array and Map of big sums included). */
const text = (p: PackedAggregate) => json({ ...p, values: [...p.values].map(String), bigs: [...(p.bigs ?? [])] });
/** A day, the same with sums past 2⁵³, and the same with one unit made twice as fine. */
function oddDays() {
  const [day] = fc.sample(responses('2026-10-01', 60), { numRuns: 1, seed: 7 });
  const a = agg(day ?? [], '2026-10-01');
  const big = structuredClone(a);
  for (const cell of big.cells) {
    const score = cell.composites.satisfaction?.score;
    if (score && score.n > 0) score.sumSq = '9007199254740993000';
  }
  // One unit made twice as fine: the same scores, counted in halves of the former unit.
  const finer = structuredClone(a);
  for (const cell of finer.cells) {
    const score = cell.composites.image?.score;
    if (score && score.n > 0) {
      score.d *= 2;
      score.sum = 2 * Number(score.sum);
      score.sumSq = 4 * Number(score.sumSq);
    }
  }
  return { a, big, finer };
}

/**
 * A packed aggregate in every column of its versions, those its cells lack absent (NaN): a day as
 * the store reads it back from schema 5.
 */
function widened(a: DailyAggregate): PackedAggregate {
  const p = stored(a);
  const columns = versionColumns(definitions, p.versions) as string[];
  const at = new Map(columns.map((c, i) => [c, i]));
  const [w, width] = [p.columns.length, columns.length];
  const place = (k: number) => Math.floor(k / w) * width + (at.get(p.columns[k % w] as string) as number);
  const values = new Float64Array(p.cells.length * width).fill(Number.NaN);
  p.values.forEach((v, k) => {
    values[place(k)] = v;
  });
  const bigs = [...(p.bigs ?? [])].map(([k, v]) => [place(k), v] as const);
  return { ...p, columns, values, ...(bigs.length ? { bigs: new Map(bigs) } : {}) };
}

/** A day as packed, and as schema 5 reads it back. */
const FORMS = [stored, widened];

const days = fc.tuple(responses('2026-10-01'), responses('2026-10-02'), responses('2026-10-03'));

describe('the columnar encoding (schema 3)', () => {
  it('gives back, byte for byte, the schema-2 aggregate it was made of', () => {
    fc.assert(
      fc.property(responses('2026-10-01', 80), (rs) => {
        const a = agg(rs, '2026-10-01');
        expect(json(unpackAggregate(stored(a)))).toBe(json(a));
        expect(json(readAggregate(stored(a)))).toBe(json(a));
      }),
    );
  });

  it('merges on its rows into exactly what merging the schema-2 aggregates gives, whatever the order', () => {
    fc.assert(
      fc.property(days, ([a, b, c]) => {
        const [x, y, z] = [agg(a, '2026-10-01'), agg(b, '2026-10-02'), agg(c, '2026-10-03')];
        const expected = text(packAggregate(mergeAll([x, y, z])));
        expect(text(mergePacked([stored(x), stored(y), stored(z)]))).toBe(expected);
        expect(text(mergePacked([stored(z), mergePacked([stored(y), stored(x)])]))).toBe(expected);
      }),
    );
  });

  it('keeps sums past 2⁵³ exact, and merges moments of different units as mergeAll does', () => {
    const { a, big, finer } = oddDays();
    for (const pair of [
      [a, big],
      [big, big],
      [a, finer],
    ] as const) {
      for (const form of FORMS) {
        const merged = mergePacked(pair.map(form));
        expect(text(merged)).toBe(text(packAggregate(mergeAll([...pair]))));
        expect(json(unpackAggregate(merged))).toBe(json(mergeAll([...pair])));
      }
    }
  });

  it('counts a month from its packed days as from the schema-2 days', () => {
    fc.assert(
      fc.property(days, ([a, b, c]) => {
        const list = [
          { day: '2026-10-01', aggregate: agg(a, '2026-10-01') },
          { day: '2026-10-02', aggregate: agg(b, '2026-10-02') },
          { day: '2026-10-03', aggregate: agg(c, '2026-10-03') },
        ];
        const packed = list.map((d) => ({ day: d.day, aggregate: stored(d.aggregate) }));
        expect(monthCountsOfPacked('2026-10', packed)).toEqual(monthCountsOf('2026-10', list));
      }),
    );
  });

  it('rolls a month up from days read one at a time into one buffer, as from the schema-2 days, whatever the order', () => {
    fc.assert(
      fc.property(days, fc.nat(5), ([a, b, c], turn) => {
        const list = [
          { day: '2026-10-01', aggregate: agg(a, '2026-10-01') },
          { day: '2026-10-02', aggregate: agg(b, '2026-10-02') },
          { day: '2026-10-03', aggregate: agg(c, '2026-10-03') },
        ];
        // Days of different sizes in every order: each day's values overwrite a longer day's.
        const order = [list, [...list].reverse(), [list[1], list[2], list[0]]][turn % 3] as typeof list;
        const expected = text(
          packAggregate(
            mergeAll(
              list.map((d) => d.aggregate),
              'demo',
            ),
          ),
        );
        // Each day in its own columns; then some in all of their version's (as schema 5 reads them
        // back) beside others in their own (a month of days written before schema 5 and after).
        for (const wide of [() => false, (i: number) => i !== turn % 3]) {
          const packed = order.map((d, i) => (wide(i) ? widened : stored)(d.aggregate));
          const rolled = rollUpPackedDays(
            'demo',
            '2026-10',
            order.map((d, i) => packedDay(d.day, packed[i] as PackedAggregate)),
          );
          expect(text(rolled.aggregate)).toBe(expected);
          expect(rolled.counts).toEqual(monthCountsOf('2026-10', list));
          expect(text(mergePacked(packed, 'demo'))).toBe(expected);
        }
      }),
    );
  });

  it('rolls up days with sums past 2⁵³ or moments of different units as mergeAll does', () => {
    const { a, big, finer } = oddDays();
    for (const pair of [
      [a, big],
      [a, finer],
    ] as const) {
      for (const form of FORMS) {
        const rolled = rollUpPackedDays(
          'demo',
          '2026-10',
          pair.map((x, i) => packedDay(`2026-10-0${i + 1}`, form(x))),
        );
        expect(text(rolled.aggregate)).toBe(text(packAggregate(mergeAll([...pair], 'demo'))));
      }
    }
  });
});

describe('days in every column of their version (as schema 5 reads them back)', () => {
  it('widen an aggregate, not change it: the same schema-2 aggregate, and only some of the columns are its', () => {
    const { a } = oddDays();
    const wide = widened(a);
    expect(wide.columns.length).toBeGreaterThan(stored(a).columns.length);
    expect(json(unpackAggregate(wide))).toBe(json(a));
  });
});
