/**
 * The comment digests of a survey (analytics/comments.ts), gzipped JSON: one item per day with
 * comments, made with the day's aggregate, and one per month, the merge of its days. Reports read
 * the months; the free-text retention deletes days and rewrites their month.
 */
import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type MonthComments, monthCommentDigest, PICKS_PER_CELL } from '#analytics/comments.ts';
import type { CommentDigest } from '#analytics/comments-schema.ts';
import { monthsBetween } from '#analytics/rollup.ts';
import { type Db, queryAll, toItem } from './dynamo.ts';
import { MAX_PART_BYTES } from './aggregates.ts';
import { COMMENTS_PREFIX, commentsKey } from './layout.ts';

const monthKey = (month: string) => `M${month}`; // sorts after every day, as the aggregates' months do

interface CommentItem {
  SK: string;
  gz: Uint8Array;
}

/**
 * The digest gzipped, under DynamoDB's item limit: a survey with very many text questions keeps
 * fewer comments per cell (the lowest-ranked, so the draw stays the same) rather than fail.
 */
export function encodeDigest(digest: CommentDigest, maxBytes = MAX_PART_BYTES): Uint8Array {
  let body = gzipSync(JSON.stringify(digest));
  for (let keep = PICKS_PER_CELL - 1; body.byteLength > maxBytes && keep >= 0; keep--) {
    const trimmed = Object.fromEntries(
      Object.entries(digest).map(([q, byAudience]) => [
        q,
        Object.fromEntries(Object.entries(byAudience).map(([a, c]) => [a, { ...c, picks: c.picks.slice(0, keep) }])),
      ]),
    );
    body = gzipSync(JSON.stringify(trimmed));
  }
  return body;
}

const decode = (item: CommentItem) => JSON.parse(gunzipSync(item.gz).toString('utf8')) as CommentDigest;

export class CommentStore {
  constructor(private readonly db: Db) {}

  /** A day's digest; an empty one removes the day's item. */
  async putDay(surveyId: string, day: string, digest: CommentDigest): Promise<void> {
    await this.put(surveyId, day, digest);
  }

  async deleteDay(surveyId: string, day: string): Promise<void> {
    await this.put(surveyId, day, {});
  }

  /** Recomputes a month's digest from its days' (removed when none is left). */
  async rollUpMonth(surveyId: string, month: string): Promise<void> {
    const days = await this.range(surveyId, `${month}-01`, `${month}-31`);
    await this.put(surveyId, monthKey(month), monthCommentDigest(days.map(decode)));
  }

  /** The digests of the months from `from` to `to` (days) that hold any. */
  async months(surveyId: string, from: string, to: string): Promise<MonthComments[]> {
    const months = monthsBetween(from, to);
    const first = months[0];
    const last = months.at(-1);
    if (!first || !last) return [];
    const items = await this.range(surveyId, monthKey(first), monthKey(last));
    return items.map((i) => ({ month: i.SK.slice(COMMENTS_PREFIX.length + 1), digest: decode(i) }));
  }

  private async put(surveyId: string, key: string, digest: CommentDigest): Promise<void> {
    const Key = commentsKey(surveyId, key);
    if (Object.keys(digest).length === 0) {
      await this.db.client.send(new DeleteItemCommand({ TableName: this.db.table, Key: toItem(Key) }));
      return;
    }
    await this.db.client.send(
      new PutItemCommand({
        TableName: this.db.table,
        Item: toItem({ ...Key, gz: encodeDigest(digest) }),
      }),
    );
  }

  private range(surveyId: string, from: string, to: string): Promise<CommentItem[]> {
    return queryAll<CommentItem>(this.db, {
      KeyConditionExpression: 'PK = :p AND SK BETWEEN :a AND :b',
      ExpressionAttributeValues: toItem({
        ':p': commentsKey(surveyId, '').PK,
        ':a': `${COMMENTS_PREFIX}${from}`,
        ':b': `${COMMENTS_PREFIX}${to}`,
      }),
    });
  }
}
