/** The DynamoDB plumbing every store shares: the client, paging, batch retries, the table itself. */
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  QueryCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  TransactionCanceledException,
  UpdateTimeToLiveCommand,
  type AttributeValue,
  type DeleteItemCommand,
  type PutItemCommand,
  type QueryCommandInput,
  type UpdateItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { inPool } from '../pool.ts';
import { OutOfTimeError, deadlineSignal, remainingMs } from './deadline.ts';

export type Item = Record<string, unknown>;
export type Key = { PK: string; SK: string };

export interface Db {
  client: DynamoDBClient;
  table: string;
}

export interface DbOptions {
  table: string;
  region?: string;
  endpoint?: string;
  /** Milliseconds before a request is abandoned, so a dead database answers 503 promptly. */
  timeoutMs?: number;
}

export function createDb(o: DbOptions): Db {
  const local = o.endpoint !== undefined;
  const client = new DynamoDBClient({
    region: o.region ?? process.env.AWS_REGION ?? 'eu-west-3',
    maxAttempts: 3,
    ...(local ? { endpoint: o.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    // Without throwOnRequestTimeout the SDK only logs a warning when the timeout passes, and a frozen database hangs every request.
    requestHandler: {
      requestTimeout: o.timeoutMs ?? 3000,
      connectionTimeout: o.timeoutMs ?? 3000,
      throwOnRequestTimeout: true,
    },
  });
  respectDeadlines(client);
  return { client, table: o.table };
}

/**
 * Each attempt of each call gives up at its request's deadline (deadline.ts): the HTTP handler
 * the SDK calls per attempt gets the request's signal, which aborts then, and an attempt that would
 * start after the deadline is not made. The handler is read from the client's config at every
 * call, so wrapping it there covers every command and every retry.
 */
function respectDeadlines(client: DynamoDBClient): void {
  const handler = client.config.requestHandler;
  const handle = handler.handle.bind(handler);
  handler.handle = async (request, options) => {
    const left = remainingMs();
    if (left === undefined) return handle(request, options);
    if (left <= 0) throw new OutOfTimeError();
    const timeout = deadlineSignal() ?? AbortSignal.timeout(Math.ceil(left));
    // The SDK's own options type is a union with {}; a caller's signal, if any, still counts.
    const given = (options as { abortSignal?: AbortSignal } | undefined)?.abortSignal;
    const abortSignal = given ? AbortSignal.any([given, timeout]) : timeout;
    try {
      return await handle(request, { ...options, abortSignal });
    } catch (e) {
      throw timeout.aborted ? new OutOfTimeError({ cause: e }) : e;
    }
  };
}

export const toItem = (v: Item) => marshall(v, { removeUndefinedValues: true, convertClassInstanceToMap: false });
export const fromItem = <T = Item>(v: Record<string, AttributeValue>) => unmarshall(v) as T;

/** Runs a Query to the end, page after page through LastEvaluatedKey. */
export async function* queryPages<T = Item>(db: Db, input: Omit<QueryCommandInput, 'TableName'>): AsyncGenerator<T[]> {
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await db.client.send(new QueryCommand({ ...input, TableName: db.table, ExclusiveStartKey: start }));
    yield (out.Items ?? []).map((i) => fromItem<T>(i));
    start = out.LastEvaluatedKey;
  } while (start);
}

export async function queryAll<T = Item>(db: Db, input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of queryPages<T>(db, input)) all.push(...page);
  return all;
}

/**
 * Sends a conditional write: true when it was written, false when its condition failed, which its
 * callers read as "nothing to do" (done already, or the item is gone). Matched by name, as the
 * error of any copy of the SDK carries it.
 */
export async function sendIf(
  db: Db,
  command: PutItemCommand | UpdateItemCommand | DeleteItemCommand,
): Promise<boolean> {
  try {
    await db.client.send(command as PutItemCommand);
    return true;
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/** Why each item of a cancelled transaction failed (`ConditionalCheckFailed`, `TransactionConflict`, `None`…). */
export const cancellationReasons = (e: unknown): string[] =>
  e instanceof TransactionCanceledException ? (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None') : [];

/** DynamoDB kept leaving some writes of a batch unprocessed (throttling): the batch is not whole. */
export class UnprocessedWritesError extends Error {
  override readonly name = 'UnprocessedWritesError';
  constructor(count: number) {
    super(`DynamoDB left ${count} writes unprocessed after retries`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes in batches of 25, a few batches at a time, and retries what DynamoDB leaves unprocessed. */
export async function batchWrite(db: Db, requests: WriteRequest[], concurrency = 4): Promise<void> {
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += 25) chunks.push(requests.slice(i, i + 25));
  await inPool(chunks, concurrency, (chunk) => writeChunk(db, chunk));
}

async function writeChunk(db: Db, chunk: WriteRequest[]): Promise<void> {
  let pending = chunk;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 8) throw new UnprocessedWritesError(pending.length);
    // A request's deadline cuts the wait short: the next call then ends at once (OutOfTimeError).
    if (attempt > 0)
      await sleep(Math.min(Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random()), remainingMs() ?? Infinity));
    const out = await db.client.send(new BatchWriteItemCommand({ RequestItems: { [db.table]: pending } }));
    pending = out.UnprocessedItems?.[db.table] ?? [];
  }
}

export const putRequest = (item: Item): WriteRequest => ({ PutRequest: { Item: toItem(item) } });
export const deleteRequest = (key: Key): WriteRequest => ({ DeleteRequest: { Key: toItem(key) } });

/** Creates the table (and its TTL) when it does not exist: the local stack and the tests. */
export async function ensureTable(db: Db): Promise<void> {
  try {
    await db.client.send(new DescribeTableCommand({ TableName: db.table }));
    return;
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) throw e;
  }
  try {
    await createTable(db);
  } catch (e) {
    // A first attempt that timed out on a busy machine may have created it: the SDK's retry then hears it exists.
    if (!(e instanceof ResourceInUseException)) throw e;
  }
  const ttl = await db.client.send(new DescribeTimeToLiveCommand({ TableName: db.table }));
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED')
    try {
      await db.client.send(
        new UpdateTimeToLiveCommand({
          TableName: db.table,
          TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        }),
      );
    } catch (e) {
      // "TimeToLive is already enabled": a retried update whose first attempt had succeeded.
      if (!(e instanceof Error && e.name === 'ValidationException')) throw e;
    }
}

async function createTable(db: Db): Promise<void> {
  const S = 'S' as const;
  await db.client.send(
    new CreateTableCommand({
      TableName: db.table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: S },
        { AttributeName: 'SK', AttributeType: S },
        { AttributeName: 'GSI1PK', AttributeType: S },
        { AttributeName: 'GSI1SK', AttributeType: S },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'GSI1',
          KeySchema: [
            { AttributeName: 'GSI1PK', KeyType: 'HASH' },
            { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
}
