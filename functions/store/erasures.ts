/**
 * Erasures made on a data-subject request: who (the key's id and label) and when, never what
 * was erased, so the record itself holds nothing about the respondent. What was erased goes in a
 * tombstone of its own (tombstones.ts), which no listing shows: it is for re-applying erasures
 * after a restore, not for staff.
 */
import { QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import * as z from '#analytics/zod.ts';
import { type Db, fromItem, toItem } from './dynamo.ts';
import { ERASURE_PREFIX, erasureRecordKey, territoryKey } from './layout.ts';
import type { StoredCopy } from './responses-public.ts';
import { putTombstone } from './tombstones.ts';

export const ErasureRecord = z
  .object({
    at: z.string(),
    what: z.literal('response'),
    keyId: z.string(),
    by: z.string().register(z.globalRegistry, { description: "the key's label" }),
  })
  .register(z.globalRegistry, { id: 'ErasureRecord' });
export type ErasureRecord = z.infer<typeof ErasureRecord>;

export class ErasureStore {
  constructor(private readonly db: Db) {}

  /**
   * Deletes a response and records it, with its tombstone, in one transaction: an erasure is
   * never done unrecorded, nor recorded undone. False when the response is gone already (erased meanwhile).
   */
  async eraseResponse(copy: StoredCopy, territory: string, entry: ErasureRecord): Promise<boolean> {
    const record = { ...erasureRecordKey(territory, entry.at, randomBytes(6).toString('hex')), ...entry };
    try {
      await this.db.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.db.table,
                Key: toItem(copy.key),
                ConditionExpression: 'attribute_exists(PK)',
              },
            },
            { Put: { TableName: this.db.table, Item: toItem(record) } },
            putTombstone(this.db, { copy: copy.key, surveyId: copy.response.surveyId }),
          ],
        }),
      );
      return true;
    } catch (e) {
      if (e instanceof Error && e.name === 'TransactionCanceledException') return false;
      throw e;
    }
  }

  /** The territory's most recent records, newest first. */
  async recent(territory: string, limit: number): Promise<ErasureRecord[]> {
    const out = await this.db.client.send(
      new QueryCommand({
        TableName: this.db.table,
        KeyConditionExpression: 'PK = :p AND begins_with(SK, :e)',
        ExpressionAttributeValues: toItem({ ':p': territoryKey(territory).PK, ':e': ERASURE_PREFIX }),
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => {
      const { at, what, keyId, by } = fromItem<ErasureRecord>(i);
      return { at, what, keyId, by };
    });
  }
}
