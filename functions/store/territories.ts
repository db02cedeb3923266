/** Territories and their API keys. Keys are stored under the hash of the key, never in clear. */
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { ApiKeyRecord, Territory } from '../model.ts';
import { fromItem, queryAll, toItem, type Db } from './dynamo.ts';
import { TERRITORIES_INDEX, apiKeyKey, territoryKey, territoryKeysIndex } from './layout.ts';

export class TerritoryStore {
  /** Settings change rarely and every public request needs them: a short cache saves a read each. */
  private cache = new Map<string, { at: number; value: Territory | undefined }>();

  constructor(
    private readonly db: Db,
    private readonly cacheMs = 10_000,
  ) {}

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
      if (e instanceof Error && e.name === 'TransactionCanceledException') return false;
      throw e;
    }
    this.cache.delete(territory.id);
    return true;
  }

  async get(id: string): Promise<Territory | undefined> {
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < this.cacheMs) return hit.value;
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(territoryKey(id)) }),
    );
    const value = out.Item ? (JSON.parse(fromItem<{ data: string }>(out.Item).data) as Territory) : undefined;
    this.cache.set(id, { at: Date.now(), value });
    return value;
  }

  /**
   * Changes a territory's settings: read, change, then write only if nobody wrote in between
   * (else read again). Undefined when there is no such territory.
   */
  async update(id: string, change: (t: Territory) => Territory): Promise<Territory | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const out = await this.db.client.send(
        new GetItemCommand({ TableName: this.db.table, Key: toItem(territoryKey(id)), ConsistentRead: true }),
      );
      if (!out.Item) return undefined;
      const { data } = fromItem<{ data: string }>(out.Item);
      const next = change(JSON.parse(data) as Territory);
      try {
        await this.db.client.send(
          new PutItemCommand({
            TableName: this.db.table,
            Item: toItem({ ...territoryKey(id), GSI1PK: TERRITORIES_INDEX, GSI1SK: id, data: JSON.stringify(next) }),
            ConditionExpression: '#d = :seen',
            ExpressionAttributeNames: { '#d': 'data' },
            ExpressionAttributeValues: toItem({ ':seen': data }),
          }),
        );
        this.cache.delete(id);
        return next;
      } catch (e) {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      }
    }
    throw new Error(`territory ${id}: five concurrent changes in a row`);
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

  async addKey(hash: string, key: ApiKeyRecord): Promise<void> {
    await this.db.client.send(
      new PutItemCommand({
        TableName: this.db.table,
        Item: toItem(keyItem(hash, key)),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  /** The key behind a hash, if any; revocation deletes the item, so it stops working at once. */
  async keyByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(apiKeyKey(hash)), ConsistentRead: true }),
    );
    return out.Item ? fromItem<ApiKeyRecord & { PK: string }>(out.Item) : undefined;
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
