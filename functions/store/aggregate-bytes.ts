/**
 * The bytes the store keeps for a packed aggregate (analytics/aggregate-packed.ts).
 *
 * A day (schema 5), not gzipped, naming its survey version's list of columns:
 *
 *     the id of the version's columns (COLUMNS_ID_LENGTH characters)~the mask\n
 *     {"surveyId":…,"from":…,"to":…,"versions":…,"byVersion":…,"responses":…,"cells":[…]}\n
 *     the rows, as below, one value per column the mask keeps.
 *
 * The version's list names every column its questionnaire can give (analytics/aggregate-columns.ts);
 * the mask, one bit per column of it (bit i&7 of byte i>>3, ⌈columns/8⌉ bytes), says which of them
 * the day's cells hold, so a day's rows are what they were with a list of its own, and all the days
 * of a version name one list. A day holding a column outside its version's list (a channel unknown
 * to this code), or written without it, names a list of its own (schema 4):
 *
 *     the id of its columns\n
 *     the header line and the rows, as above.
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
 * recognised after by its bytes (schema 3) or its id (schemas 4 and 5). Numbers are a byte or two each,
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

/** A list of columns as stored, with its id. */
function storedColumns(columns: string[]): StoredColumns {
  const line = JSON.stringify(columns);
  const id = createHash('sha256').update(line).digest('base64url').slice(0, COLUMNS_ID_LENGTH);
  byId.set(id, Layout.of(columns));
  return { id, gz: gzipSync(line) };
}

/** A version's list of columns as stored, computed once per list (`versionColumns` gives the same array). */
const versionLists = new WeakMap<readonly string[], StoredColumns>();

/** The byte after a columns id: a newline (schema 4), or this (schema 5), then the mask. */
const MASK = 0x7e; // "~"

/**
 * Which of `all`'s columns (both sorted) `some` holds, one bit each (bit i&7 of byte i>>3);
 * undefined when `some` holds a column outside `all`.
 */
function maskOf(all: readonly string[], some: readonly string[]): Uint8Array | undefined {
  const mask = new Uint8Array(Math.ceil(all.length / 8));
  let i = 0;
  for (const column of some) {
    while (i < all.length && all[i] !== column) i++;
    if (i === all.length) return undefined;
    mask[i >> 3] = (mask[i >> 3] as number) | (1 << (i & 7));
    i++;
  }
  return mask;
}

/**
 * A day's bytes and the list of columns they name (to store unless already stored): schema 5 when
 * `version` (every column its survey version can hold, sorted: analytics/aggregate-columns.ts)
 * holds the day's columns, else schema 4, naming a list of the day's own.
 */
export function encodeDay(
  p: PackedAggregate,
  version?: readonly string[],
): { bytes: Uint8Array; columns: StoredColumns; schema: 4 | 5 } {
  const { surveyId, from, to, versions, byVersion, responses, cells } = p;
  const header = Buffer.from(`${JSON.stringify({ surveyId, from, to, versions, byVersion, responses, cells })}\n`);
  const mask = version && maskOf(version, p.columns);
  if (version && mask) {
    let columns = versionLists.get(version);
    if (!columns) versionLists.set(version, (columns = storedColumns([...version])));
    const id = Buffer.from(`${columns.id}~`, 'latin1');
    return { bytes: Buffer.concat([id, mask, Buffer.from('\n'), header, rowBytes(p)]), columns, schema: 5 };
  }
  const columns = storedColumns(p.columns);
  return { bytes: Buffer.concat([Buffer.from(`${columns.id}\n`), header, rowBytes(p)]), columns, schema: 4 };
}

/** The id of the columns a day's bytes (schema 4 or 5) name. */
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

/** A day's aggregate from its bytes (schema 4 or 5); its columns must be known (`learnColumns`). */
export function decodeDay(bytes: Uint8Array): PackedAggregate {
  const { head, read } = readDay('', bytes);
  const values = rowsOf(head.cells.length * head.columns.length);
  const bigs = read(values);
  return { ...head, values, ...(bigs ? { bigs } : {}) };
}

/**
 * The columns a mask keeps (`maskOf`) as runs of consecutive columns, [first, length] pairs: a
 * row's values are read run by run into their columns, in the loop that reads unmasked rows.
 */
function runsOf(mask: Uint8Array, width: number): Int32Array {
  const runs: number[] = [];
  for (let i = 0; i < width; i++) {
    if (!(((mask[i >> 3] as number) >> (i & 7)) & 1)) continue;
    const last = runs.length - 1;
    if (last > 0 && (runs[last - 1] as number) + (runs[last] as number) === i) runs[last] = (runs[last] as number) + 1;
    else runs.push(i, 1);
  }
  return Int32Array.from(runs);
}

/**
 * A day from its bytes (schema 4 or 5), its header read now and its rows when a roll-up asks for
 * them (`rollUpPackedDays`); its columns must be known (`learnColumns`).
 */
export function readDay(day: string, bytes: Uint8Array): PackedDay {
  const id = columnsIdOf(bytes);
  const layout = byId.get(id);
  if (!layout) throw new UnknownColumnsError(id);
  const width = layout.columns.length;
  let start = COLUMNS_ID_LENGTH + 1;
  let runs: Int32Array | undefined;
  if (bytes[COLUMNS_ID_LENGTH] === MASK) {
    const length = Math.ceil(width / 8);
    runs = runsOf(bytes.subarray(start, start + length), width);
    if (runs[1] === width) runs = undefined; // every column: rows as they are
    start += length + 1;
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buffer.indexOf(10, start);
  const header = JSON.parse(buffer.toString('utf8', start, end)) as Omit<
    PackedAggregate,
    'schema' | 'columns' | 'values' | 'bigs'
  >;
  const rows = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cells = header.cells.length;
  return {
    day,
    // Schema 5: in all of its version's columns, those the day lacks absent (NaN), as a field its
    // cells lack always was: every day of a version has one layout, read and merged alike.
    head: { schema: 3, ...header, columns: layout.columns },
    read: (into) => {
      if (!runs) return readRows(rows, end + 1, into, cells * width);
      // Row by row, run by run of the columns held, the columns between absent.
      let bigs: Map<number, string> | undefined;
      let i = end + 1;
      for (let base = 0; base < cells * width; base += width) {
        let next = 0;
        for (let r = 0; r < runs.length; r += 2) {
          const [from, length] = [runs[r] as number, runs[r + 1] as number];
          into.fill(Number.NaN, base + next, base + from);
          bigs = readRows(rows, i, into, length, base + from, bigs);
          i = readEnd;
          next = from + length;
        }
        into.fill(Number.NaN, base + next, base + width);
      }
      return bigs;
    },
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

/** The byte after the last value the last `readRows` read. */
let readEnd = 0;

/**
 * Fills `count` of `values` from `at` with the varints at `start`; returns the sums past 2⁵³, if
 * any, added to `bigs` when given.
 */
function readRows(
  bytes: Uint8Array,
  start: number,
  values: Float64Array,
  count: number,
  at = 0,
  bigs?: Map<number, string>,
): Map<number, string> | undefined {
  let i = start;
  const stop = at + count;
  // No closure over `i`, so that the engine keeps it in a register: most values are one byte.
  for (let k = at; k < stop; k++) {
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
  readEnd = i;
  return bigs;
}
