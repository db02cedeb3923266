/**
 * Erasures made again after a restore: a restored table holds every response erased since its
 * backup, so before the stage uses it, every tombstone (store/tombstones.ts) is applied to it.
 * The tombstones are read from the table in use (`--from`), which holds those written after the
 * backup, and copied into the restored one, so a later restore of an older backup still finds
 * them. Each copy still present, of the survey its tombstone names, is deleted with its day
 * marked for the nightly job, which then recomputes that day's aggregate and comments.
 * Idempotent: a second run removes nothing. With the operator's AWS credentials:
 *
 *   npm run reapply-erasures -- --table <restored table> --from <table in use> [--region eu-west-3]
 *
 * Locally, `--endpoint http://127.0.0.1:<port>` names DynamoDB Local; without `--from`, the
 * table's own tombstones are applied to it.
 */
import { GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { batchWrite, createDb, type Db, fromItem, putRequest, toItem } from './store/dynamo.ts';
import { ResponseStore } from './store/responses.ts';
import { putTombstone, type Tombstone, tombstoneItem, tombstonePages } from './store/tombstones.ts';

export interface ReapplyOutcome {
  /** Tombstones read from the table in use. */
  tombstones: number;
  /** Response copies found again in the restored table and deleted. */
  removed: number;
  /** Survey-days marked for the nightly job. */
  daysMarked: number;
}

/** Applies every tombstone of `from` to `to` (the same table when a table is checked against itself). */
export async function reapplyErasures(o: { from: Db; to: Db; now: () => Date }): Promise<ReapplyOutcome> {
  const responses = new ResponseStore(o.to);
  const days = new Set<string>();
  const copyOver: Tombstone[] = [];
  let tombstones = 0;
  let removed = 0;
  for await (const page of tombstonePages(o.from)) {
    for (const t of page) {
      tombstones++;
      const found = await present(o.to, t);
      if (!found) {
        copyOver.push(t);
        continue;
      }
      // Marked first, as the erasures themselves do: a failure after it only recomputes the day as it was.
      await responses.markDirty(t.surveyId, found.day, o.now().toISOString());
      days.add(`${t.surveyId}\n${found.day}`);
      if (await erase(o.to, t)) removed++;
    }
  }
  if (o.from.table !== o.to.table)
    await batchWrite(
      o.to,
      copyOver.map((t) => putRequest(tombstoneItem(t))),
    );
  return { tombstones, removed, daysMarked: days.size };
}

/** The tombstoned copy, if the restored table holds it for the survey the tombstone names. */
async function present(db: Db, t: Tombstone): Promise<{ day: string } | undefined> {
  const out = await db.client.send(
    new GetItemCommand({
      TableName: db.table,
      Key: toItem(t.copy),
      ConsistentRead: true,
      ProjectionExpression: 'surveyId, #d',
      ExpressionAttributeNames: { '#d': 'day' },
    }),
  );
  const item = out.Item && fromItem<{ surveyId?: string; day?: string }>(out.Item);
  return item?.surveyId === t.surveyId && item.day !== undefined ? { day: item.day } : undefined;
}

/** Deletes the copy and puts its tombstone in one transaction; false when it went meanwhile. */
async function erase(db: Db, t: Tombstone): Promise<boolean> {
  try {
    await db.client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Delete: {
              TableName: db.table,
              Key: toItem(t.copy),
              ConditionExpression: 'surveyId = :s',
              ExpressionAttributeValues: toItem({ ':s': t.surveyId }),
            },
          },
          putTombstone(db, t),
        ],
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof Error && e.name === 'TransactionCanceledException') return false;
    throw e;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      table: { type: 'string' },
      from: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
    },
  });
  if (!values.table) {
    console.error(
      'usage: npm run reapply-erasures -- --table <restored table> [--from <table in use>] [--region <r>] [--endpoint <url>]',
    );
    process.exit(2);
  }
  const db = (table: string) =>
    createDb({ table, region: values.region, endpoint: values.endpoint, timeoutMs: 10_000 });
  const to = db(values.table);
  const from = values.from ? db(values.from) : to;
  const out = await reapplyErasures({ from, to, now: () => new Date() });
  console.log(
    `${out.tombstones} tombstone(s) read from ${from.table}; ${out.removed} response(s) removed from ${to.table}; ` +
      `${out.daysMarked} survey-day(s) marked for the nightly job`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
