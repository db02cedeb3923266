import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateResponses, mergeAll } from '#analytics/aggregate.ts';
import { versionColumns } from '#analytics/aggregate-columns.ts';
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
          // Since schema 5: naming its versions' list of columns and which of them it holds.
          const named = encodeDay(packAggregate(agg), versionColumns(definitions, agg.versions));
          expect(named.schema).toBe(5);
          expect(json(unpackAggregate(decodeDay(named.bytes)))).toBe(json(agg));
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

describe("a day's bytes naming its version's columns (schema 5)", () => {
  const version = versionColumns(definitions, [1]) as string[];
  const one = packAggregate(
    aggregateResponses(
      fc.sample(responseArb(definitions, 'demo', DAY), { numRuns: 3, seed: 5 }).map((r) => ({ ...r, version: 1 })),
      definitions,
      { surveyId: 'demo', day: DAY },
    ),
  );

  it("name the version's list and mark, one bit a column, the columns the day holds", () => {
    const { bytes, columns, schema } = encodeDay(one, version);
    expect(schema).toBe(5);
    expect(gunzipSync(columns.gz).toString('utf8')).toBe(JSON.stringify(version));
    expect(columns.id).toBe(createHash('sha256').update(JSON.stringify(version)).digest('base64url').slice(0, 22));
    expect(Buffer.from(bytes.subarray(0, 23)).toString('latin1')).toBe(`${columns.id}~`);
    const mask = bytes.subarray(23, 23 + Math.ceil(version.length / 8));
    const held = new Set(one.columns);
    expect(one.columns.length).toBeLessThan(version.length);
    const bits = version.map((column, i) => [column, ((mask[i >> 3] as number) >> (i & 7)) & 1]);
    expect(bits).toEqual(version.map((column) => [column, held.has(column) ? 1 : 0]));
    expect(bytes[23 + mask.length]).toBe(10);
    // The same rows as with a list of its own: only the id line differs.
    const own = encodeDay(one).bytes;
    expect(Buffer.from(bytes.subarray(24 + mask.length)).equals(Buffer.from(own.subarray(23)))).toBe(true);
  });

  it('name a list of their own when they hold a column outside the version', () => {
    const odd = { ...one, columns: [...one.columns, '["channels","sms"]'].sort() };
    odd.values = new Float64Array(odd.cells.length * odd.columns.length).fill(Number.NaN);
    expect(encodeDay(odd, version).schema).toBe(4);
    expect(encodeDay(odd, version).columns.id).toBe(encodeDay(odd).columns.id);
  });
});
