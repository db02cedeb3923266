/**
 * A report that finds pending days queues their aggregation, once however many views ask, and
 * answers whatever the queue does; the job, once run, is what the report then counts.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { withCapturedLogs } from '../testing/logs.ts';
import { newResponseId, testApp } from '../testing/harness.ts';

/** The clock the app reads: answers arrive on the 20th, the next day is the 21st. */
let now = new Date('2026-11-20T10:00:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
let territory: { id: string; adminKey: string };
const PERIOD = 'from=2026-11-01&to=2026-11-30';
const DAYS = ['2026-11-18', '2026-11-19'];

beforeAll(async () => {
  t = await testApp({ now: () => now });
  territory = await t.createTerritory();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** `count` answers to the demo survey on each of DAYS, through the public route (which marks their days). */
async function answer(surveyId: string, count: number): Promise<number> {
  for (const day of DAYS) {
    for (let i = 0; i < count; i++) {
      const res = await t.call('POST', `/v1/surveys/${surveyId}/responses`, {
        body: {
          id: newResponseId(),
          locale: 'fr',
          audience: 'visitor',
          answers: { recommend: 6 + (i % 5), sat_welcome: 1 + (i % 5), img_place: 1 + (i % 7) },
          submittedAt: `${day}T15:00:00+01:00`,
        },
      });
      if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
    }
  }
  return count * DAYS.length;
}

const report = (surveyId: string, key = territory.adminKey) =>
  t.call('GET', `/v1/surveys/${surveyId}/report?${PERIOD}`, { key });

describe('GET /v1/surveys/{id}/report with days not yet aggregated', () => {
  it('queues one job for them however many views ask, and counts them once it has run', async () => {
    now = new Date('2026-11-20T10:00:00Z');
    const surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
    const posted = await answer(surveyId, 6);
    const sent = vi.spyOn(t.work.queue, 'enqueue');

    const first = await report(surveyId);
    expect(first.status).toBe(200);
    expect(first.json.pending).toEqual(DAYS);
    expect(first.json.overall.n).toBe(0);
    const job = first.json.pendingJob as { id: string; status: string; location: string };
    expect(job).toEqual({
      id: expect.any(String),
      status: 'queued',
      location: `/v1/territories/${territory.id}/aggregations/${job.id}`,
    });
    expect(sent).toHaveBeenCalledTimes(1);
    // One unit: the survey's two days fall in one month.
    expect(sent.mock.calls[0]?.[0]).toEqual([
      { kind: 'days', territory: territory.id, surveyId, days: DAYS, jobId: job.id },
    ]);

    // Views right after, some at once: the days are still pending, and nothing more is queued.
    const again = await Promise.all([report(surveyId), report(surveyId), report(surveyId)]);
    for (const r of again) {
      expect(r.status).toBe(200);
      expect(r.json.pendingJob.id).toBe(job.id);
    }
    expect(sent).toHaveBeenCalledTimes(1);

    await t.workDone();
    const followed = await t.call('GET', job.location, { key: territory.adminKey });
    expect(followed.json).toMatchObject({
      kind: 'aggregation',
      status: 'done',
      from: DAYS[0],
      to: DAYS[1],
      days: 2,
      responses: posted,
    });
    // Counted now; their marks stay until the day they arrived on is over, so the days are still said pending.
    const counted = await report(surveyId);
    expect(counted.json.overall.n).toBe(posted);
    expect(counted.json.pendingJob).toMatchObject({ id: job.id, status: 'done' });
    expect(sent).toHaveBeenCalledTimes(1);

    // The next day the marks can close: the next view queues a job that clears them.
    now = new Date('2026-11-21T10:00:00Z');
    const nextDay = await report(surveyId);
    expect(nextDay.json.pending).toEqual(DAYS);
    expect(nextDay.json.pendingJob.id).not.toBe(job.id);
    expect(sent).toHaveBeenCalledTimes(2);
    await t.workDone();
    const done = await report(surveyId);
    expect(done.status).toBe(200);
    expect(done.json.pending).toBeUndefined();
    expect(done.json.pendingJob).toBeUndefined();
    expect(done.json.overall.n).toBe(posted);
    expect(sent).toHaveBeenCalledTimes(2);
  });

  it('queues nothing for a caller who may not see the survey', async () => {
    now = new Date('2026-11-20T10:00:00Z');
    const surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
    await answer(surveyId, 2);
    const other = await t.createTerritory();
    const sent = vi.spyOn(t.work.queue, 'enqueue');
    expect((await report(surveyId, other.adminKey)).status).toBe(404);
    expect((await t.call('GET', `/v1/surveys/${surveyId}/report?${PERIOD}`)).status).toBe(401);
    expect(sent).not.toHaveBeenCalled();
  });

  it('answers the report when the queue refuses the job, logs it, and queues it at the next view', async () => {
    now = new Date('2026-11-20T10:00:00Z');
    const surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
    await answer(surveyId, 2);
    const lines: string[] = [];
    const refused = await withCapturedLogs(lines, async () => {
      vi.spyOn(t.work.queue, 'enqueue').mockRejectedValueOnce(new Error('queue unreachable'));
      return report(surveyId);
    });
    expect(refused.status).toBe(200);
    expect(refused.json.pending).toEqual(DAYS);
    expect(refused.json.pendingJob).toBeUndefined();
    const logged = lines.filter((l) => l.includes('catch-up not queued')).map((l) => JSON.parse(l));
    expect(logged).toEqual([
      expect.objectContaining({ level: 'ERROR', error: 'Error: queue unreachable', territory: territory.id }),
    ]);

    // The record of the job that was not sent is gone: the next view, in the same ten minutes, queues it.
    const sent = vi.spyOn(t.work.queue, 'enqueue');
    const next = await report(surveyId);
    expect(next.json.pendingJob).toMatchObject({ status: 'queued' });
    expect(sent).toHaveBeenCalledTimes(1);
    await t.workDone();
  });
});
