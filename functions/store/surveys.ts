/** Surveys: a META item with the status and current version, and one item per version. */
import { GetItemCommand, PutItemCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { SurveyDefinition } from '#analytics/questionnaire.ts';
import type { SurveyRecord, SurveySettings, SurveyStatus, SurveyVersionRecord } from '../model.ts';
import { fromItem, queryAll, toItem, type Db } from './dynamo.ts';
import { surveyKey, surveySettingsKey, surveyVersionKey, territorySurveysIndex } from './layout.ts';

export class SurveyStore {
  private metaCache = new Map<string, { at: number; value: SurveyRecord | undefined }>();
  /** Versions never change once written (but for replacedAt, set before the cache can hold them stale for long). */
  private versionCache = new Map<string, { at: number; value: SurveyVersionRecord | undefined }>();

  constructor(
    private readonly db: Db,
    private readonly cacheMs = 5_000,
  ) {}

  async create(meta: SurveyRecord, definition: SurveyDefinition): Promise<void> {
    await this.db.client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.db.table,
              Item: toItem({
                ...surveyKey(meta.id),
                GSI1PK: territorySurveysIndex(meta.territory),
                GSI1SK: `${meta.createdAt}#${meta.id}`,
                ...meta,
              }),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Put: {
              TableName: this.db.table,
              Item: toItem(versionItem({ surveyId: meta.id, version: 1, definition, createdAt: meta.createdAt })),
            },
          },
        ],
      }),
    );
  }

  /** The survey's record; `fresh` skips the cache (admin paths, which must see their own writes). */
  async get(id: string, fresh = false): Promise<SurveyRecord | undefined> {
    const hit = this.metaCache.get(id);
    if (!fresh && hit && Date.now() - hit.at < this.cacheMs) return hit.value;
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(surveyKey(id)), ConsistentRead: fresh }),
    );
    const value = out.Item ? stripKeys(fromItem<SurveyRecord>(out.Item)) : undefined;
    this.metaCache.set(id, { at: Date.now(), value });
    return value;
  }

  async version(id: string, version: number, fresh = false): Promise<SurveyVersionRecord | undefined> {
    const k = `${id}#${version}`;
    const hit = this.versionCache.get(k);
    if (!fresh && hit && Date.now() - hit.at < this.cacheMs) return hit.value;
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(surveyVersionKey(id, version)) }),
    );
    const value = out.Item ? parseVersion(fromItem(out.Item)) : undefined;
    this.versionCache.set(k, { at: Date.now(), value });
    return value;
  }

  /** Every version of a survey, oldest first (the nightly job scores each response with its own). */
  async versions(id: string): Promise<SurveyVersionRecord[]> {
    const items = await queryAll(this.db, {
      KeyConditionExpression: 'PK = :p AND begins_with(SK, :v)',
      ExpressionAttributeValues: toItem({ ':p': surveyKey(id).PK, ':v': 'V#' }),
    });
    return items.map(parseVersion);
  }

  /** Adds version `current + 1`; false when someone else changed the survey meanwhile. */
  async addVersion(meta: SurveyRecord, definition: SurveyDefinition, now: string): Promise<number | undefined> {
    const next = meta.version + 1;
    try {
      await this.db.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.db.table,
                Key: toItem(surveyKey(meta.id)),
                UpdateExpression: 'SET version = :next, updatedAt = :now',
                ConditionExpression: 'version = :cur',
                ExpressionAttributeValues: toItem({ ':next': next, ':cur': meta.version, ':now': now }),
              },
            },
            {
              Update: {
                TableName: this.db.table,
                Key: toItem(surveyVersionKey(meta.id, meta.version)),
                UpdateExpression: 'SET replacedAt = :now',
                ExpressionAttributeValues: toItem({ ':now': now }),
              },
            },
            {
              Put: {
                TableName: this.db.table,
                Item: toItem(versionItem({ surveyId: meta.id, version: next, definition, createdAt: now })),
              },
            },
          ],
        }),
      );
    } catch (e) {
      if (e instanceof Error && e.name === 'TransactionCanceledException') return undefined;
      throw e;
    }
    this.forget(meta.id, meta.version);
    return next;
  }

  async setStatus(id: string, status: SurveyStatus, now: string): Promise<void> {
    const closing = status === 'closed';
    await this.db.client.send(
      new UpdateItemCommand({
        TableName: this.db.table,
        Key: toItem(surveyKey(id)),
        UpdateExpression: closing
          ? 'SET #s = :s, updatedAt = :now, closedAt = :now'
          : 'SET #s = :s, updatedAt = :now REMOVE closedAt',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: toItem({ ':s': status, ':now': now }),
      }),
    );
    this.forget(id);
  }

  async listByTerritory(territory: string): Promise<SurveyRecord[]> {
    const items = await queryAll<SurveyRecord>(this.db, {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: toItem({ ':p': territorySurveysIndex(territory) }),
    });
    return items.map(stripKeys);
  }

  async settings(id: string): Promise<SurveySettings> {
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(surveySettingsKey(id)), ConsistentRead: true }),
    );
    return out.Item ? (JSON.parse(fromItem<{ data: string }>(out.Item).data) as SurveySettings) : {};
  }

  async putSettings(id: string, settings: SurveySettings): Promise<void> {
    await this.db.client.send(
      new PutItemCommand({
        TableName: this.db.table,
        Item: toItem({ ...surveySettingsKey(id), data: JSON.stringify(settings) }),
      }),
    );
  }

  private forget(id: string, version?: number) {
    this.metaCache.delete(id);
    if (version !== undefined) this.versionCache.delete(`${id}#${version}`);
  }
}

function versionItem(v: SurveyVersionRecord) {
  return {
    ...surveyVersionKey(v.surveyId, v.version),
    surveyId: v.surveyId,
    version: v.version,
    createdAt: v.createdAt,
    definition: JSON.stringify(v.definition),
  };
}

function parseVersion(item: Record<string, unknown>): SurveyVersionRecord {
  const { surveyId, version, createdAt, replacedAt, definition } = item as {
    surveyId: string;
    version: number;
    createdAt: string;
    replacedAt?: string;
    definition: string;
  };
  return {
    surveyId,
    version,
    createdAt,
    ...(replacedAt ? { replacedAt } : {}),
    definition: JSON.parse(definition) as SurveyDefinition,
  };
}

function stripKeys<T extends object>(item: T): T {
  const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _gs, ...rest } = item as T & Record<string, unknown>;
  return rest as T;
}
