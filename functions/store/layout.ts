/**
 * The single table's key layout. Every item has PK and SK; GSI1 (GSI1PK, GSI1SK, all
 * attributes projected) serves the listings; `expiresAt` (epoch seconds) is the TTL.
 *
 * | item            | PK                  | SK              | GSI1PK                      | GSI1SK        |
 * | --------------- | ------------------- | --------------- | --------------------------- | ------------- |
 * | territory       | T#{t}               | META            | TERRITORIES                 | {t}           |
 * | key (by hash)   | KEY#{sha256(key)}   | KEY             | T#{t}#KEYS                  | {keyId}       |
 * | survey          | S#{s}               | META            | T#{t}#SURVEYS               | {createdAt}#{s} |
 * | a draft         | S#{t}~{s}           | META, V#…       | T#{t}#SURVEYS               | {createdAt}#{t}~{s} |
 * | survey version  | S#{s}               | V#{000001}      |                             |               |
 * | report settings | S#{s}               | SETTINGS        |                             |               |
 * | dirty day       | S#{s}               | DIRTY#{day}#{arrival} |                       |               |
 * | daily aggregate | S#{s}               | AGG#{day}       |                             |               |
 * | month roll-up   | S#{s}               | AGG#M{yyyy-mm}  |                             |               |
 * | days' columns   | S#{s}               | COLS#{id}       |                             |               |
 * | day comments    | S#{s}               | CMT#{day}       |                             |               |
 * | month comments  | S#{s}               | CMT#M{yyyy-mm}  |                             |               |
 * | response        | R#{responseId}      | R               | D#{s}#{day}#{shard}         | {responseId}  |
 * | the same id, another territory | R#{responseId} | T#{t}   | D#{s}#{day}#{shard}         | {responseId}  |
 * | rate window     | RL#{client}         | {minute}        |                             |               |
 * | suggestion      | SG#{code}           | META            | T#{t}#SG                    | {createdAt}#{code} |
 * | its contact     | SG#{code}           | CONTACT         |                             |               |
 * | its history     | SG#{code}           | H#{at}#{random} |                             |               |
 * | same-text guard | SGDUP#{t}#{sha256(normalized text)} | DUP |                        |               |
 * | erasure record  | T#{t}               | ERASURE#{at}#{random} |                       |               |
 * | tombstone       | ERASED#R#{responseId} | R or T#{t} (the copy's SK) | ERASED             | R#{responseId}#{SK} |
 * | text expiry     | S#{s}               | TEXTEXPIRY      |                             |               |
 * | job             | J#{jobId}           | META            |                             |               |
 * | its done units  | J#{jobId}           | U#{unit}        |                             |               |
 *
 * Access patterns (no Scan anywhere):
 * - authenticate a key: GetItem KEY#{hash}; list a territory's keys: Query GSI1 T#{t}#KEYS.
 * - territory settings: GetItem T#{t}/META, edited by a conditional UpdateItem on its data; every
 *   territory (the nightly job, the operator's list): Query GSI1 TERRITORIES.
 * - a key's last use: UpdateItem KEY#{hash} if its lastUsedAt is older than an hour (at most one write per key and hour).
 * - a survey and its versions: GetItem S#{s}/META, GetItem S#{s}/V#n; list: Query GSI1 T#{t}#SURVEYS.
 *   A survey's id is its territory's alone until it first goes live: a draft lives under
 *   S#{t}~{s} (`~` is in no id), and going live moves it to S#{s} in one transaction, refused
 *   when a published survey holds the id. Public ids are global because the widget names a
 *   survey by its id alone; a draft's id reveals nothing to other territories.
 * - store a response idempotently: PutItem R#{id}/R if it does not exist (ids are unique across
 *   surveys, so the base table spreads writes perfectly); replay check: GetItem R#{id}/R. When
 *   another territory's response holds the id, the response goes beside it as R#{id}/T#{t}, so
 *   an id reveals nothing of other territories; erasure: Query R#{id}, the receipt says which.
 * - a survey's day: Query GSI1 D#{s}#{day}#{shard} for each of RESPONSE_SHARDS shards, so a
 *   campaign peak on one day spreads over several index partitions.
 * - days to re-aggregate: Query S#{s} begins_with DIRTY#; a mark is written once per survey-day,
 *   UTC arrival day and Lambda instance, and cleared only once its arrival day is over
 *   (store/responses.ts); aggregates of a period: Query S#{s}
 *   between AGG#{from} and AGG#{to}, whole months from AGG#M{month}, and GetItem COLS#{id} for
 *   the columns a day names unless already read (put before the first day naming them); weighting targets and
 *   objectives: GetItem S#{s}/SETTINGS.
 * - per-client limits: one UpdateItem ADD on RL#{client}/{minute}, expiring after two minutes,
 *   counts a request on each of its counters (`submissions` across territories, `t:{t}` for
 *   one territory, `lookups`); the previous minute's: GetItem RL#{client}/{minute - 1}.
 * - a suggestion by its code: GetItem SG#{code}/META; with its history: Query SG#{code} begins_with H#.
 *   A territory's suggestions, newest first, by page: Query GSI1 T#{t}#SG (status, category and
 *   hidden are filters); those created in a period: the same Query between {from} and {to}.
 * - a new suggestion: one transaction puts META, CONTACT, the first H# and SGDUP#{t}#{hash}
 *   unless that exists unexpired (then its `code` answers: same text within a day). SGDUP
 *   expires after a day; CONTACT expires (TTL) `retentionMonths` after the suggestion is done.
 * - a response erased on a data-subject request: one transaction deletes R#{id} and puts an erasure
 *   record (who and when, not what) and a tombstone; a territory's records, newest first: Query
 *   T#{t} begins_with ERASURE#. Erased with its receipt: one transaction deletes it and puts a tombstone.
 * - erasures to make again after a restore (store/tombstones.ts): Query GSI1 ERASED, then
 *   DeleteItem of each copy named still present, conditional on its survey.
 * - comments of a report (analytics/comments.ts): the nightly job puts CMT#{day} with the day's
 *   aggregate, then CMT#M{month} from a Query between CMT#{month}-01 and CMT#{month}-31; a report
 *   reads CMT#M{from} to CMT#M{to}; the retention deletes CMT#{day} and rewrites its month.
 * - free text past the territory's retention: the nightly job reads TEXTEXPIRY (the last day
 *   done), rewrites the responses of each later day up to the cut-off without their text
 *   answers (UpdateItem R#{id}), then moves TEXTEXPIRY on.
 * - a job (a back-fill, an export): GetItem J#{id}/META; a unit done is one transaction
 *   putting J#{id}/U#{unit} unless it exists and adding to META's counters, so a retried unit
 *   counts once. Both expire (TTL) with the job.
 */
