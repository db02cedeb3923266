/**
 * What the public routes do with responses (functions/public-stores.ts): store one, find it by
 * its id or receipt, erase it, and mark its day for the nightly job. The staff's ResponseStore
 * (responses.ts) extends it with bulk loads and the nightly job's reads, so the public Lambda's
 * bundle carries none of them.
 */
import { GetItemCommand, PutItemCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { StoredResponse } from '#analytics/questionnaire.ts';
import { fromItem, queryAll, sendIf, toItem, type Db } from './dynamo.ts';
import {
  RESPONSE_BESIDE_PREFIX,
  dirtyDayKey,
  responseBesideKey,
  responseDayIndex,
  responseKey,
  shardOf,
} from './layout.ts';
import { putTombstone } from './tombstones.ts';

export interface ResponseItem {
  PK: string;
  SK: string;
  surveyId: string;
  day: string;
  bodyHash: string;
  data: string;
  /** The territory of its survey; absent on responses stored before it was recorded. */
  territory?: string;
}

/** One stored copy of a response id: the first (`besideIn` undefined) or one beside it in a territory. */
export interface StoredCopy {
  response: StoredResponse;
  bodyHash: string;
  /** Set when it is stored beside another territory's response with the same id: its receipt says so. */
  besideIn?: string;
  territory?: string;
  key: { PK: string; SK: string };
}

export type PutOutcome = { stored: true; besideIn?: string } | { stored: false; existing: StoredCopy };

/** The territory of a survey, for responses stored before items recorded theirs. */
export type OwnerOf = (surveyId: string) => Promise<string | undefined>;

export const copyOf = (item: ResponseItem): StoredCopy => ({
  response: JSON.parse(item.data) as StoredResponse,
  bodyHash: item.bodyHash,
  ...(item.SK.startsWith(RESPONSE_BESIDE_PREFIX) && { besideIn: item.SK.slice(RESPONSE_BESIDE_PREFIX.length) }),
  ...(item.territory !== undefined && { territory: item.territory }),
  key: { PK: item.PK, SK: item.SK },
});

export function responseItem(
  response: StoredResponse,
  bodyHash: string,
  territory?: string,
  key = responseKey(response.id),
) {
  return {
    ...key,
    territory,
    GSI1PK: responseDayIndex(response.surveyId, response.day, shardOf(response.id)),
    GSI1SK: response.id.toUpperCase(),
    surveyId: response.surveyId,
    day: response.day,
    bodyHash,
    data: JSON.stringify(response),
  };
}

export class PublicResponseStore {
  /** The survey-days this instance has marked on `markedOn` (a UTC day): marked once, not per response. */
  private marked = new Set<string>();
  private markedOn = '';

  constructor(protected readonly db: Db) {}

  /**
   * Stores a response of `territory` unless the territory has one with its id; then says what is
   * there, for the replay check. Another territory's response with the same id is left alone:
   * this one goes beside it.
   */
  async put(response: StoredResponse, bodyHash: string, territory: string, ownerOf: OwnerOf): Promise<PutOutcome> {
    if (await this.putNew(responseItem(response, bodyHash, territory))) return { stored: true };
    const first = await this.getItem(responseKey(response.id));
    if (!first) return this.put(response, bodyHash, territory, ownerOf); // erased between the two calls: store anew
    if ((first.territory ?? (await ownerOf(first.surveyId))) === territory)
      return { stored: false, existing: copyOf(first) };
    const beside = responseBesideKey(response.id, territory);
    if (await this.putNew(responseItem(response, bodyHash, territory, beside)))
      return { stored: true, besideIn: territory };
    const mine = await this.getItem(beside);
    return mine ? { stored: false, existing: copyOf(mine) } : this.put(response, bodyHash, territory, ownerOf);
  }

  /** The copy of response `id` that belongs to `territory`, if any. */
  async findIn(territory: string, id: string, ownerOf: OwnerOf): Promise<StoredCopy | undefined> {
    const first = await this.getItem(responseKey(id));
    if (first && (first.territory ?? (await ownerOf(first.surveyId))) === territory) return copyOf(first);
    const beside = await this.getItem(responseBesideKey(id, territory));
    return beside ? copyOf(beside) : undefined;
  }

  /** Every stored copy of a response id (nearly always one): erasure finds its own by the receipt. */
  async copies(id: string): Promise<StoredCopy[]> {
    const items = await queryAll<ResponseItem>(this.db, {
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: toItem({ ':p': responseKey(id).PK }),
      ConsistentRead: true,
    });
    return items.map(copyOf);
  }

  private putNew(item: ReturnType<typeof responseItem>): Promise<boolean> {
    return sendIf(
      this.db,
      new PutItemCommand({
        TableName: this.db.table,
        Item: toItem(item),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  /** The first response stored with this id, whatever its territory. */
  async get(id: string): Promise<StoredResponse | undefined> {
    const item = await this.getItem(responseKey(id));
    return item ? copyOf(item).response : undefined;
  }

  /** Erases a copy with its receipt, leaving its tombstone in the same transaction (tombstones.ts). */
  async delete(copy: StoredCopy): Promise<void> {
    await this.db.client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Delete: { TableName: this.db.table, Key: toItem(copy.key) } },
          putTombstone(this.db, { copy: copy.key, surveyId: copy.response.surveyId }),
        ],
      }),
    );
  }

  /**
   * Marks a day as needing aggregation: once per survey-day and arrival day (UTC) on this
   * instance, since a mark is not cleared before its arrival day is over (markClosed), so the one
   * written first stands for every later response of that day on that instance. `now` is the
   * instant of the write (ISO, UTC); the counter lets the job notice writes made while it ran.
   */
  async markDirty(surveyId: string, day: string, now: string): Promise<void> {
    const arrival = new Date(now).toISOString().slice(0, 10);
    if (arrival !== this.markedOn) {
      this.marked.clear();
      this.markedOn = arrival;
    }
    const memo = `${surveyId}\n${day}`;
    if (this.marked.has(memo)) return;
    await this.db.client.send(
      new UpdateItemCommand({
        TableName: this.db.table,
        Key: toItem(dirtyDayKey(surveyId, day, arrival)),
        UpdateExpression: 'ADD writes :one SET markedAt = :now',
        ExpressionAttributeValues: toItem({ ':one': 1, ':now': now }),
      }),
    );
    // Only once written: a mark that failed is written again by the retry (a replay marks too).
    if (arrival === this.markedOn) this.marked.add(memo);
  }

  private async getItem(key: { PK: string; SK: string }): Promise<ResponseItem | undefined> {
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(key), ConsistentRead: true }),
    );
    return out.Item ? fromItem<ResponseItem>(out.Item) : undefined;
  }
}
