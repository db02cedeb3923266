import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayIn } from '#analytics/calendar.ts';
import { syntheticResponses } from '#analytics/synthetic.ts';
import { toItem } from '../store/dynamo.ts';
import { surveyVersionKey } from '../store/layout.ts';
import { testApp } from '../testing/harness.ts';
import { jobStatus } from '../work/jobs.ts';
import { dispatchNight, nightJobId } from './dispatch.ts';

const now = new Date('2026-11-30T02:00:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
/** Territory → its survey and the answers stored yesterday. */
const territories = new Map<string, { surveyId: string; adminKey: string; answers: number }>();
let poisoned: string;

beforeAll(async () => {
  t = await testApp({ now: () => now });
  const yesterday = addDays(dayIn(now, 'Europe/Paris'), -1);
  for (const [k, answers] of [4, 7, 2].entries()) {
    const { id, adminKey } = await t.createTerritory();
    const surveyId = await t.createLiveSurvey(id, adminKey);
    const responses = syntheticResponses(t.demo, { surveyId, day: yesterday, count: answers, seed: 20 + k });
    await t.deps.stores.responses.putMany(responses.map((r) => ({ ...r, id: crypto.randomUUID() })));
    territories.set(id, { surveyId, adminKey, answers });
  }
  // One territory's data is broken: a survey version that does not parse fails its night every time.
  const broken = await t.createTerritory();
  const surveyId = await t.createLiveSurvey(broken.id, broken.adminKey);
  await t.db.client.send(
    new PutItemCommand({
      TableName: t.db.table,
      Item: toItem({ ...surveyVersionKey(surveyId, 999), surveyId, version: 999, definition: '{not json' }),
    }),
  );
  poisoned = broken.id;
});

describe('the night fanned out, one unit of work per territory', () => {
  it('aggregates every territory, and one that always fails is set aside without holding up the others', async () => {
    const sent = await dispatchNight({ stores: t.deps.stores, now: () => now, queue: t.work.queue });
    expect(sent.territories).toBe(territories.size + 1);
    await t.workDone();
    for (const [id, { answers }] of territories) {
      const job = await t.deps.stores.jobs.get(nightJobId(now, id));
      expect(job, id).toMatchObject({ territory: id, kind: 'night', done: 1, failed: 0, responses: answers });
    }
    const failed = await t.deps.stores.jobs.get(nightJobId(now, poisoned));
    expect(failed && jobStatus(failed)).toBe('failed');
    expect(t.work.queue.deadLetters.map((d) => d.unit.territory)).toEqual([poisoned]);
    // What the nights wrote is what reports read.
    for (const { surveyId, adminKey, answers } of territories.values()) {
      const report = await t.call('GET', `/v1/surveys/${surveyId}/report?from=2026-11-01&to=2026-11-29`, {
        key: adminKey,
      });
      expect(report.json.overall.n).toBe(answers);
    }
  });

  it('sent again (a retried dispatch), finds the same jobs and counts no territory twice', async () => {
    await dispatchNight({ stores: t.deps.stores, now: () => now, queue: t.work.queue });
    await t.workDone();
    for (const [id, { answers }] of territories)
      expect(await t.deps.stores.jobs.get(nightJobId(now, id))).toMatchObject({ done: 1, responses: answers });
  });
});
