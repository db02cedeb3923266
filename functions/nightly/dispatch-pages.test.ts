import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../deps.ts';
import { toItem } from '../store/dynamo.ts';
import { territoryKey } from '../store/layout.ts';
import { testApp } from '../testing/harness.ts';
import { jobStatus } from '../work/jobs.ts';
import { LocalWorkQueue, type WorkQueue } from '../work/queue.ts';
import type { WorkUnit } from '../work/units.ts';
import { runUnit } from '../work/worker.ts';
import { dispatchNight, nightJobId } from './dispatch.ts';

const now = new Date('2026-11-30T02:00:00Z');
const PAGE = 3;
let t: Awaited<ReturnType<typeof testApp>>;
/** Territories with a live survey (a night due), one with nothing due, one whose settings do not parse. */
const live: string[] = [];
let idle: string;
let poisoned: string;
/** Every unit sent to the queue, and every unit the worker started (retries included). */
const sent: WorkUnit[] = [];
const started: WorkUnit[] = [];
let local: LocalWorkQueue;
/** The queue as the dispatcher and the worker see it: the real local queue, each unit sent noted. */
const queue: WorkQueue = {
  enqueue: async (units) => {
    sent.push(...units);
    await local.enqueue(units);
  },
};

/** An invocation always short of time: every dispatch hands on after its first page. */
const noTimeLeft = () => 0;

beforeAll(async () => {
  t = await testApp({ now: () => now });
  for (let k = 0; k < 7; k++) {
    const { id, adminKey } = await t.createTerritory();
    await t.createLiveSurvey(id, adminKey);
    live.push(id);
  }
  idle = (await t.createTerritory()).id;
  const broken = await t.createTerritory();
  await t.createLiveSurvey(broken.id, broken.adminKey);
  await t.db.client.send(
    new UpdateItemCommand({
      TableName: t.db.table,
      Key: toItem(territoryKey(broken.id)),
      UpdateExpression: 'SET #data = :broken',
      ExpressionAttributeNames: { '#data': 'data' },
      ExpressionAttributeValues: toItem({ ':broken': '{not json' }),
    }),
  );
  poisoned = broken.id;
  // The worker as npm start builds it (functions/local/work.ts), short of time like the dispatcher.
  local = new LocalWorkQueue({ concurrency: 2, maxAttempts: 2, retryDelayMs: 20 });
  // Stores of its own, as the worker Lambda has: no settings cached by the API's requests.
  const stores = createStores(t.db);
  local.serve((unit, attempt) => {
    started.push(unit);
    const ctx = { stores, now: () => now, exports: t.work.exports, queue, remainingMs: noTimeLeft, pageSize: PAGE };
    return runUnit(ctx, unit, attempt);
  });
});

const nights = (units: WorkUnit[], territory: string) =>
  units.filter((u) => u.kind === 'night' && u.territory === territory).length;

describe('a dispatch larger than one page, handed on page by page', () => {
  it('sends every due territory’s night exactly once, across pages, and one poisoned territory holds up none', async () => {
    const all = await t.deps.stores.territories.ids();
    const first = await dispatchNight({
      stores: t.deps.stores,
      now: () => now,
      queue,
      pageSize: PAGE,
      remainingMs: noTimeLeft,
    });
    expect(first.pages).toBe(1);
    expect(first.handedOn).toBe(all[PAGE - 1]);
    await local.drain();

    // Each page after the first was handed on once, from the last territory of the page before.
    const handed = sent.filter((u) => u.kind === 'dispatch').map((u) => u.after);
    expect(handed).toEqual(all.filter((_, i) => (i + 1) % PAGE === 0 && i + 1 < all.length));
    for (const id of [...live, poisoned]) {
      expect(nights(sent, id), id).toBe(1);
      expect(await t.deps.stores.jobs.get(nightJobId(now, id)), id).toBeDefined();
    }
    for (const id of live) {
      expect(nights(started, id), id).toBe(1);
      expect(await t.deps.stores.jobs.get(nightJobId(now, id)), id).toMatchObject({ done: 1, failed: 0 });
    }
    // Nothing due: no unit, no job.
    expect(nights(sent, idle)).toBe(0);
    expect(await t.deps.stores.jobs.get(nightJobId(now, idle))).toBeUndefined();
    // Unreadable settings: its night is sent anyway, fails where it is seen, and is set aside.
    const failed = await t.deps.stores.jobs.get(nightJobId(now, poisoned));
    expect(failed && jobStatus(failed)).toBe('failed');
    expect(local.deadLetters.map((d) => d.unit.territory)).toEqual([poisoned]);
  });

  it('run again the same night (a retried dispatch), sends no night twice and counts none twice', async () => {
    const before = sent.length;
    const again = await dispatchNight({ stores: t.deps.stores, now: () => now, queue, pageSize: PAGE });
    await local.drain();
    expect(again).toMatchObject({ territories: live.length + 1, skipped: 1 });
    expect(again.handedOn).toBeUndefined();
    expect(sent.slice(before).filter((u) => u.kind === 'night')).toEqual([]);
    for (const id of live)
      expect(await t.deps.stores.jobs.get(nightJobId(now, id)), id).toMatchObject({ done: 1, failed: 0 });
  });
});
