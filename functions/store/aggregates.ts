/**
 * Daily aggregates and their monthly roll-ups, both stored in columns (analytics/aggregate-packed.ts,
 * bytes in aggregate-bytes.ts): small, days merged into their month on their rows, and a month
 * unpacked into the objects a report reads faster than JSON.parse builds them. A day (schema 5)
 * names its survey version's list of columns and which of them it holds (schema 4: a list of its
 * own), each list stored once per survey (`COLS#{id}`, put before the first day naming it); a
 * month (schema 3) carries its own. Days written in schema 3 (columns inside), as keyed
 * JSON (schema 2) or in schema 1 are still read; such a month is written in columns the next time
 * one of its days is. A month's roll-up is the
 * exact merge of its days, rewritten whenever one of them is, with the month's counts beside it (what each
 * measure rests on, per audience and day: the disclosure rule's input). A report reads the
 * roll-ups of the months it touches and the counts of every month, never a day.
 *
 * An aggregate's size follows the questionnaire, not the crowd (analytics/aggregate-schema.ts):
 * the demo survey's busiest day is a few KB gzipped. One that would pass DynamoDB's 400 KB item
 * limit anyway (hundreds of questions crossed with many cells) is split by cells into parts,
 * `AGG#{day}`, `AGG#{day}#2`, …, each under the limit; readers merge the parts back (cells are
 * disjoint, so the merge is the aggregate).
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type PackedAggregate, packAggregate, unpackAggregate } from '#analytics/aggregate-packed.ts';
import {
  mergePacked,
  type PackedDay,
  packedDay,
  readPackedDay,
  rollUpPackedDays,
} from '#analytics/aggregate-packed-merge.ts';
import {
  columnsIdOf,
  decodeDay,
  decodePacked,
  encodeDay,
  encodePacked,
  knowsColumns,
  learnColumns,
  readDay,
  type StoredColumns,
} from './aggregate-bytes.ts';
import type { AggregateHeader } from '#analytics/aggregate.ts';
import { readPackedAggregate } from '#analytics/aggregate-legacy.ts';
import type { DailyAggregate } from '#analytics/aggregate-schema.ts';
import type { MonthCounts } from '#analytics/disclosure.ts';
import type { MonthAggregate } from '#analytics/period.ts';
import { monthsBetween } from '#analytics/rollup.ts';
import { type Db, fromItem, queryAll, toItem } from './dynamo.ts';
import { AGGREGATE_PREFIX, aggregateKey, columnsKey } from './layout.ts';

/** Each key's parts, decoded, and merged when there are several. */
function groupParts<A>(
  items: AggregateItem[],
  read: (item: AggregateItem) => A,
  merge: (parts: A[]) => A,
): Map<string, A> {
  const groups = new Map<string, A[]>();
  for (const item of items) {
    const key = ownerOf(item.SK);
    groups.set(key, [...(groups.get(key) ?? []), read(item)]);
  }
  return new Map([...groups].map(([key, parts]) => [key, parts.length === 1 ? (parts[0] as A) : merge(parts)]));
}

/** Below DynamoDB's 400 KB item limit, with room for the key and the other attributes. */
export const MAX_PART_BYTES = 350 * 1024;
const monthKey = (month: string) => `M${month}`; // sorts after every day: "M2026-10" > "2026-…"

interface AggregateItem {
  SK: string;
  /** Schemas 1 to 3: gzipped. */
  gz?: Uint8Array;
  /** Schemas 4 and 5 (days): their bytes, naming their columns. */
  bytes?: Uint8Array;
  /** Month roll-ups: the month's counts, gzipped JSON. */
  counts?: Uint8Array;
  /** 5 or 4 for days, 3 for months; 3 or 2 on days written before, absent on schema-1 items. */
  schema?: number;
}

const gzip = (value: unknown) => gzipSync(JSON.stringify(value));
const gunzip = <T>(gz: Uint8Array) => JSON.parse(gunzipSync(gz).toString('utf8')) as T;

/**
 * A month's roll-up as the store writes it, when it fits one item: its columns' bytes, as a day's.
 * The bench reads and writes months through these, so that it measures what the store holds.
 */
export const encodeMonth = (aggregate: PackedAggregate): Uint8Array => encodePacked(aggregate);
/** The `schema` of the items `encodeMonth` writes. */
export const MONTH_SCHEMA = 3;

