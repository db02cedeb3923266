/**
 * Suggestions: a META item, a CONTACT item apart (so DynamoDB's TTL can delete the contact and
 * keep the suggestion), one item per history entry, and a one-day dedupe item per text. What the
 * public routes do is PublicSuggestionStore's (suggestions-public.ts); this adds the staff's part.
 */
import {
  DeleteItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { HistoryEntry, SuggestionRecord, SuggestionStatus } from '../suggestion.ts';
import { fromItem, queryPages, toItem, type Item } from './dynamo.ts';
import { suggestionContactKey, suggestionKey, territorySuggestionsIndex } from './layout.ts';
import { PublicSuggestionStore, cancelledBecause, collided, historyItem, strip } from './suggestions-public.ts';

export interface ListFilter {
  status?: SuggestionStatus;
  category?: string;
  hidden?: boolean;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export class SuggestionStore extends PublicSuggestionStore {
  /**
   * Applies a change if the suggestion is still in `expected` status (else false: someone else
   * moved it meanwhile), with its history entry, in one transaction.
   */
  async change(
    code: string,
    expected: SuggestionStatus,
    set: Partial<SuggestionRecord>,
    entry: HistoryEntry,
    extra: { contactExpiresAt?: number; unmergedTarget?: string } = {},
  ): Promise<boolean> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Item = { ':expected': expected };
    const parts = Object.entries(set).map(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:v${i}`] = v;
      return `#f${i} = :v${i}`;
    });
    const items: TransactWriteItem[] = [
      {
        Update: {
          TableName: this.db.table,
          Key: toItem(suggestionKey(code)),
          UpdateExpression: `SET ${parts.join(', ')}`,
          ConditionExpression: '#status = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: toItem(values),
        },
      },
      this.put(historyItem(code, entry)),
    ];
    if (extra.contactExpiresAt !== undefined) {
      items.push({
        Update: {
          TableName: this.db.table,
          Key: toItem(suggestionContactKey(code)),
          UpdateExpression: 'SET expiresAt = :e',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: toItem({ ':e': extra.contactExpiresAt }),
        },
      });
    }
    // A merge's target must still be unmerged when the merge commits, or two crossing merges make a loop.
    // (A ConditionCheck would need one more IAM action; rewriting its status as it is checks the same.)
    const guard =
      extra.unmergedTarget === undefined
        ? -1
        : items.push({
            Update: {
              TableName: this.db.table,
              Key: toItem(suggestionKey(extra.unmergedTarget)),
              UpdateExpression: 'SET #status = #status',
              ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(mergedInto)',
              ExpressionAttributeNames: { '#status': 'status' },
            },
          }) - 1;
    try {
      await this.db.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return true;
    } catch (e) {
      if (cancelledBecause(e, 0) || cancelledBecause(e, guard) || collided(e)) return false;
      // No contact item (none given, or erased): change the rest without it.
      if (cancelledBecause(e, 2)) return this.change(code, expected, set, entry);
      throw e;
    }
  }

  async addHistory(code: string, entry: HistoryEntry): Promise<void> {
    await this.db.client.send(new PutItemCommand({ TableName: this.db.table, Item: toItem(historyItem(code, entry)) }));
  }

  async eraseContact(code: string): Promise<boolean> {
    const out = await this.db.client.send(
      new DeleteItemCommand({
        TableName: this.db.table,
        Key: toItem(suggestionContactKey(code)),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return out.Attributes !== undefined;
  }

  /**
   * One page of a territory's suggestions, newest first. Filters apply after DynamoDB reads, so
   * a page may hold fewer than `limit` items and still have a `next`.
   */
  async list(territory: string, filter: ListFilter, limit: number, cursor?: Item): Promise<Page<SuggestionRecord>> {
    const conditions: string[] = [];
    const names: Record<string, string> = {};
    const values: Item = { ':p': territorySuggestionsIndex(territory) };
    for (const [field, value] of Object.entries(filter)) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      conditions.push(
        field === 'hidden' && value === false
          ? `(attribute_not_exists(#${field}) OR #${field} = :${field})`
          : `#${field} = :${field}`,
      );
    }
    const items: SuggestionRecord[] = [];
    let start = cursor ? toItem(cursor) : undefined;
    for (let round = 0; round < 10 && items.length < limit; round++) {
      const out = await this.db.client.send(
        new QueryCommand({
          TableName: this.db.table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :p',
          ...(conditions.length ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: toItem(values),
          ScanIndexForward: false,
          Limit: limit - items.length,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []).map((i) => strip<SuggestionRecord>(fromItem(i))));
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return { items, next: start ? Buffer.from(JSON.stringify(fromItem(start))).toString('base64url') : null };
  }

  /** Every suggestion created between two instants (inclusive), for indicators and the export. */
  async *created(territory: string, fromIso: string, toIso: string): AsyncGenerator<SuggestionRecord[]> {
    const input = {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p AND GSI1SK BETWEEN :a AND :b',
      ExpressionAttributeValues: toItem({
        ':p': territorySuggestionsIndex(territory),
        ':a': fromIso,
        ':b': `${toIso}~`,
      }),
    };
    for await (const page of queryPages<Item>(this.db, input)) yield page.map((i) => strip<SuggestionRecord>(i));
  }
}

/** A cursor from `list`, if it is one of this territory's; else undefined. */
export function parseCursor(territory: string, cursor: string): Item | undefined {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Item;
    const ok =
      key.GSI1PK === territorySuggestionsIndex(territory) &&
      ['PK', 'SK', 'GSI1SK'].every((k) => typeof key[k] === 'string') &&
      Object.keys(key).length === 4;
    return ok ? key : undefined;
  } catch {
    return undefined;
  }
}
