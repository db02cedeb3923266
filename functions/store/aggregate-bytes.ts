/**
 * The bytes the store keeps for a packed aggregate (analytics/aggregate-packed.ts).
 *
 * A day (schema 4), not gzipped, its columns apart:
 *
 *     the id of its columns (COLUMNS_ID_LENGTH characters)\n
 *     {"surveyId":…,"from":…,"to":…,"versions":…,"byVersion":…,"responses":…,"cells":[…]}\n
 *     the rows, as below.
 *
 * The columns line (`["column",…]`, gzipped) is stored once per survey and id, beside the days
 * that name it (`encodeDay` gives both; the id is a hash of the line, so equal lines share one).
 * It was 70% of a day's bytes and the same for every day of a survey version; without it a day is
 * as small unzipped as it was gzipped, and reading one is a header and a loop over bytes, no
 * inflating (whose fixed cost per call was most of a 2-year report's reading of 730 days).
 *
 * A month roll-up, or a day written before schema 4 (schema 3), gzipped:
 *
 *     {"schema":3,"surveyId":…,"from":…,"to":…,"versions":…,"byVersion":…,"responses":…,"cells":[…]}\n
 *     ["column",…]\n
 *     the rows.
 *
 * Rows, value by value, as unsigned LEB128 integers: 0 for no such field, 1 then the length and
 * the ASCII digits of a sum past 2⁵¹, else the zigzag of the value plus 2. JSON text never holds a
 * raw newline, so the lines end at the first newlines. A columns line is parsed once and
 * recognised after by its bytes (schema 3) or its id (schema 4). Numbers are a byte or two each,
 * where JSON spent three to five and a `null` for every absent field; parsing them is a loop over
 * bytes instead of JSON.parse (docs/methodology.md).
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Layout, type PackedAggregate } from '#analytics/aggregate-packed.ts';
import type { PackedDay } from '#analytics/aggregate-packed-merge.ts';

/** Beyond this, a value is written as text: its zigzag plus 2 must stay exact in a double. */
const SMALL = 2 ** 51;

/** The rows of an aggregate as stored: one variable-length integer (or text) per value. */
function rowBytes(p: PackedAggregate): Uint8Array {
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
  return Uint8Array.from(out);
}

/** Schema 3: header, columns and rows in one gzipped item (month roll-ups). */
export function encodePacked(p: PackedAggregate): Uint8Array {
  const { schema, surveyId, from, to, versions, byVersion, responses, cells } = p;
  const header = JSON.stringify({ schema, surveyId, from, to, versions, byVersion, responses, cells });
  const text = Buffer.from(`${header}\n${JSON.stringify(p.columns)}\n`, 'utf8');
  return gzipSync(Buffer.concat([text, rowBytes(p)]));
}

/** A list of columns as the store keeps it once for the days that name it by `id`. */
export interface StoredColumns {
  id: string;
  /** The columns line, gzipped. */
  gz: Uint8Array;
}

/** Characters of a columns id: 128 bits of the line's SHA-256, in base64url. */
export const COLUMNS_ID_LENGTH = 22;

/** Schema 4: a day's bytes, and the columns they name (to store unless already stored). */
export function encodeDay(p: PackedAggregate): { bytes: Uint8Array; columns: StoredColumns } {
  const { surveyId, from, to, versions, byVersion, responses, cells } = p;
  const line = JSON.stringify(p.columns);
  const id = createHash('sha256').update(line).digest('base64url').slice(0, COLUMNS_ID_LENGTH);
  byId.set(id, Layout.of(p.columns));
  const header = JSON.stringify({ surveyId, from, to, versions, byVersion, responses, cells });
  const text = Buffer.from(`${id}\n${header}\n`, 'utf8');
  return { bytes: Buffer.concat([text, rowBytes(p)]), columns: { id, gz: gzipSync(line) } };
}

/** The id of the columns a day's bytes (schema 4) name. */
export const columnsIdOf = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, COLUMNS_ID_LENGTH).toString('latin1');

/**
 * The layouts of the columns met by id. An id is a hash of its line, so an entry never goes stale;
 * distinct lists are few (one per survey version and set of answered fields): a bound suffices.
 */
const byId = new Map<string, Layout>();

/** Whether the columns of this id are known here, so that a day naming them can be read. */
export const knowsColumns = (id: string): boolean => byId.has(id);

/** Makes stored columns known, so that the days naming them can be read. */
export function learnColumns({ id, gz }: StoredColumns): void {
  if (byId.has(id)) return;
  if (byId.size > 1000) byId.clear();
  byId.set(id, layoutOf(gunzipSync(gz)));
}

export class UnknownColumnsError extends Error {
  override readonly name = 'UnknownColumnsError';
  constructor(readonly id: string) {
    super(`a day names the columns ${id}, not read yet`);
  }
}

/** A day's aggregate from its bytes (schema 4); its columns must be known (`learnColumns`). */
export function decodeDay(bytes: Uint8Array): PackedAggregate {
  const { head, read } = readDay('', bytes);
  const values = rowsOf(head.cells.length * head.columns.length);
  const bigs = read(values);
  return { ...head, values, ...(bigs ? { bigs } : {}) };
}

/**
 * A day from its bytes (schema 4), its header read now and its rows when a roll-up asks for them
 * (`rollUpPackedDays`); its columns must be known (`learnColumns`).
 */
