/**
 * Daily aggregates and their monthly roll-ups. Stored gzipped (they compress about fivefold),
 * so a busy day stays far below DynamoDB's 400 KB item limit. A month's roll-up is the exact
 * merge of its days, rewritten whenever one of them is, so a two-year report reads 24 items
 * and a few days instead of 730.
 */
import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import { mergeAll, type DailyAggregate } from '#analytics/aggregate.ts';
import { addDays } from '#analytics/calendar.ts';
import { queryAll, toItem, type Db } from './dynamo.ts';
import { AGGREGATE_PREFIX, aggregateKey } from './layout.ts';

const MAX_ITEM_BYTES = 390 * 1024;
const monthKey = (month: string) => `M${month}`; // sorts after every day of the year: "M2026-10" > "2026-…"

export class AggregateTooLargeError extends Error {
  override readonly name = 'AggregateTooLargeError';
  constructor(surveyId: string, key: string, bytes: number) {
    super(`the aggregate ${key} of survey ${surveyId} is ${bytes} bytes gzipped, over DynamoDB's item limit`);
  }
}

interface AggregateItem {
  SK: string;
  gz: Uint8Array;
}

export class AggregateStore {
  constructor(private readonly db: Db) {}

  async putDay(surveyId: string, day: string, aggregate: DailyAggregate): Promise<void> {
    await this.put(surveyId, day, aggregate);
  }

  async deleteDay(surveyId: string, day: string): Promise<void> {
    await this.db.client.send(
      new DeleteItemCommand({ TableName: this.db.table, Key: toItem(aggregateKey(surveyId, day)) }),
    );
  }

  /** The stored days of a period, oldest first. */
  async days(surveyId: string, from: string, to: string): Promise<{ day: string; aggregate: DailyAggregate }[]> {
    const items = await this.range(surveyId, from, to);
    return items.map((i) => ({ day: i.SK.slice(AGGREGATE_PREFIX.length), aggregate: decode(i.gz) }));
  }

  /** Recomputes a month's roll-up from its days (or removes it when they are all empty). */
  async rollUpMonth(surveyId: string, month: string): Promise<void> {
    const days = await this.days(surveyId, `${month}-01`, `${month}-31`);
    if (days.length === 0) {
      await this.db.client.send(
        new DeleteItemCommand({ TableName: this.db.table, Key: toItem(aggregateKey(surveyId, monthKey(month))) }),
      );
      return;
    }
    await this.put(
      surveyId,
      monthKey(month),
      mergeAll(
        days.map((d) => d.aggregate),
        surveyId,
      ),
    );
  }

  /**
   * The merge of a period: whole months from their roll-ups (one Query, as month keys sort
   * together), the partial months at either edge day by day; the three reads run at once.
   */
  async period(surveyId: string, from: string, to: string): Promise<DailyAggregate> {
    const months: string[] = [];
    const edges: [string, string][] = [];
    for (let cursor = from; cursor <= to; ) {
      const month = cursor.slice(0, 7);
      const monthEnd = addDays(`${addMonth(month)}-01`, -1);
      const end = monthEnd < to ? monthEnd : to;
      if (cursor.endsWith('-01') && end === monthEnd) months.push(month);
      else edges.push([cursor, end]);
      cursor = addDays(end, 1);
    }
    const wanted = new Set(months.map(monthKey));
    const [first, last] = [months[0], months.at(-1)];
    const [rolled, ...edgeDays] = await Promise.all([
      first && last ? this.range(surveyId, monthKey(first), monthKey(last)) : Promise.resolve([]),
      ...edges.map(([a, b]) => this.range(surveyId, a, b)),
    ]);
    const items = [
      ...(rolled ?? []).filter((i) => wanted.has(i.SK.slice(AGGREGATE_PREFIX.length))),
      ...edgeDays.flat(),
    ];
    return mergeAll(
      items.map((i) => decode(i.gz)),
      surveyId,
    );
  }

  private async put(surveyId: string, key: string, aggregate: DailyAggregate): Promise<void> {
    const gz = gzipSync(JSON.stringify(aggregate));
    if (gz.byteLength > MAX_ITEM_BYTES) throw new AggregateTooLargeError(surveyId, key, gz.byteLength);
    await this.db.client.send(
      new PutItemCommand({
        TableName: this.db.table,
        Item: toItem({ ...aggregateKey(surveyId, key), gz, responses: aggregate.responses }),
      }),
    );
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

const decode = (gz: Uint8Array) => JSON.parse(gunzipSync(gz).toString('utf8')) as DailyAggregate;

export function addMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The months a set of days fall in. */
export const monthsOf = (days: Iterable<string>) => [...new Set([...days].map((d) => d.slice(0, 7)))].sort();
