import { type AttributeValue, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { nightlyRun } from './nightly/job.ts';
import { reapplyErasures } from './reapply-erasures.ts';
import { createDb, type Db, ensureTable, toItem } from './store/dynamo.ts';
import { responseBesideKey, responseKey, tombstoneKey } from './store/layout.ts';
import { ResponseStore } from './store/responses.ts';
import { tombstonePages } from './store/tombstones.ts';
import { nightAfter, responseOn } from './testing/days.ts';
import { newResponseId, testApp } from './testing/harness.ts';

let clock = new Date('2026-11-23T10:00:00Z');
const DAY = '2026-11-18';
let t: Awaited<ReturnType<typeof testApp>>;
let mine: { id: string; adminKey: string };
let theirs: { id: string; adminKey: string };
let surveyId: string;
let theirSurvey: string;
/** Erased by staff, erased with its receipt, kept. */
const [byStaff, byReceipt, kept] = [newResponseId(), newResponseId(), newResponseId()];
/** An id both territories answered with: theirs is stored beside mine, and only theirs is erased. */
const shared = newResponseId();
/** The items erased, as a backup taken before the erasures holds them. */
const backup: Record<string, AttributeValue>[] = [];

const nextNight = () => {
  clock = nightAfter(clock);
};
const night = async () => {
  nextNight();
  await nightlyRun({ stores: t.deps.stores, now: () => clock });
};
/** The day's count as the night aggregated it (a day left with no response has no aggregate). */
const counted = async (s: string) => (await t.deps.stores.aggregates.days(s, DAY, DAY))[0]?.aggregate.responses ?? 0;
const dirty = async (s: string) => (await t.deps.stores.responses.dirtyDays(s)).map((d) => d.day);

const erasedKeys = () => [responseKey(byStaff), responseKey(byReceipt), responseBesideKey(shared, theirs.id)];
async function itemOf(db: Db, key: { PK: string; SK: string }) {
  return (await db.client.send(new GetItemCommand({ TableName: db.table, Key: toItem(key), ConsistentRead: true })))
    .Item;
}
/** What a restore does: the backup's items written back as they were. */
async function restoreInto(db: Db) {
  for (const Item of backup) await db.client.send(new PutItemCommand({ TableName: db.table, Item }));
}
async function present(db: Db) {
  const found = [];
  for (const key of erasedKeys()) if (await itemOf(db, key)) found.push(key.SK);
  return found;
}
async function tombstonesIn(db: Db) {
  let n = 0;
  for await (const page of tombstonePages(db)) n += page.length;
  return n;
}

beforeAll(async () => {
  t = await testApp({ now: () => clock });
  mine = await t.createTerritory();
  theirs = await t.createTerritory();
  surveyId = await t.createLiveSurvey(mine.id, mine.adminKey);
  theirSurvey = await t.createLiveSurvey(theirs.id, theirs.adminKey);
  const receipts: Record<string, string> = {};
  for (const [s, id] of [
    [surveyId, byStaff],
    [surveyId, byReceipt],
    [surveyId, kept],
    [surveyId, shared],
    [theirSurvey, shared],
  ] as const) {
    const res = await t.call('POST', `/v1/surveys/${s}/responses`, { body: responseOn(DAY, id) });
    expect(res.status).toBe(201);
    receipts[`${s}/${id}`] = res.json.receipt as string;
  }
  await night();
  expect(await counted(surveyId)).toBe(4);
  expect(await counted(theirSurvey)).toBe(1);

  for (const key of erasedKeys()) {
    const item = await itemOf(t.db, key);
    if (item) backup.push(item);
  }
  expect(backup).toHaveLength(3);

  const staff = await t.call('DELETE', `/v1/territories/${mine.id}/responses/${byStaff}`, { key: mine.adminKey });
  expect(staff.status).toBe(204);
  for (const [s, id] of [
    [surveyId, byReceipt],
    [theirSurvey, shared],
  ] as const) {
    const receipt = encodeURIComponent(receipts[`${s}/${id}`]!);
    expect((await t.call('DELETE', `/v1/responses/${id}?receipt=${receipt}`)).status).toBe(204);
  }
  await night();
  expect(await counted(surveyId)).toBe(2);
  expect(await counted(theirSurvey)).toBe(0);
  expect(await dirty(surveyId)).not.toContain(DAY);
  expect(await present(t.db)).toEqual([]);
});

describe('erasures made again after a restore', () => {
  it('leaves a tombstone on both paths, naming the copy and its survey, nothing of the respondent', async () => {
    const tombstones = [];
    for await (const page of tombstonePages(t.db)) tombstones.push(...page);
    expect(tombstones).toHaveLength(3);
    expect(tombstones).toEqual(
      expect.arrayContaining([
        { copy: responseKey(byStaff), surveyId },
        { copy: responseKey(byReceipt), surveyId },
        { copy: responseBesideKey(shared, theirs.id), surveyId: theirSurvey },
      ]),
    );
    // Nothing more than keys and the survey: no answer, no day, no hash of the body.
    for (const key of erasedKeys()) {
      const item = await itemOf(t.db, tombstoneKey(key));
      expect(Object.keys(unmarshall(item ?? {})).sort()).toEqual(
        ['GSI1PK', 'GSI1SK', 'PK', 'SK', 'copyPK', 'copySK', 'surveyId'].sort(),
      );
      expect(JSON.stringify(item)).not.toContain('Lices');
    }
    // The erasure records staff can list still say who and when, never what.
    const records = await t.call('GET', `/v1/territories/${mine.id}/erasures`, { key: mine.adminKey });
    expect(records.json.items).toHaveLength(1);
    expect(records.text).not.toContain(byStaff);
  });

  it('removes from a restored table the responses erased since its backup, copies the tombstones, and a second run removes none', async () => {
    const restored = createDb({
      table: `restored-${randomBytes(6).toString('hex')}`,
      endpoint: inject('dynamoEndpoint'),
      timeoutMs: 10_000,
    });
    await ensureTable(restored);
    await restoreInto(restored);
    expect(await present(restored)).toHaveLength(3);

    const first = await reapplyErasures({ from: t.db, to: restored, now: () => clock });
    expect(first).toEqual({ tombstones: 3, removed: 3, daysMarked: 2 });
    expect(await present(restored)).toEqual([]);
    expect(await tombstonesIn(restored)).toBe(3);
    // Their days are marked in the restored table, for its first night.
    const restoredResponses = new ResponseStore(restored);
    expect((await restoredResponses.dirtyDays(surveyId)).map((d) => d.day)).toEqual([DAY]);
    expect((await restoredResponses.dirtyDays(theirSurvey)).map((d) => d.day)).toEqual([DAY]);
    const none = { tombstones: 3, removed: 0, daysMarked: 0 };
    expect(await reapplyErasures({ from: t.db, to: restored, now: () => clock })).toEqual(none);
    expect(await reapplyErasures({ from: restored, to: restored, now: () => clock })).toEqual(none);
  });

  it('removes them from the table itself, marks their days, the night counts them out, and a second run removes none', async () => {
    await restoreInto(t.db);
    expect(await present(t.db)).toHaveLength(3);
    // Mine is still there beside theirs: only their copy of the shared id was erased.
    expect(await itemOf(t.db, responseKey(shared))).toBeDefined();

    expect(await reapplyErasures({ from: t.db, to: t.db, now: () => clock })).toEqual({
      tombstones: 3,
      removed: 3,
      daysMarked: 2,
    });
    expect(await present(t.db)).toEqual([]);
    expect(await itemOf(t.db, responseKey(shared))).toBeDefined();
    expect(await dirty(surveyId)).toContain(DAY);
    expect(await dirty(theirSurvey)).toContain(DAY);

    await night();
    expect(await counted(surveyId)).toBe(2);
    expect(await counted(theirSurvey)).toBe(0);
    expect(await reapplyErasures({ from: t.db, to: t.db, now: () => clock })).toEqual({
      tombstones: 3,
      removed: 0,
      daysMarked: 0,
    });
  });

  it('runs as `npm run reapply-erasures`, and reports what it removed', async () => {
    await restoreInto(t.db);
    const run = (args: string[]) =>
      promisify(execFile)('npx', ['tsx', 'functions/reapply-erasures.ts', ...args], { timeout: 120_000 });
    const args = ['--table', t.db.table, '--endpoint', inject('dynamoEndpoint')];
    expect((await run(args)).stdout).toMatch(/3 response\(s\) removed/);
    expect(await present(t.db)).toEqual([]);
    expect((await run(args)).stdout).toMatch(/0 response\(s\) removed/);
  });
});
