import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '#analytics/calendar.ts';
import { syntheticResponses } from '#analytics/synthetic.ts';
import { testApp } from '../testing/harness.ts';
import { SYNC_SURVEY_DAYS } from './reports.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let territory: { id: string; adminKey: string };
let surveyId: string;
/** Responses stored per day, written here: what every way of aggregating must count. */
const stored = new Map<string, number>();
const now = new Date('2026-11-30T10:00:00Z');

beforeAll(async () => {
  t = await testApp({ now: () => now });
  territory = await t.createTerritory();
  surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
  // Answers on days across two years, a few a day, written straight to the table.
  const days = ['2025-01-15', '2025-06-30', '2025-07-01', '2026-02-28', '2026-11-20'];
  for (const [k, day] of days.entries()) {
    const answers = syntheticResponses(t.demo, { surveyId, day, count: 3 + k, seed: 40 + k });
    await t.deps.stores.responses.putMany(answers.map((r) => ({ ...r, id: crypto.randomUUID() })));
    stored.set(day, answers.length);
  }
});

const total = (from: string, to: string) =>
  [...stored].filter(([day]) => day >= from && day <= to).reduce((s, [, n]) => s + n, 0);

describe('POST /v1/territories/{t}/aggregations as a job', () => {
  it('answers 202 past the synchronous limit, and the job, once run, counts what a synchronous run counts', async () => {
    const from = '2025-01-01';
    const to = '2026-11-29';
    expect(daysBetween(from, to).length).toBeGreaterThan(SYNC_SURVEY_DAYS);
    const started = await t.call('POST', `/v1/territories/${territory.id}/aggregations`, {
      key: territory.adminKey,
      body: { from, to },
    });
    expect(started.status).toBe(202);
    const location = started.headers.get('location');
    expect(location).toBe(`/v1/territories/${territory.id}/aggregations/${started.json.id}`);
    expect(started.json).toMatchObject({ kind: 'aggregation', status: 'queued', from, to });
    // One unit per survey and month: 23 months of the one survey.
    expect(started.json.progress).toEqual({ done: 0, failed: 0, total: 23 });

    await t.workDone();
    const followed = await t.call('GET', location ?? '', { key: territory.adminKey });
    expect(followed.status).toBe(200);
    expect(followed.json).toMatchObject({
      status: 'done',
      progress: { done: 23, failed: 0, total: 23 },
      days: daysBetween(from, to).length,
      responses: total(from, to),
    });
    // What the job wrote is what reports read: the month roll-ups hold every answer.
    const report = await t.call('GET', `/v1/surveys/${surveyId}/report?from=2025-06-01&to=2025-07-31`, {
      key: territory.adminKey,
    });
    expect(report.json.overall.n).toBe(total('2025-06-01', '2025-07-31'));
  });

  it('keeps small back-fills synchronous (200, as before), and runs any as a job with async=true', async () => {
    const body = { from: '2026-11-01', to: '2026-11-29' };
    const sync = await t.call('POST', `/v1/territories/${territory.id}/aggregations`, {
      key: territory.adminKey,
      body,
    });
    expect(sync.status).toBe(200);
    expect(sync.json).toEqual({ days: 29, responses: total(body.from, body.to) });

    const queued = await t.call('POST', `/v1/territories/${territory.id}/aggregations?async=true`, {
      key: territory.adminKey,
      body,
    });
    expect(queued.status).toBe(202);
    await t.workDone();
    const done = await t.call('GET', queued.headers.get('location') ?? '', { key: territory.adminKey });
    expect(done.json).toMatchObject({ status: 'done', days: sync.json.days, responses: sync.json.responses });
  });

  it('shows a job only to admins of its territory, and the same 404 as an unknown one to others', async () => {
    const queued = await t.call('POST', `/v1/territories/${territory.id}/aggregations?async=true`, {
      key: territory.adminKey,
      body: { from: '2026-11-20', to: '2026-11-20' },
    });
    const other = await t.createTerritory();
    const theirs = await t.call('GET', `/v1/territories/${other.id}/aggregations/${queued.json.id}`, {
      key: other.adminKey,
    });
    const unknown = await t.call('GET', `/v1/territories/${other.id}/aggregations/${crypto.randomUUID()}`, {
      key: other.adminKey,
    });
    expect([theirs.status, unknown.status]).toEqual([404, 404]);
    expect(theirs.json).toEqual(unknown.json);
    const path = queued.headers.get('location') ?? '';
    expect((await t.call('GET', path, { key: other.adminKey })).status).toBe(404);
    expect((await t.call('GET', path)).status).toBe(401);
    const evaluator = await t.call('POST', `/v1/territories/${territory.id}/keys`, {
      key: territory.adminKey,
      body: { role: 'evaluator', label: 'lecture' },
    });
    expect((await t.call('GET', path, { key: evaluator.json.key })).status).toBe(403);
  });

  it('refuses a bad period before making any job', async () => {
    const res = await t.call('POST', `/v1/territories/${territory.id}/aggregations?async=true`, {
      key: territory.adminKey,
      body: { from: '2026-11-20', to: addDays('2026-11-20', -1) },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
  });
});

describe('a unit delivered twice', () => {
  it('counts once in its job (SQS delivers at least once)', async () => {
    const queued = await t.call('POST', `/v1/territories/${territory.id}/aggregations?async=true`, {
      key: territory.adminKey,
      body: { from: '2026-11-20', to: '2026-11-20' },
    });
    await t.workDone();
    const id = queued.json.id as string;
    const before = await t.deps.stores.jobs.get(id);
    // The same unit's mark again, as a redelivered message would record it.
    expect(await t.deps.stores.jobs.finishUnit(id, `${surveyId}:2026-11`, { responses: 99 }, now.toISOString())).toBe(
      false,
    );
    expect(await t.deps.stores.jobs.get(id)).toEqual(before);
    expect(before).toMatchObject({ done: 1, total: 1, responses: total('2026-11-20', '2026-11-20') });
  });
});