export function readDay(day: string, bytes: Uint8Array): PackedDay {
  const id = columnsIdOf(bytes);
  const layout = byId.get(id);
  if (!layout) throw new UnknownColumnsError(id);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buffer.indexOf(10, COLUMNS_ID_LENGTH + 1);
  const header = JSON.parse(buffer.toString('utf8', COLUMNS_ID_LENGTH + 1, end)) as Omit<
    PackedAggregate,
    'schema' | 'columns' | 'values' | 'bigs'
  >;
  return {
    day,
    head: { schema: 3, ...header, columns: layout.columns },
    read: (into) =>
      readRows(
        new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        end + 1,
        into,
        header.cells.length * layout.columns.length,
      ),
  };
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The layouts of column lines already met, by their bytes: a day's line is recognised by one
 * comparison of bytes instead of being decoded to text and hashed (it is most of a day's bytes).
 */
const layouts = new Map<number, { bytes: Buffer; layout: Layout }[]>();

function layoutOf(line: Buffer): Layout {
  const known = layouts.get(line.length);
  const hit = known?.find((k) => k.bytes.equals(line));
  if (hit) return hit.layout;
  const layout = Layout.ofText(line.toString('utf8'));
  // Distinct lists are few (one per survey version and set of answered fields): a bound suffices.
  if (layouts.size > 1000) layouts.clear();
  layouts.set(line.length, [...(known ?? []), { bytes: Buffer.from(line), layout }]);
  return layout;
}

export function decodePacked(gz: Uint8Array): PackedAggregate {
  const bytes = gunzipSync(gz);
  const end1 = bytes.indexOf(10);
  const end2 = bytes.indexOf(10, end1 + 1);
  const header = JSON.parse(bytes.toString('utf8', 0, end1)) as Omit<PackedAggregate, 'columns' | 'values' | 'bigs'>;
  const { schema: _, ...rest } = header;
  return readValues(rest, layoutOf(bytes.subarray(end1 + 1, end2)), bytes, end2 + 1);
}

function readValues(
  header: Omit<PackedAggregate, 'schema' | 'columns' | 'values' | 'bigs'>,
  layout: Layout,
  bytes: Uint8Array,
  start: number,
): PackedAggregate {
  const values = rowsOf(header.cells.length * layout.columns.length);
  const bigs = readRows(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), start, values, values.length);
  return { schema: 3, ...header, columns: layout.columns, values, ...(bigs ? { bigs } : {}) };
}

/**
 * Room for the values of one aggregate, cut from a shared slab when small: a report reads hundreds
 * of days, and a buffer of their own each (outside the JavaScript heap) made the collector run
 * again and again. A slab lives while any of its aggregates does: at most SLAB bytes held for one.
 */
const SLAB = 256 * 1024;
let slab = new ArrayBuffer(SLAB);
let used = 0;
function rowsOf(length: number): Float64Array {
  const bytes = length * Float64Array.BYTES_PER_ELEMENT;
  if (bytes > SLAB / 8) return new Float64Array(length);
  if (used + bytes > SLAB) {
    slab = new ArrayBuffer(SLAB);
    used = 0;
  }
  const out = new Float64Array(slab, used, length);
  used += bytes;
  return out;
}

/** A one-byte value (below 128) as read: NaN for 0 (no such field), else the zigzag's value; 1 is text. */
const ONE_BYTE = Float64Array.from({ length: 128 }, (_, z) =>
  z === 0 ? Number.NaN : z % 2 === 0 ? (z - 2) / 2 : -(z - 1) / 2,
);

/** The unsigned LEB128 integer starting at `bytes[i]`. */
function varintAt(bytes: Uint8Array, i: number): number {
  let x = 0;
  let scale = 1;
  for (let j = i; ; j++) {
    const b = bytes[j] as number;
    x += (b & 127) * scale;
    if (b < 128) return x;
    scale *= 128;
  }
}

/** Fills the first `count` of `values` from the varints at `start`; returns the sums past 2⁵³, if any. */
function readRows(
  bytes: Uint8Array,
  start: number,
  values: Float64Array,
  count: number,
): Map<number, string> | undefined {
  let bigs: Map<number, string> | undefined;
  let i = start;
  // No closure over `i`, so that the engine keeps it in a register: most values are one byte.
  for (let k = 0; k < count; k++) {
    let z = bytes[i++] as number;
    if (z < 128 && z !== 1) {
      values[k] = ONE_BYTE[z] as number;
      continue;
    }
    if (z >= 128) {
      z = varintAt(bytes, i - 1);
      while ((bytes[i++] as number) >= 128);
    }
    if (z === 0) values[k] = Number.NaN;
    else if (z === 1) {
      const length = varintAt(bytes, i);
      while ((bytes[i++] as number) >= 128);
      const text = Buffer.from(bytes.buffer, bytes.byteOffset + i, length).toString('latin1');
      i += length;
      const big = BigInt(text);
      if (big <= SAFE && big >= -SAFE) values[k] = Number(big);
      else {
        values[k] = Number.NaN;
        (bigs ??= new Map()).set(k, text);
      }
    } else values[k] = z % 2 === 0 ? (z - 2) / 2 : -(z - 1) / 2;
  }
  return bigs;
}
