/**
 * Tombstones: what says a response was erased, so the erasure can be made again after a restore
 * brings the response back (a restored table holds every response erased since its backup).
 *
 * A tombstone names the erased copy by its key (the response id, a random id the widget made, and
 * which copy: `R` or beside in a territory) and its survey, nothing else: no answer, no day, no
 * hash of the body. The plain id rather than an HMAC of it: once the response is gone the id
 * points to nothing in the table, it was never about the person, and the plain id lets the
 * re-application get the restored item directly (an HMAC would mean reading every response of a
 * restored table to find those whose HMAC matches, and it would tie tombstones to a secret that
 * may be rotated). The survey id guards the re-application: only a copy of that survey is deleted.
 *
 * Kept for good (no `expiresAt`): a response can come back from any backup that holds it, and
 * backups outlive the stage's settings (PITR 35 days, `backupMonths` monthly points, a retained
 * vault after a teardown, an on-demand backup that never expires); an expiry computed from
 * those could drop a tombstone while a backup still holds its response. Holding nothing about
 * the respondent, a tombstone costs no privacy to keep, and about a hundred bytes.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { type Db, type Key, queryPages, toItem } from './dynamo.ts';
import { TOMBSTONES_INDEX, tombstoneKey } from './layout.ts';

export interface Tombstone {
  /** The erased copy's key in the table. */
  copy: Key;
  surveyId: string;
}

type TombstoneItem = Key & {
  GSI1PK: string;
  GSI1SK: string;
  copyPK: string;
  copySK: string;
  surveyId: string;
};

export const tombstoneItem = (t: Tombstone): TombstoneItem => ({
  ...tombstoneKey(t.copy),
  GSI1PK: TOMBSTONES_INDEX,
  GSI1SK: `${t.copy.PK}#${t.copy.SK}`,
  copyPK: t.copy.PK,
  copySK: t.copy.SK,
  surveyId: t.surveyId,
});

/** The Put of a tombstone, to go in the erasure's own transaction: an erasure is never done untracked. */
export const putTombstone = (db: Db, t: Tombstone): TransactWriteItem => ({
  Put: { TableName: db.table, Item: toItem(tombstoneItem(t)) },
});

/** Every tombstone of a table, page by page (one index partition: erasures are rare). */
export async function* tombstonePages(db: Db): AsyncGenerator<Tombstone[]> {
  for await (const page of queryPages<TombstoneItem>(db, {
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :p',
    ExpressionAttributeValues: toItem({ ':p': TOMBSTONES_INDEX }),
  })) {
    yield page.map((i) => ({ copy: { PK: i.copyPK, SK: i.copySK }, surveyId: i.surveyId }));
  }
}
