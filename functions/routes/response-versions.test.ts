/**
 * An instance keeps a survey's version a day once it has read it (store/surveys.ts), so a
 * response reads it once a day, not once each. A version replaced meanwhile must still stop being
 * answerable 30 days after, on an instance that kept it from before: its copy without
 * `replacedAt` is gone within the day.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newResponseId, testApp } from '../testing/harness.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let surveyId: string;
let adminKey: string;

/** Days pass for the app's caches too (they read Date.now): the clock is faked for Date alone. */
const later = (days: number) => vi.setSystemTime(Date.now() + days * 86_400_000);

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-01T10:00:00Z') });
  t = await testApp();
  const territory = await t.createTerritory({ limits: { submissionsPerMinute: 10_000 } });
  adminKey = territory.adminKey;
  surveyId = await t.createLiveSurvey(territory.id, adminKey);
});

const answer = (version: number) => ({
  id: newResponseId(),
  audience: 'visitor',
  locale: 'fr',
  version,
  submittedAt: new Date().toISOString(),
  answers: { recommend: 9 },
});

afterAll(() => {
  vi.useRealTimers();
});

describe('a version kept by an instance', () => {
  it('is refused 30 days after it was replaced, though the instance read it before', async () => {
    const other = t.anotherInstance();
    const post = async (version: number) =>
      other.request(`/v1/surveys/${surveyId}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(answer(version)),
      });
    expect((await post(1)).status, 'the instance reads version 1 and keeps it').toBe(201);

    const v2 = { ...t.demo, questions: t.demo.questions.filter((q) => q.id !== 'comment') };
    expect((await t.call('PUT', `/v1/surveys/${surveyId}`, { key: adminKey, body: v2 })).json.version).toBe(2);
    later(10);
    expect((await post(1)).status, 'still answerable 10 days after').toBe(201);

    later(21);
    const late = await post(1);
    expect(late.status).toBe(400);
    expect(((await late.json()) as { error: { message: string } }).error.message).toBe('version too old');
    expect((await post(2)).status).toBe(201);
  });
});
