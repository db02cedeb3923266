/**
 * What the public routes read of surveys (functions/public-stores.ts): the records and versions,
 * cached per instance. The staff's SurveyStore (surveys.ts) extends it with every write, so the
 * public Lambda's bundle carries none of them.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { SurveyDefinition } from '#analytics/questionnaire.ts';
import type { SurveyRecord, SurveyVersionRecord } from '../model.ts';
import { fromItem, toItem, type Db } from './dynamo.ts';
import { draftSurveyId, surveyKey, surveyVersionKey } from './layout.ts';

/** How long an instance keeps a version it found: a survey's answers read it once a day, not once each. */
const FOUND_VERSION_MS = 86_400_000;

export class PublicSurveyStore {
  private metaCache = new Map<string, { at: number; value: SurveyRecord | undefined }>();
  /**
   * Versions never change once written but for replacedAt, which matters only 30 days after it is
   * set (routes/responses.ts): one found is kept a day, so a copy from before its replacement is
   * gone long before; one missing only `cacheMs` (it may be written just after).
   */
  private versionCache = new Map<string, { at: number; value: SurveyVersionRecord | undefined }>();

  constructor(
    protected readonly db: Db,
    private readonly cacheMs = 5_000,
  ) {}

  /** The survey `name` of a territory, published or draft: what its keys work on. */
  async findFor(territory: string, name: string, fresh = false): Promise<SurveyRecord | undefined> {
    const [published, draft] = await Promise.all([
      this.get(name, fresh),
      this.get(draftSurveyId(territory, name), fresh),
    ]);
    return published?.territory === territory ? published : draft;
  }

  /** The published survey `name` (live or closed): what anyone may address. */
  async published(name: string): Promise<SurveyRecord | undefined> {
    const survey = await this.get(name);
    return survey && survey.status !== 'draft' && survey.name === undefined ? survey : undefined;
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
    if (!fresh && hit && Date.now() - hit.at < (hit.value ? FOUND_VERSION_MS : this.cacheMs)) return hit.value;
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(surveyVersionKey(id, version)) }),
    );
    const value = out.Item ? parseVersion(fromItem(out.Item)) : undefined;
    this.versionCache.set(k, { at: Date.now(), value });
    return value;
  }

  protected forget(id: string, version?: number) {
    this.metaCache.delete(id);
    if (version !== undefined) this.versionCache.delete(`${id}#${version}`);
  }
}

export function parseVersion(item: Record<string, unknown>): SurveyVersionRecord {
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

export function stripKeys<T extends object>(item: T): T {
  const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _gs, ...rest } = item as T & Record<string, unknown>;
  return rest as T;
}
