/**
 * Surveys: a META item with the status and current version, and one item per version. A draft
 * is stored under its territory's own id (`{t}~{s}`) and moves to its public id when it first
 * goes live (see layout.ts): until then its id tells other territories nothing. What the public
 * routes read is PublicSurveyStore's (surveys-public.ts); the staff's store adds the rest.
 */
import {
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { SurveyDefinition } from '#analytics/questionnaire.ts';
import type { SurveyRecord, SurveyStatus, SurveyVersionRecord } from '../model.ts';
import type { SurveySettings } from '../survey-settings.ts';
import { batchWrite, cancellationReasons, deleteRequest, fromItem, queryAll, toItem, type Key } from './dynamo.ts';
import { draftSurveyId, surveyKey, surveySettingsKey, surveyVersionKey, territorySurveysIndex } from './layout.ts';
import { PublicSurveyStore, parseVersion, stripKeys } from './surveys-public.ts';

/** The id is held: by a survey of the same territory, or by a published one (public ids are global). */
export class SurveyIdTakenError extends Error {
  override readonly name = 'SurveyIdTakenError';
  constructor(
    readonly surveyId: string,
    options?: ErrorOptions,
  ) {
    super(`survey "${surveyId}" exists already`, options);
  }
}

/** Someone else changed the survey between our read and our write. */
export class SurveyChangedError extends Error {
  override readonly name = 'SurveyChangedError';
  constructor(options?: ErrorOptions) {
    super('the survey changed meanwhile; fetch it and try again', options);
  }
}
export class SurveyStore extends PublicSurveyStore {
  /**
   * A new draft named `name` in `territory`: refused when the territory has a survey of that id,
   * or a published survey holds it (anyone can see those); another territory's draft of the
   * same id is no obstacle, and nothing here tells of it.
   */
  async createDraft(territory: string, name: string, definition: SurveyDefinition, now: string): Promise<void> {
    const meta: SurveyRecord = {
      id: draftSurveyId(territory, name),
      name,
      territory,
      status: 'draft',
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.db.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { ...this.metaPut(meta), ConditionExpression: 'attribute_not_exists(PK)' } },
            {
              Put: {
                TableName: this.db.table,
                Item: toItem(versionItem({ surveyId: meta.id, version: 1, definition, createdAt: now })),
              },
            },
            {
              ConditionCheck: {
                TableName: this.db.table,
                Key: toItem(surveyKey(name)),
                ConditionExpression: 'attribute_not_exists(PK) OR (territory <> :t AND #s = :draft)',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: toItem({ ':t': territory, ':draft': 'draft' }),
              },
            },
          ],
        }),
      );
    } catch (e) {
      if (e instanceof TransactionCanceledException) throw new SurveyIdTakenError(name, { cause: e });
      throw e;
    }
  }

  /** Every version of a survey, oldest first (the nightly job scores each response with its own). */
  async versions(id: string): Promise<SurveyVersionRecord[]> {
    const items = await queryAll(this.db, {
      KeyConditionExpression: 'PK = :p AND begins_with(SK, :v)',
      ExpressionAttributeValues: toItem({ ':p': surveyKey(id).PK, ':v': 'V#' }),
    });
    return items.map(parseVersion);
  }

  /** Adds version `current + 1`; SurveyChangedError when someone else changed the survey meanwhile. */
  async addVersion(meta: SurveyRecord, definition: SurveyDefinition, now: string): Promise<number> {
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
      if (e instanceof TransactionCanceledException) throw new SurveyChangedError({ cause: e });
      throw e;
    }
    this.forget(meta.id, meta.version);
    return next;
  }

  /** Goes live, or closes; a survey's first going live publishes it under its public id. */
  async setStatus(survey: SurveyRecord, status: SurveyStatus, now: string): Promise<void> {
    if (survey.name !== undefined && status === 'live') return this.publish(survey, now);
    const { id } = survey;
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

  /**
   * Moves a draft to its public id, live, in one transaction: its current version and report
   * settings go along (older draft versions answered nothing, so they are dropped).
   */
  private async publish(draft: SurveyRecord, now: string): Promise<void> {
    const name = draft.name ?? draft.id;
    const [version, settings] = await Promise.all([
      this.version(draft.id, draft.version, true),
      this.db.client.send(
        new GetItemCommand({
          TableName: this.db.table,
          Key: toItem(surveySettingsKey(draft.id)),
          ConsistentRead: true,
        }),
      ),
    ]);
    if (!version) throw new SurveyChangedError();
    const { name: _draftName, closedAt: _closed, ...rest } = draft;
    const live: SurveyRecord = { ...rest, id: name, status: 'live', updatedAt: now };
    const items: TransactWriteItem[] = [
      { Put: { ...this.metaPut(live), ConditionExpression: 'attribute_not_exists(PK)' } },
      {
        Delete: {
          TableName: this.db.table,
          Key: toItem(surveyKey(draft.id)),
          ConditionExpression: 'version = :v AND #s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: toItem({ ':v': draft.version, ':s': draft.status }),
        },
      },
      {
        Put: {
          TableName: this.db.table,
          Item: toItem(versionItem({ ...version, surveyId: name, createdAt: version.createdAt })),
        },
      },
    ];
    if (settings.Item)
      items.push({
        Put: { TableName: this.db.table, Item: { ...settings.Item, ...toItem(surveySettingsKey(name)) } },
      });
    try {
      await this.db.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
    } catch (e) {
      if (cancellationReasons(e)[0] === 'ConditionalCheckFailed') throw new SurveyIdTakenError(name, { cause: e });
      if (e instanceof TransactionCanceledException) throw new SurveyChangedError({ cause: e });
      throw e;
    }
    this.forget(draft.id, draft.version);
    this.forget(name);
    // What stays under the draft's id (its versions) is unreachable now: cleared, not kept for ever.
    const leftovers = await queryAll<Key>(this.db, {
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: toItem({ ':p': surveyKey(draft.id).PK }),
      ProjectionExpression: 'PK, SK',
    });
    await batchWrite(
      this.db,
      leftovers.map((k) => deleteRequest({ PK: k.PK, SK: k.SK })),
    );
  }

  private metaPut(meta: SurveyRecord) {
    return {
      TableName: this.db.table,
      Item: toItem({
        ...surveyKey(meta.id),
        GSI1PK: territorySurveysIndex(meta.territory),
        GSI1SK: `${meta.createdAt}#${meta.id}`,
        ...meta,
      }),
    };
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
