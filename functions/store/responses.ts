/**
 * Responses: one item per response id (idempotent writes), indexed by survey, day and shard.
 * An id is its territory's: when another territory's response holds it already, the response is
 * stored beside that one (layout.ts), so a client-made id reveals nothing of other territories.
 * What the public routes do is PublicResponseStore's (responses-public.ts); this adds the rest.
 */
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import type { StoredResponse } from '#analytics/questionnaire.ts';
import { canonicalHash } from '../security.ts';
import { batchWrite, putRequest, queryAll, queryPages, sendIf, toItem } from './dynamo.ts';
import { DIRTY_PREFIX, RESPONSE_SHARDS, dirtyDayKey, responseDayIndex } from './layout.ts';
import { PublicResponseStore, responseItem, type ResponseItem } from './responses-public.ts';

/**
 * One mark of a day to re-aggregate: written by one instance on one arrival day (UTC) at least
 * (markDirty), so `arrival` is the UTC day its writes came on; absent on marks made before it was
 * recorded, which count as closed once settled.
 */
export interface DirtyMark {
  arrival?: string;
  writes: number;
  markedAt: string;
}

/**
 * A response of `surveyId` and `day` as stored, parsed back, holding the very strings it was asked
 * for when its own are equal. JSON.parse gives each response its own copy of a string past a few
 * characters (Node 24 shares up to nine); the nightly loop compares every response's day and
 * survey with those it aggregates, and the same string compares without reading either. A copy
 * per response cost a cache miss each, about 7% of the loop (bench `aggregate.rate`), and 10 000
 * strings held for a day of 10 000. A response that names another day or survey keeps its own, so
 * the loop still refuses it.
 */
export function readBack(data: string, surveyId: string, day: string): StoredResponse {
  const r = JSON.parse(data) as StoredResponse;
  if (r.day === day) r.day = day;
  if (r.surveyId === surveyId) r.surveyId = surveyId;
  return r;
}

/** A day with marks: it needs recomputing. */
export interface DirtyDay {
  day: string;
  marks: DirtyMark[];
}

/**
 * A mark may go once no instance can write it any more: its arrival day has ended (UTC), and a
 * minute more for requests still running across midnight and for the day index to show their
 * writes. Until then the day is recomputed each night and the mark stays, which is what lets
 * each instance write it only once (markDirty).
 */
export const MARK_SETTLE_MS = 60_000;
const DAY_MS = 86_400_000;
export const markClosed = (mark: DirtyMark, now: Date) =>
  now.getTime() >=
  (mark.arrival === undefined ? Date.parse(mark.markedAt) : Date.parse(`${mark.arrival}T00:00:00Z`) + DAY_MS) +
    MARK_SETTLE_MS;

export class ResponseStore extends PublicResponseStore {
  /** Bulk load for seeds and back-fills (no replay check: the ids are new). */
  async putMany(responses: StoredResponse[]): Promise<void> {
    await batchWrite(
      this.db,
      responses.map((r) => putRequest(responseItem(r, canonicalHash(r)))),
    );
  }

  /** A survey's responses of one day, every shard, page by page. */
  async *dayPages(surveyId: string, day: string): AsyncGenerator<StoredResponse[]> {
    for (let shard = 0; shard < RESPONSE_SHARDS; shard++) {
      for await (const page of queryPages<ResponseItem>(this.db, {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :p',
        ExpressionAttributeValues: toItem({ ':p': responseDayIndex(surveyId, day, shard) }),
      })) {
        yield page.map((i) => readBack(i.data, surveyId, day));
      }
    }
  }

  async day(surveyId: string, day: string): Promise<StoredResponse[]> {
    const all: StoredResponse[] = [];
    for await (const page of this.dayPages(surveyId, day)) all.push(...page);
    return all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The days with marks, oldest first, each with its marks. */
  async dirtyDays(surveyId: string): Promise<DirtyDay[]> {
    const items = await queryAll<{ SK: string; writes: number; markedAt: string }>(this.db, {
      KeyConditionExpression: 'PK = :p AND begins_with(SK, :d)',
      ExpressionAttributeValues: toItem({ ':p': dirtyDayKey(surveyId, '').PK, ':d': DIRTY_PREFIX }),
      ConsistentRead: true,
    });
    const days = new Map<string, DirtyMark[]>();
    for (const i of items) {
      const [day = '', arrival] = i.SK.slice(DIRTY_PREFIX.length).split('#');
      const marks = days.get(day) ?? [];
      marks.push({ ...(arrival !== undefined && { arrival }), writes: i.writes, markedAt: i.markedAt });
      days.set(day, marks);
    }
    return [...days].map(([day, marks]) => ({ day, marks }));
  }

  /**
   * Clears the marks of a day recomputed from what was `seen`, those closed at `now` only, and
   * each unless a write came after it was read: then it stays. True when none is left.
   */
  async clearDirty(surveyId: string, seen: DirtyDay, now: Date): Promise<boolean> {
    let cleared = 0;
    for (const mark of seen.marks) {
      if (!markClosed(mark, now)) continue;
      const deleted = await sendIf(
        this.db,
        new DeleteItemCommand({
          TableName: this.db.table,
          Key: toItem(dirtyDayKey(surveyId, seen.day, mark.arrival)),
          ConditionExpression: 'writes = :w',
          ExpressionAttributeValues: toItem({ ':w': mark.writes }),
        }),
      );
      if (deleted) cleared++;
    }
    return cleared === seen.marks.length;
  }
}
