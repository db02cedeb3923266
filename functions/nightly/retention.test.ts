import { beforeAll, describe, expect, it } from 'vitest';
import { dayIn } from '#analytics/calendar.ts';
import { newResponseId, testApp } from '../testing/harness.ts';
import { aggregateSurveyDays, nightlyRun } from './job.ts';

const DAY_MS = 86_400_000;
const START = new Date('2026-03-02T10:00:00Z');
let clock = START;
let t: Awaited<ReturnType<typeof testApp>>;
let brief: { id: string; adminKey: string };
let usual: { id: string; adminKey: string };
let briefSurvey: string;
let usualSurvey: string;
const TEXT = 'Marie Dupont, 12 rue des Lices, a été très aimable';

const bodyOf = (id: string) => ({
  id,
  audience: 'visitor',
  locale: 'fr',
  answers: { recommend: 9, sat_welcome: 4, origin: 'france', comment: TEXT },
});
const post = async (surveyId: string, body: ReturnType<typeof bodyOf>) =>
  t.call('POST', `/v1/surveys/${surveyId}/responses`, { body });
const run = () => nightlyRun({ stores: t.deps.stores, now: () => clock });
const stored = async (id: string) => (await t.deps.stores.responses.get(id))?.answers;

const old = bodyOf(newResponseId());
const recent = bodyOf(newResponseId());
const elsewhere = bodyOf(newResponseId());
let receipt: string;

beforeAll(async () => {
  t = await testApp({ now: () => clock });
  brief = await t.createTerritory({ limits: { submissionsPerMinute: 1000 }, responses: { freeTextDays: 30 } });
  usual = await t.createTerritory({ limits: { submissionsPerMinute: 1000 } });
  briefSurvey = await t.createLiveSurvey(brief.id, brief.adminKey);
  usualSurvey = await t.createLiveSurvey(usual.id, usual.adminKey);
  receipt = (await post(briefSurvey, old)).json.receipt;
  await post(usualSurvey, elsewhere);
  clock = new Date(START.getTime() + DAY_MS);
  await run();
  clock = new Date(START.getTime() + 25 * DAY_MS);
  await post(briefSurvey, recent);
});

describe('the retention of free-text answers', () => {
  it('removes free text past the territory’s days at the next nightly run, and keeps the rest', async () => {
    const oldDay = dayIn(START, 'Europe/Paris');
    const before = await t.deps.stores.aggregates.days(briefSurvey, oldDay, oldDay);
    expect(await stored(old.id)).toHaveProperty('comment', TEXT);

    clock = new Date(START.getTime() + 30 * DAY_MS); // 30 days kept: not yet
    await run();
    expect(await stored(old.id)).toHaveProperty('comment', TEXT);

    clock = new Date(START.getTime() + 31 * DAY_MS + 60_000);
    await run();
    expect(await stored(old.id)).toEqual({ recommend: 9, sat_welcome: 4, origin: 'france' });
    expect(await stored(recent.id)).toHaveProperty('comment', TEXT);
    expect(await t.deps.stores.textExpiry.through(briefSurvey)).toBe(oldDay);

    // The numeric answers stay in the aggregates, even when the day is computed again.
    await aggregateSurveyDays({ stores: t.deps.stores, now: () => clock }, briefSurvey, [oldDay]);
    expect(await t.deps.stores.aggregates.days(briefSurvey, oldDay, oldDay)).toEqual(before);

    const csv = await t.call('GET', `/v1/surveys/${briefSurvey}/responses.csv?from=${oldDay}&to=${oldDay}`, {
      key: brief.adminKey,
    });
    expect(csv.text).toContain(old.id);
    expect(csv.text).not.toContain('Lices');
  });

  it('keeps 365 days where the territory says nothing', async () => {
    expect(await stored(elsewhere.id)).toHaveProperty('comment', TEXT);
  });

  it('still recognises a replay of the original body (200, the same receipt) and stores nothing back', async () => {
    const replay = await post(briefSurvey, old);
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual({ id: old.id, receipt });
    expect(await stored(old.id)).not.toHaveProperty('comment');
    const erased = await t.call('DELETE', `/v1/responses/${old.id}?receipt=${encodeURIComponent(receipt)}`);
    expect(erased.status).toBe(204);
  });
});
