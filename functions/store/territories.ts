/**
 * Territories and their API keys. Keys are stored under the hash of the key, never in clear. What
 * the public routes need is PublicTerritoryStore's (territories-public.ts); this adds the rest.
 */
import {
  DeleteItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { ApiKeyRecord, Territory } from '../model.ts';
import { fromItem, queryAll, sendIf, toItem } from './dynamo.ts';
import { TERRITORIES_INDEX, apiKeyKey, territoryKey, territoryKeysIndex } from './layout.ts';
import { PublicTerritoryStore } from './territories-public.ts';

/** A page of territories in id order; `next` is where the following page starts after. */
export interface TerritoryPage {
  territories: { id: string; settings: Territory | undefined }[];
  next?: string;
}

export class TerritoryStore extends PublicTerritoryStore {
  /** Creates a territory with its first admin key; false when the id is taken. */
  async create(territory: Territory, adminKeyHash: string, adminKey: ApiKeyRecord): Promise<boolean> {
    try {
      await this.db.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.db.table,
                Item: toItem({
                  ...territoryKey(territory.id),
                  GSI1PK: TERRITORIES_INDEX,
                  GSI1SK: territory.id,
                  data: JSON.stringify(territory),
                }),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            { Put: { TableName: this.db.table, Item: toItem(keyItem(adminKeyHash, adminKey)) } },
          ],
        }),
      );
    } catch (e) {
      if (e instanceof TransactionCanceledException) return false;
      throw e;
    }
    this.cache.delete(territory.id);
    return true;
  }

  /**
   * Replaces a territory's settings if nobody changed them since `before` was read (false
   * otherwise). Other instances' caches see it within `cacheMs`.
   */
  async replace(before: Territory, after: Territory): Promise<boolean> {
    const replaced = await sendIf(
      this.db,
      new UpdateItemCommand({
        TableName: this.db.table,
        Key: toItem(territoryKey(after.id)),
        UpdateExpression: 'SET #data = :after',
        ConditionExpression: '#data = :before',
        ExpressionAttributeNames: { '#data': 'data' },
        ExpressionAttributeValues: toItem({ ':after': JSON.stringify(after), ':before': JSON.stringify(before) }),
      }),
    );
    if (replaced) this.cache.delete(after.id);
    return replaced;
  }

  /** Every territory with its settings, for the operator (the index projects every attribute). */
  async list(): Promise<Territory[]> {
    const items = await queryAll<{ data: string }>(this.db, {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: toItem({ ':p': TERRITORIES_INDEX }),
    });
    return items.map((i) => JSON.parse(i.data) as Territory);
  }

  /** Every territory's id, for the nightly job. */
  async ids(): Promise<string[]> {
    const items = await queryAll<{ GSI1SK: string }>(this.db, {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: toItem({ ':p': TERRITORIES_INDEX }),
      ProjectionExpression: 'GSI1SK',
    });
    return items.map((i) => i.GSI1SK);
  }

  /**
   * Up to `limit` territories after `after` (by id), with their settings read from the index
   * (`undefined` where they do not parse: the night still goes, and fails where it can be seen),
   * and the id to start the next page after, if any is left. The nightly dispatch's pages.
   */
  async page(after: string | undefined, limit: number): Promise<TerritoryPage> {
    const out = await this.db.client.send(
      new QueryCommand({
        TableName: this.db.table,
        IndexName: 'GSI1',
        KeyConditionExpression: after === undefined ? 'GSI1PK = :p' : 'GSI1PK = :p AND GSI1SK > :after',
        ExpressionAttributeValues: toItem({
          ':p': TERRITORIES_INDEX,
          ...(after === undefined ? {} : { ':after': after }),
        }),
        // One more than the page: whether another follows is known without an empty last page.
        Limit: limit + 1,
      }),
    );
    const items = out.Items ?? [];
    const territories = items.slice(0, limit).map((item) => {
      const { GSI1SK: id, data } = fromItem<{ GSI1SK: string; data: string }>(item);
      try {
        return { id, settings: JSON.parse(data) as Territory };
      } catch {
        return { id, settings: undefined };
      }
    });
    const last = territories.at(-1);
    const more = items.length > limit || out.LastEvaluatedKey !== undefined;
    return { territories, ...(more && last ? { next: last.id } : {}) };
  }

  async addKey(hash: string, key: ApiKeyRecord): Promise<void> {
    await this.db.client.send(
      new PutItemCommand({
        TableName: this.db.table,
        Item: toItem(keyItem(hash, key)),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async listKeys(territory: string): Promise<(ApiKeyRecord & { PK: string })[]> {
    return queryAll<ApiKeyRecord & { PK: string }>(this.db, {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: toItem({ ':p': territoryKeysIndex(territory) }),
    });
  }

  /** Deletes a key of a territory; false when no such key. */
  async revokeKey(territory: string, keyId: string): Promise<boolean> {
    const key = (await this.listKeys(territory)).find((k) => k.id === keyId);
    if (!key) return false;
    await this.db.client.send(
      new DeleteItemCommand({ TableName: this.db.table, Key: toItem({ PK: key.PK, SK: 'KEY' }) }),
    );
    return true;
  }
}

function keyItem(hash: string, key: ApiKeyRecord) {
  return { ...apiKeyKey(hash), GSI1PK: territoryKeysIndex(key.territory), GSI1SK: key.id, ...key };
}
