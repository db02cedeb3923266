/**
 * What the public routes do with suggestions (functions/public-stores.ts): store a new one, read
 * it, its contact and its history. The staff's SuggestionStore (suggestions.ts) extends it with
 * moderation and lists, so the public Lambda's bundle carries none of them.
 */
import { GetItemCommand, TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import type { HistoryEntry, SuggestionRecord } from '../suggestion.ts';
import { cancellationReasons, fromItem, queryPages, toItem, type Db, type Item } from './dynamo.ts';
import {
  SUGGESTION_HISTORY_PREFIX,
  suggestionContactKey,
  suggestionDedupeKey,
  suggestionHistoryKey,
  suggestionKey,
  territorySuggestionsIndex,
} from './layout.ts';

export interface Contact {
  email: string;
}

/** `retry`: the code was taken, or a concurrent transaction touched the same items. */
export type CreateOutcome =
  | { created: true }
  | { created: false; reason: 'duplicate'; code: string }
  | { created: false; reason: 'retry' };

const KEY_FIELDS = ['PK', 'SK', 'GSI1PK', 'GSI1SK'];
export const strip = <T>(item: Item): T =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !KEY_FIELDS.includes(k))) as T;
export const cancelledBecause = (e: unknown, index: number) =>
  cancellationReasons(e)[index] === 'ConditionalCheckFailed';
export const collided = (e: unknown) => cancellationReasons(e).includes('TransactionConflict');

export const historyItem = (code: string, entry: HistoryEntry) => ({
  ...suggestionHistoryKey(code, entry.at, randomBytes(3).toString('hex')),
  ...entry,
});

/** New codes kept colliding (45 random bits: practically never), or concurrent identical submissions kept racing. */
export class SuggestionCollisionError extends Error {
  override readonly name = 'SuggestionCollisionError';
  constructor() {
    super('three attempts to store a suggestion collided');
  }
}

export class PublicSuggestionStore {
  constructor(protected readonly db: Db) {}

  protected put(item: Item, condition?: string, values?: Item): TransactWriteItem {
    return {
      Put: {
        TableName: this.db.table,
        Item: toItem(item),
        ConditionExpression: condition,
        ...(values ? { ExpressionAttributeValues: toItem(values) } : {}),
      },
    };
  }

  /**
   * Stores a new suggestion, its contact and first history entry, unless the same text reached
   * the territory within a day (then answers that suggestion's code) or the code is taken.
   */
  async create(
    s: SuggestionRecord,
    contact: (Contact & { expiresAt: number }) | undefined,
    textHash: string,
    dedupeUntil: number,
  ): Promise<CreateOutcome> {
    const nowSeconds = Math.floor(Date.parse(s.createdAt) / 1000);
    const dedupe = suggestionDedupeKey(s.territory, textHash);
    const items: TransactWriteItem[] = [
      // TTL deletion lags (up to two days), so an expired dedupe item is overwritten, not obeyed.
      this.put({ ...dedupe, code: s.code, expiresAt: dedupeUntil }, 'attribute_not_exists(PK) OR expiresAt < :now', {
        ':now': nowSeconds,
      }),
      this.put(
        {
          ...suggestionKey(s.code),
          GSI1PK: territorySuggestionsIndex(s.territory),
          GSI1SK: `${s.createdAt}#${s.code}`,
          ...s,
        },
        'attribute_not_exists(PK)',
      ),
      this.put(historyItem(s.code, { at: s.createdAt, action: 'received', to: 'received' })),
    ];
    if (contact) items.push(this.put({ ...suggestionContactKey(s.code), ...contact }));
    try {
      await this.db.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return { created: true };
    } catch (e) {
      if (cancelledBecause(e, 0)) {
        const out = await this.db.client.send(
          new GetItemCommand({ TableName: this.db.table, Key: toItem(dedupe), ConsistentRead: true }),
        );
        if (out.Item) return { created: false, reason: 'duplicate', code: fromItem<{ code: string }>(out.Item).code };
      }
      if (cancelledBecause(e, 1) || collided(e)) return { created: false, reason: 'retry' };
      throw e;
    }
  }

  async get(code: string, fresh = false): Promise<SuggestionRecord | undefined> {
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(suggestionKey(code)), ConsistentRead: fresh }),
    );
    return out.Item ? strip<SuggestionRecord>(fromItem(out.Item)) : undefined;
  }

  /** The contact, unless erased or past its expiry (TTL deletes lazily, so expiry is checked here too). */
  async contact(code: string, nowSeconds: number): Promise<Contact | undefined> {
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(suggestionContactKey(code)), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const { email, expiresAt } = fromItem<Contact & { expiresAt: number }>(out.Item);
    return expiresAt > nowSeconds ? { email } : undefined;
  }

  async history(code: string): Promise<HistoryEntry[]> {
    const all: HistoryEntry[] = [];
    const input = {
      KeyConditionExpression: 'PK = :p AND begins_with(SK, :h)',
      ExpressionAttributeValues: toItem({ ':p': suggestionKey(code).PK, ':h': SUGGESTION_HISTORY_PREFIX }),
      ConsistentRead: true,
    };
    for await (const page of queryPages<Item>(this.db, input)) all.push(...page.map((i) => strip<HistoryEntry>(i)));
    return all;
  }
}