/**
 * A month's roll-up as a report reads it, from any encoding it was stored in (`schema` of its
 * item): in columns, which the report adds up on their rows before it unpacks anything.
 */
export function decodeMonth(gz: Uint8Array, schema?: number): PackedAggregate {
  return schema === 3 ? decodePacked(gz) : readPackedAggregate(gunzip(gz));
}

/** A month's counts as stored beside its roll-up: gzipped JSON. */
export const encodeCounts = (counts: MonthCounts): Uint8Array => gzip(counts);
export const decodeCounts = (gz: Uint8Array): MonthCounts => gunzip<MonthCounts>(gz);

/** A day's bytes as the store writes them (schema 5, or 4: `encodeDay`), without its columns. */
const dayBytes =
  (version?: readonly string[]) =>
  (aggregate: PackedAggregate): Uint8Array =>
    encodeDay(aggregate, version).bytes;

/** A day written before schema 4, in columns. */
const decodeOlderDay = (item: AggregateItem): PackedAggregate =>
  item.schema === 3 ? decodePacked(item.gz as Uint8Array) : readPackedAggregate(gunzip(item.gz as Uint8Array));

/** The day or month key an item belongs to, whichever part it is. */
const ownerOf = (sk: string) => sk.slice(AGGREGATE_PREFIX.length).split('#', 1)[0] ?? '';

/** A day's aggregate as stored, split by cells into parts whose bytes stay under the limit. */
export function splitAggregate(aggregate: DailyAggregate, maxBytes = MAX_PART_BYTES): Uint8Array[] {
  return splitPacked(packAggregate(aggregate), maxBytes, dayBytes());
}

/** What a part keeps of the totals: the first part all of them, so the merge of the parts counts them once. */
const totals = <A extends AggregateHeader>(aggregate: A, first: boolean) => ({
  responses: first ? aggregate.responses : 0,
  versions: first ? aggregate.versions : [],
  byVersion: first ? aggregate.byVersion : {},
});

/** Splits the cells [0, n) into parts whose encoding stays under the limit. */
function split<A>(
  aggregate: A,
  n: number,
  encode: (a: A) => Uint8Array,
  slice: (a: A, from: number, to: number) => A,
  maxBytes: number,
): Uint8Array[] {
  const whole = encode(aggregate);
  if (whole.byteLength <= maxBytes || n <= 1) return [whole];
  const size = Math.ceil(n / Math.ceil(whole.byteLength / (maxBytes * 0.8)));
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i += size) {
    const part = slice(aggregate, i, Math.min(n, i + size));
    out.push(...split(part, Math.min(n, i + size) - i, encode, slice, maxBytes));
  }
  return out;
}

/** Columns, days (`dayBytes`) or months (`encodePacked`): every part keeps the aggregate's list of columns. */
function splitPacked(
  aggregate: PackedAggregate,
  maxBytes: number,
  encode: (a: PackedAggregate) => Uint8Array,
): Uint8Array[] {
  return split(
    aggregate,
    aggregate.cells.length,
    encode,
    (a, i, j) => {
      const [from, to] = [i * a.columns.length, j * a.columns.length];
      const bigs = [...(a.bigs ?? [])].filter(([k]) => k >= from && k < to).map(([k, v]) => [k - from, v] as const);
      return {
        ...a,
        cells: a.cells.slice(i, j),
        values: a.values.slice(from, to),
        bigs: new Map(bigs),
        ...totals(a, i === 0),
      };
    },
    maxBytes,
  );
}

export class AggregateTooLargeError extends Error {
  override readonly name = 'AggregateTooLargeError';
  constructor(surveyId: string, key: string, bytes: number) {
    super(
      `the aggregate ${key} of survey ${surveyId} has a single cell of ${bytes} bytes gzipped, over DynamoDB's item limit`,
    );
  }
}

export class AggregateStore {
  constructor(
    private readonly db: Db,
    private readonly maxPartBytes = MAX_PART_BYTES,
  ) {}

  /** Columns this store has put, by survey and id: each is put once per process at most. */
  private readonly columnsPut = new Set<string>();

