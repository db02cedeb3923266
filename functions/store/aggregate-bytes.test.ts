import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateResponses, mergeAll } from '#analytics/aggregate.ts';
import { packAggregate, unpackAggregate } from '#analytics/aggregate-packed.ts';
import { responseArb, twoVersions } from '#analytics/testing.ts';
import { decodePacked, encodePacked } from './aggregate-bytes.ts';

const definitions = twoVersions();
const DAY = '2026-10-01';
const json = (x: unknown) => JSON.stringify(x);

describe('the stored bytes of a columnar aggregate', () => {
  it('read back as the very aggregate written, small, large, negative and past 2⁵³', () => {
    fc.assert(
      fc.property(fc.array(responseArb(definitions, 'demo', DAY), { maxLength: 60 }), (rs) => {
        const a = aggregateResponses(rs, definitions, { surveyId: 'demo', day: DAY });
        // A period's sums past 2⁵³ (decimal text) and past 2⁵¹ (written as text, read as numbers).
        const huge = structuredClone(a);
        for (const cell of huge.cells) {
          const m = cell.composites.value?.score;
          if (m && m.n > 0) [m.sum, m.sumSq] = [2 ** 52 + 1, '123456789012345678901234567890'];
        }
        const pair = huge.cells.find((c) => Object.keys(c.drivers).length > 0);
        if (pair) for (const p of Object.values(pair.drivers)) p.sxy = -(2 ** 40) - 3;
        const period = mergeAll([a, huge]);
        for (const agg of [a, period]) {
          const read = decodePacked(encodePacked(packAggregate(agg)));
          expect(json(unpackAggregate(read))).toBe(json(agg));
        }
      }),
      { numRuns: 50 },
    );
  });
});