export const RESPONSE_SHARDS = 4;

export const territoryKey = (t: string) => ({ PK: `T#${t}`, SK: 'META' });
export const apiKeyKey = (hash: string) => ({ PK: `KEY#${hash}`, SK: 'KEY' });
export const territoryKeysIndex = (t: string) => `T#${t}#KEYS`;
export const surveyKey = (s: string) => ({ PK: `S#${s}`, SK: 'META' });
export const surveyVersionKey = (s: string, v: number) => ({ PK: `S#${s}`, SK: `V#${String(v).padStart(6, '0')}` });
export const territorySurveysIndex = (t: string) => `T#${t}#SURVEYS`;
export const surveySettingsKey = (s: string) => ({ PK: `S#${s}`, SK: 'SETTINGS' });
export const TERRITORIES_INDEX = 'TERRITORIES';
/** A day's mark as written on one arrival day (marks made before arrival days were recorded have none). */
export const dirtyDayKey = (s: string, day: string, arrival?: string) => ({
  PK: `S#${s}`,
  SK: arrival === undefined ? `DIRTY#${day}` : `DIRTY#${day}#${arrival}`,
});
export const DIRTY_PREFIX = 'DIRTY#';
export const aggregateKey = (s: string, day: string) => ({ PK: `S#${s}`, SK: `AGG#${day}` });
export const AGGREGATE_PREFIX = 'AGG#';
/** A list of columns that days (schemas 4 and 5) name by its id (functions/store/aggregate-bytes.ts). */
export const columnsKey = (s: string, id: string) => ({ PK: `S#${s}`, SK: `COLS#${id}` });
export const commentsKey = (s: string, dayOrMonth: string) => ({ PK: `S#${s}`, SK: `${COMMENTS_PREFIX}${dayOrMonth}` });
export const COMMENTS_PREFIX = 'CMT#';
export const responseKey = (id: string) => ({ PK: `R#${id.toUpperCase()}`, SK: 'R' });
export const RESPONSE_BESIDE_PREFIX = 'T#';
export const responseBesideKey = (id: string, territory: string) => ({
  PK: `R#${id.toUpperCase()}`,
  SK: `${RESPONSE_BESIDE_PREFIX}${territory}`,
});
export const responseDayIndex = (s: string, day: string, shard: number) => `D#${s}#${day}#${shard}`;
export const draftSurveyId = (t: string, s: string) => `${t}~${s}`;
export const rateWindowKey = (client: string, minute: number) => ({
  PK: `RL#${client}`,
  SK: String(minute),
});
export const suggestionKey = (code: string) => ({ PK: `SG#${code}`, SK: 'META' });
export const suggestionContactKey = (code: string) => ({ PK: `SG#${code}`, SK: 'CONTACT' });
export const suggestionHistoryKey = (code: string, at: string, tiebreak: string) => ({
  PK: `SG#${code}`,
  SK: `H#${at}#${tiebreak}`,
});
export const SUGGESTION_HISTORY_PREFIX = 'H#';
export const territorySuggestionsIndex = (t: string) => `T#${t}#SG`;
export const jobKey = (id: string) => ({ PK: `J#${id}`, SK: 'META' });
export const jobUnitKey = (id: string, unit: string) => ({ PK: `J#${id}`, SK: `U#${unit}` });
export const suggestionDedupeKey = (t: string, textHash: string) => ({ PK: `SGDUP#${t}#${textHash}`, SK: 'DUP' });

export const erasureRecordKey = (t: string, at: string, tiebreak: string) => ({
  PK: `T#${t}`,
  SK: `${ERASURE_PREFIX}${at}#${tiebreak}`,
});
export const ERASURE_PREFIX = 'ERASURE#';
/** A tombstone: the erased copy's key under a prefix of its own, so erasing twice writes it once. */
export const tombstoneKey = (copy: { PK: string; SK: string }) => ({ PK: `ERASED#${copy.PK}`, SK: copy.SK });
export const TOMBSTONES_INDEX = 'ERASED';
export const textExpiryKey = (s: string) => ({ PK: `S#${s}`, SK: 'TEXTEXPIRY' });

/** The shard of a response: stable for an id, so a retry lands in the same partition. */
export function shardOf(responseId: string): number {
  let h = 0;
  for (const ch of responseId.toUpperCase()) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % RESPONSE_SHARDS;
}