  /**
   * Stores a day; `version`: every column its survey version(s) can hold (`versionColumns`), so
   * that the day names that list, shared by the version's days, rather than one of its own.
   */
  async putDay(surveyId: string, day: string, aggregate: DailyAggregate, version?: readonly string[]): Promise<void> {
    const packed = packAggregate(aggregate);
    const parts = splitPacked(packed, this.maxPartBytes, dayBytes(version));
    // Before the day: a reader never meets a day whose columns are not stored.
    const { columns, schema } = encodeDay(packed, version);
    await this.putColumns(surveyId, columns);
    await this.put(surveyId, day, parts, schema, aggregate.responses);
  }

  /** A list of columns, once per survey: the same id is the same list, so a rewrite changes nothing. */
  private async putColumns(surveyId: string, columns: StoredColumns): Promise<void> {
    const key = `${surveyId}\n${columns.id}`;
    if (this.columnsPut.has(key)) return;
    await this.db.client.send(
      new PutItemCommand({
        TableName: this.db.table,
        Item: toItem({ ...columnsKey(surveyId, columns.id), gz: columns.gz }),
      }),
    );
    if (this.columnsPut.size > 10_000) this.columnsPut.clear();
    this.columnsPut.add(key);
  }

  /** Reads the columns that schema-4 items name and are not known yet. */
  private async learnColumnsOf(surveyId: string, items: AggregateItem[]): Promise<void> {
    const ids = new Set(
      items.flatMap((i) => (i.bytes ? [columnsIdOf(i.bytes)] : [])).filter((id) => !knowsColumns(id)),
    );
    await Promise.all(
      [...ids].map(async (id) => {
        const out = await this.db.client.send(
          new GetItemCommand({ TableName: this.db.table, Key: toItem(columnsKey(surveyId, id)) }),
        );
        if (out.Item) learnColumns({ id, gz: fromItem<{ gz: Uint8Array }>(out.Item).gz });
      }),
    );
  }

  async deleteDay(surveyId: string, day: string): Promise<void> {
    await this.deleteParts(surveyId, day, 0);
  }

  /** The stored days of a period, oldest first. */
  async days(surveyId: string, from: string, to: string): Promise<{ day: string; aggregate: DailyAggregate }[]> {
    const grouped = await this.decodeDays(surveyId, await this.range(surveyId, from, `${to}#~`));
    return [...grouped].map(([day, aggregate]) => ({ day, aggregate: unpackAggregate(aggregate) }));
  }

  /** Recomputes a month's roll-up and counts from its days (or removes them when the days are all empty). */
  async rollUpMonth(surveyId: string, month: string): Promise<void> {
    // On the stored rows: a month's days are merged without being unpacked, each read when added.
    const grouped = await this.readDays(surveyId, await this.range(surveyId, `${month}-01`, `${month}-31#~`));
    if (grouped.size === 0) {
      await this.deleteParts(surveyId, monthKey(month), 0);
      return;
    }
    const rolled = rollUpPackedDays(surveyId, month, [...grouped.values()]);
    const parts = splitPacked(rolled.aggregate, this.maxPartBytes, encodeMonth);
    await this.put(surveyId, monthKey(month), parts, MONTH_SCHEMA, rolled.aggregate.responses, rolled.counts);
  }

  /** The roll-ups of the months from `from` to `to` (days) that hold answers. */
  async months(
    surveyId: string,
    from: string,
    to: string,
  ): Promise<(MonthAggregate & { aggregate: PackedAggregate })[]> {
    const months = monthsBetween(from, to);
    const first = months[0];
    const last = months.at(-1);
    if (!first || !last) return [];
    const items = await this.range(surveyId, monthKey(first), `${monthKey(last)}#~`);
    const grouped = groupParts(
      items,
      (item) => decodeMonth(item.gz as Uint8Array, item.schema),
      (parts) => mergePacked(parts, surveyId),
    );
    return [...grouped].map(([key, aggregate]) => ({ month: key.slice(1), aggregate }));
  }

  /** Every month's counts: the survey's history, one Query that reads only that attribute. */
  async history(surveyId: string): Promise<MonthCounts[]> {
    const { PK } = aggregateKey(surveyId, '');
    const items = await queryAll<{ SK: string; counts?: Uint8Array }>(this.db, {
      KeyConditionExpression: 'PK = :p AND begins_with(SK, :m)',
      ExpressionAttributeValues: toItem({ ':p': PK, ':m': `${AGGREGATE_PREFIX}M` }),
      ProjectionExpression: 'SK, #c',
      ExpressionAttributeNames: { '#c': 'counts' },
    });
    return items.flatMap((i) => (i.counts ? [decodeCounts(i.counts)] : []));
  }

