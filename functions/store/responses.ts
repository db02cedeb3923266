/** Responses: one item per response id (idempotent writes), indexed by survey, day and shard. */
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { StoredResponse } from '#analytics/questionnaire.ts';
import { canonicalHash } from '../security.ts';
import { batchWrite, fromItem, putRequest, queryAll, queryPages, toItem, type Db } from './dynamo.ts';
import { DIRTY_PREFIX, RESPONSE_SHARDS, dirtyDayKey, responseDayIndex, responseKey, shardOf } from './layout.ts';

interface ResponseItem {
  surveyId: string;
  day: string;
  bodyHash: string;
  data: string;
}

export type PutOutcome = { stored: true } | { stored: false; existing: { surveyId: string; bodyHash: string } };

export interface DirtyDay {
  day: string;
  writes: number;
  markedAt: string;
}

function responseItem(response: StoredResponse, bodyHash: string) {
  return {
    ...responseKey(response.id),
    GSI1PK: responseDayIndex(response.surveyId, response.day, shardOf(response.id)),
    GSI1SK: response.id.toUpperCase(),
    surveyId: response.surveyId,
    day: response.day,
    bodyHash,
    data: JSON.stringify(response),
  };
}

export class ResponseStore {
  constructor(private readonly db: Db) {}

  /** Stores a response unless its id exists; then says what is there, for the replay check. */
  async put(response: StoredResponse, bodyHash: string): Promise<PutOutcome> {
    const item = responseItem(response, bodyHash);
    try {
      await this.db.client.send(
        new PutItemCommand({
          TableName: this.db.table,
          Item: toItem(item),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return { stored: true };
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    }
    const existing = await this.getItem(response.id);
    if (!existing) return this.put(response, bodyHash); // erased between the two calls: store anew
    return { stored: false, existing: { surveyId: existing.surveyId, bodyHash: existing.bodyHash } };
  }

  /** Bulk load for seeds and back-fills (no replay check: the ids are new). */
  async putMany(responses: StoredResponse[]): Promise<void> {
    await batchWrite(
      this.db,
      responses.map((r) => putRequest(responseItem(r, canonicalHash(r)))),
    );
  }

  async get(id: string): Promise<StoredResponse | undefined> {
    return (await this.find(id))?.response;
  }

  /** The response and the fingerprint of the body that stored it. */
  async find(id: string): Promise<{ response: StoredResponse; bodyHash: string } | undefined> {
    const item = await this.getItem(id);
    return item ? { response: JSON.parse(item.data) as StoredResponse, bodyHash: item.bodyHash } : undefined;
  }

  async delete(id: string): Promise<void> {
    await this.db.client.send(new DeleteItemCommand({ TableName: this.db.table, Key: toItem(responseKey(id)) }));
  }

  /** A survey's responses of one day, every shard, page by page. */
  async *dayPages(surveyId: string, day: string): AsyncGenerator<StoredResponse[]> {
    for (let shard = 0; shard < RESPONSE_SHARDS; shard++) {
      for await (const page of queryPages<ResponseItem>(this.db, {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :p',
        ExpressionAttributeValues: toItem({ ':p': responseDayIndex(surveyId, day, shard) }),
      })) {
        yield page.map((i) => JSON.parse(i.data) as StoredResponse);
      }
    }
  }

  async day(surveyId: string, day: string): Promise<StoredResponse[]> {
    const all: StoredResponse[] = [];
    for await (const page of this.dayPages(surveyId, day)) all.push(...page);
    return all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Marks a day as needing aggregation; the counter lets the job notice writes made while it ran. */
  async markDirty(surveyId: string, day: string, now: string): Promise<void> {
    await this.db.client.send(
      new UpdateItemCommand({
        TableName: this.db.table,
        Key: toItem(dirtyDayKey(surveyId, day)),
        UpdateExpression: 'ADD writes :one SET markedAt = :now',
        ExpressionAttributeValues: toItem({ ':one': 1, ':now': now }),
      }),
    );
  }

  async dirtyDays(surveyId: string): Promise<DirtyDay[]> {
    const items = await queryAll<{ SK: string; writes: number; markedAt: string }>(this.db, {
      KeyConditionExpression: 'PK = :p AND begins_with(SK, :d)',
      ExpressionAttributeValues: toItem({ ':p': dirtyDayKey(surveyId, '').PK, ':d': DIRTY_PREFIX }),
      ConsistentRead: true,
    });
    return items.map((i) => ({ day: i.SK.slice(DIRTY_PREFIX.length), writes: i.writes, markedAt: i.markedAt }));
  }

  /** Clears a dirty mark unless a write came after `seen`: then the day stays dirty. */
  async clearDirty(surveyId: string, seen: DirtyDay): Promise<boolean> {
    try {
      await this.db.client.send(
        new DeleteItemCommand({
          TableName: this.db.table,
          Key: toItem(dirtyDayKey(surveyId, seen.day)),
          ConditionExpression: 'writes = :w',
          ExpressionAttributeValues: toItem({ ':w': seen.writes }),
        }),
      );
      return true;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return false;
      throw e;
    }
  }

  private async getItem(id: string): Promise<ResponseItem | undefined> {
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(responseKey(id)), ConsistentRead: true }),
    );
    return out.Item ? fromItem<ResponseItem>(out.Item) : undefined;
  }
}
