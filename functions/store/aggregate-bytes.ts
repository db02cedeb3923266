/**
 * The bytes the store keeps for a packed aggregate (analytics/aggregate-packed.ts), gzipped:
 *
 *     {"schema":3,"surveyId":…,"from":…,"to":…,"versions":…,"byVersion":…,"responses":…,"cells":[…]}\n
 *     ["column",…]\n
 *     the rows, value by value, as unsigned LEB128 integers: 0 for no such field, 1 then the
 *     length and the ASCII digits of a sum past 2⁵¹, else the zigzag of the value plus 2.
 *
 * JSON text never holds a raw newline, so the two lines end at the first two. The columns line is
 * the same for every day of a survey version: it is parsed once and recognised by its text after.
 * Numbers are a byte or two each, where JSON spent three to five and a `null` for every absent
 * field; parsing them is a loop over bytes instead of JSON.parse (docs/architecture.md).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { Layout, type PackedAggregate } from '#analytics/aggregate-packed.ts';

/** Beyond this, a value is written as text: its zigzag plus 2 must stay exact in a double. */
const SMALL = 2 ** 51;

export function encodePacked(p: PackedAggregate): Uint8Array {
  const { schema, surveyId, from, to, versions, byVersion, responses, cells } = p;
  const header = JSON.stringify({ schema, surveyId, from, to, versions, byVersion, responses, cells });
  const out: number[] = [];
  const varint = (x: number) => {
    let z = x;
    while (z >= 128) {
      out.push((z % 128) + 128);
      z = Math.floor(z / 128);
    }
    out.push(z);
  };
  p.values.forEach((v, k) => {
    const big = Number.isNaN(v) ? p.bigs?.get(k) : Math.abs(v) > SMALL ? String(v) : undefined;
    if (big !== undefined) {
      out.push(1);
      varint(big.length);
      for (let i = 0; i < big.length; i++) out.push(big.charCodeAt(i));
    } else if (Number.isNaN(v)) out.push(0);
    else varint((v >= 0 ? 2 * v : -2 * v - 1) + 2);
  });
  const text = Buffer.from(`${header}\n${JSON.stringify(p.columns)}\n`, 'utf8');
  return gzipSync(Buffer.concat([text, Uint8Array.from(out)]));
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function decodePacked(gz: Uint8Array): PackedAggregate {
  const bytes = gunzipSync(gz);
  const end1 = bytes.indexOf(10);
  const end2 = bytes.indexOf(10, end1 + 1);
  const header = JSON.parse(bytes.toString('utf8', 0, end1)) as Omit<PackedAggregate, 'columns' | 'values' | 'bigs'>;
  const layout = Layout.ofText(bytes.toString('utf8', end1 + 1, end2));
  const values = new Float64Array(header.cells.length * layout.columns.length);
  let bigs: Map<number, string> | undefined;
  let i = end2 + 1;
  const varint = () => {
    let x = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[i++] as number;
      x += (b & 127) * scale;
      if (b < 128) return x;
      scale *= 128;
    }
  };
  for (let k = 0; k < values.length; k++) {
    // Most values are one byte: read inline, the loop only for longer ones.
    let z = bytes[i++] as number;
    if (z >= 128) {
      i--;
      z = varint();
    }
    if (z === 0) values[k] = Number.NaN;
    else if (z === 1) {
      const length = varint();
      const text = bytes.toString('latin1', i, i + length);
      i += length;
      const big = BigInt(text);
      if (big <= SAFE && big >= -SAFE) values[k] = Number(big);
      else {
        values[k] = Number.NaN;
        (bigs ??= new Map()).set(k, text);
      }
    } else values[k] = z % 2 === 0 ? (z - 2) / 2 : -(z - 1) / 2;
  }
  return { ...header, schema: 3, columns: layout.columns, values, ...(bigs ? { bigs } : {}) };
}
