/**
 * What the public routes need of territories (functions/public-stores.ts): their settings, cached
 * per instance, and the keys a caller may present. The staff's TerritoryStore (territories.ts)
 * extends it with every other write and list, so the public Lambda's bundle carries none of them.
 */
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { ApiKeyRecord, Territory } from '../model.ts';
import { fromItem, sendIf, toItem, type Db } from './dynamo.ts';
import { apiKeyKey, territoryKey } from './layout.ts';

export class PublicTerritoryStore {
  /** Settings change rarely and every public request needs them: a short cache saves a read each. */
  protected cache = new Map<string, { at: number; value: Territory | undefined }>();

  constructor(
    protected readonly db: Db,
    private readonly cacheMs = 10_000,
  ) {}

  /** The settings, from a cache of `cacheMs`; `fresh` reads them as stored now, to be edited. */
  async get(id: string, fresh = false): Promise<Territory | undefined> {
    const hit = this.cache.get(id);
    if (!fresh && hit && Date.now() - hit.at < this.cacheMs) return hit.value;
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(territoryKey(id)), ConsistentRead: fresh }),
    );
    const value = out.Item ? (JSON.parse(fromItem<{ data: string }>(out.Item).data) as Territory) : undefined;
    this.cache.set(id, { at: Date.now(), value });
    return value;
  }

  /** The key behind a hash, if any; revocation deletes the item, so it stops working at once. */
  async keyByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(apiKeyKey(hash)), ConsistentRead: true }),
    );
    return out.Item ? fromItem<ApiKeyRecord & { PK: string }>(out.Item) : undefined;
  }

  /**
   * Records that a key was used at `at`, unless it was already recorded after `since`: one
   * conditional write per key and hour at most, never one per request. False when nothing
   * was written (already recorded, or the key is gone).
   */
  touchKey(hash: string, at: string, since: string): Promise<boolean> {
    return sendIf(
      this.db,
      new UpdateItemCommand({
        TableName: this.db.table,
        Key: toItem(apiKeyKey(hash)),
        UpdateExpression: 'SET lastUsedAt = :at',
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :since)',
        ExpressionAttributeValues: toItem({ ':at': at, ':since': since }),
      }),
    );
  }
}