  /** Days stored in the schema-1 encoding, or month roll-ups without counts: the nightly job rebuilds them. */
  async legacyDays(surveyId: string): Promise<string[]> {
    const { PK } = aggregateKey(surveyId, '');
    const items = await queryAll<{ SK: string; schema?: number; counts?: unknown }>(this.db, {
      KeyConditionExpression: 'PK = :p AND begins_with(SK, :a)',
      ExpressionAttributeValues: toItem({ ':p': PK, ':a': AGGREGATE_PREFIX }),
      ProjectionExpression: 'SK, #s',
      ExpressionAttributeNames: { '#s': 'schema' },
    });
    return [...new Set(items.filter((i) => (i.schema ?? 1) < 2).map((i) => ownerOf(i.SK)))].filter(
      (k) => !k.startsWith('M'),
    );
  }

  /** Days in columns, whatever schema they were written in, their parts merged. */
  private async decodeDays(surveyId: string, items: AggregateItem[]): Promise<Map<string, PackedAggregate>> {
    await this.learnColumnsOf(surveyId, items);
    return groupParts(
      items,
      (item) => (item.bytes ? decodeDay(item.bytes) : decodeOlderDay(item)),
      (parts) => mergePacked(parts, surveyId),
    );
  }

  /** Days whose rows are read when a roll-up adds them (a day of several parts: merged first). */
  private async readDays(surveyId: string, items: AggregateItem[]): Promise<Map<string, PackedDay>> {
    await this.learnColumnsOf(surveyId, items);
    return groupParts(
      items,
      (item) => {
        const day = ownerOf(item.SK);
        return item.bytes ? readDay(day, item.bytes) : packedDay(day, decodeOlderDay(item));
      },
      (parts) => packedDay((parts[0] as PackedDay).day, mergePacked(parts.map(readPackedDay), surveyId)),
    );
  }

  private async put(
    surveyId: string,
    key: string,
    parts: Uint8Array[],
    schema: number,
    responses: number,
    counts?: MonthCounts,
  ): Promise<void> {
    const tooLarge = parts.find((p) => p.byteLength > this.maxPartBytes);
    if (tooLarge) throw new AggregateTooLargeError(surveyId, key, tooLarge.byteLength);
    // Extra parts first, the first part last: a reader never sees a first part without its others.
    for (let i = parts.length - 1; i >= 0; i--) {
      const partKey = i === 0 ? key : `${key}#${i + 1}`;
      await this.db.client.send(
        new PutItemCommand({
          TableName: this.db.table,
          Item: toItem({
            ...aggregateKey(surveyId, partKey),
            ...(schema >= 4 ? { bytes: parts[i] } : { gz: parts[i] }),
            schema,
            responses: i === 0 ? responses : 0,
            ...(i === 0 && counts ? { counts: encodeCounts(counts) } : {}),
          }),
        }),
      );
    }
    await this.deleteParts(surveyId, key, parts.length);
  }

  /** Deletes a key's parts from the `keep`-th on (0: all of them). */
  private async deleteParts(surveyId: string, key: string, keep: number): Promise<void> {
    const items = await this.range(surveyId, key, `${key}#~`);
    const stale = items.filter((i) => {
      if (ownerOf(i.SK) !== key) return false;
      const part = i.SK.slice(AGGREGATE_PREFIX.length + key.length);
      const index = part === '' ? 0 : Number(part.slice(1)) - 1;
      return index >= keep;
    });
    for (const item of stale) {
      await this.db.client.send(
        new DeleteItemCommand({
          TableName: this.db.table,
          Key: toItem({ PK: aggregateKey(surveyId, '').PK, SK: item.SK }),
        }),
      );
    }
  }

  private range(surveyId: string, from: string, to: string): Promise<AggregateItem[]> {
    const { PK } = aggregateKey(surveyId, '');
    return queryAll<AggregateItem>(this.db, {
      KeyConditionExpression: 'PK = :p AND SK BETWEEN :a AND :b',
      ExpressionAttributeValues: toItem({
        ':p': PK,
        ':a': `${AGGREGATE_PREFIX}${from}`,
        ':b': `${AGGREGATE_PREFIX}${to}`,
      }),
    });
  }
}

export function addMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The months a set of days fall in. */
export const monthsOf = (days: Iterable<string>) => [...new Set([...days].map((d) => d.slice(0, 7)))].sort();
