import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateResponses, mergeAll } from '#analytics/aggregate.ts';
import { packAggregate, unpackAggregate } from '#analytics/aggregate-packed.ts';
import { responseArb, twoVersions } from '#analytics/testing.ts';
import { decodeDay, decodePacked, encodeDay, encodePacked, UnknownColumnsError } from './aggregate-bytes.ts';

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
          // A day as the store writes it since schema 4: its bytes, its columns apart.
          const day = decodeDay(encodeDay(packAggregate(agg)).bytes);
          expect(json(unpackAggregate(day))).toBe(json(agg));
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe("a day's bytes (schema 4)", () => {
  const day = packAggregate(
    aggregateResponses(fc.sample(responseArb(definitions, 'demo', DAY), { numRuns: 40, seed: 4 }), definitions, {
      surveyId: 'demo',
      day: DAY,
    }),
  );

  it('leave the columns out, to be stored once under an id that is the hash of their line', () => {
    const { bytes, columns } = encodeDay(day);
    const line = JSON.stringify(day.columns);
    expect(gunzipSync(columns.gz).toString('utf8')).toBe(line);
    // The id, computed here independently: 128 bits of the line's SHA-256 in base64url.
    expect(columns.id).toBe(createHash('sha256').update(line).digest('base64url').slice(0, 22));
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.startsWith(`${columns.id}\n`)).toBe(true);
    expect(text).not.toContain('["responses"]');
  });

  it('name columns a reader must have read, and say so when it has not', () => {
    const { bytes, columns } = encodeDay(day);
    const other = Buffer.from(bytes);
    other.write(columns.id.startsWith('A') ? 'B' : 'A', 0, 'latin1'); // another list's id
    expect(() => decodeDay(other)).toThrow(UnknownColumnsError);
  });
});
