/**
 * Free-text answers past their territory's retention: how far each survey's have been removed,
 * and the rewrite of a response without them. The response keeps its id, its numeric and
 * choice answers and the fingerprint of the body that stored it, so a replay of that body is
 * still recognised (200) and never stored again.
 */
import { GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { StoredResponse } from '#analytics/questionnaire.ts';
import { fromItem, sendIf, toItem, type Db } from './dynamo.ts';
import { AGGREGATE_PREFIX, aggregateKey, responseKey, textExpiryKey } from './layout.ts';

export class TextExpiryStore {
  constructor(private readonly db: Db) {}

  /** The last day whose free text is removed, if any run did it yet. */
  async through(surveyId: string): Promise<string | undefined> {
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(textExpiryKey(surveyId)), ConsistentRead: true }),
    );
    return out.Item ? fromItem<{ through: string }>(out.Item).through : undefined;
  }

  async setThrough(surveyId: string, day: string): Promise<void> {
    await this.db.client.send(
      new PutItemCommand({ TableName: this.db.table, Item: toItem({ ...textExpiryKey(surveyId), through: day }) }),
    );
  }

  /** The first day with an aggregate: no response is older than the day it was counted for. */
  async firstAggregatedDay(surveyId: string): Promise<string | undefined> {
    const out = await this.db.client.send(
      new QueryCommand({
        TableName: this.db.table,
        KeyConditionExpression: 'PK = :p AND begins_with(SK, :a)',
        ExpressionAttributeValues: toItem({ ':p': aggregateKey(surveyId, '').PK, ':a': AGGREGATE_PREFIX }),
        ProjectionExpression: 'SK',
        Limit: 1,
      }),
    );
    const first = out.Items?.[0] && fromItem<{ SK: string }>(out.Items[0]).SK.slice(AGGREGATE_PREFIX.length);
    // Day aggregates sort before month roll-ups (`AGG#M…`): a month key first means no day is left.
    return first && /^\d/.test(first) ? first : undefined;
  }

  /** Whether some day from `from` to `to` (inclusive; from the first when `from` is absent) has an aggregate, so responses. */
  async aggregatedDayBetween(surveyId: string, from: string | undefined, to: string): Promise<boolean> {
    const out = await this.db.client.send(
      new QueryCommand({
        TableName: this.db.table,
        KeyConditionExpression: 'PK = :p AND SK BETWEEN :a AND :b',
        ExpressionAttributeValues: toItem({
          ':p': aggregateKey(surveyId, '').PK,
          ':a': `${AGGREGATE_PREFIX}${from ?? '0'}`,
          // A day's aggregate may be stored in parts (`AGG#<day>#…`): `~` sorts after them.
          ':b': `${AGGREGATE_PREFIX}${to}~`,
        }),
        ProjectionExpression: 'SK',
        Limit: 1,
      }),
    );
    return (out.Items?.length ?? 0) > 0;
  }

  /** Writes the response as given (its text answers removed), if it still exists; the rest of the item stays. */
  async rewrite(response: StoredResponse): Promise<void> {
    // False when it was erased meanwhile: nothing left to trim.
    await sendIf(
      this.db,
      new UpdateItemCommand({
        TableName: this.db.table,
        Key: toItem(responseKey(response.id)),
        UpdateExpression: 'SET #d = :d',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#d': 'data' },
        ExpressionAttributeValues: toItem({ ':d': JSON.stringify(response) }),
      }),
    );
  }
}
