/**
 * Closed surveys skipped at night, on DynamoDB Local with a clock the test moves: a territory
 * whose survey closed long ago, with nothing pending, gets no unit of work; a late answer to a
 * survey closed days ago, or an erasure from one closed months ago, is still aggregated.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayIn } from '#analytics/calendar.ts';
import type { SurveyRecord } from '../model.ts';
import { newResponseId, testApp } from '../testing/harness.ts';
import { dispatchNight, nightJobId } from './dispatch.ts';
import { surveyDue } from './due.ts';
import { nightlyRun } from './job.ts';
import { expireFreeText } from './retention.ts';

let clock = Date.parse('2026-09-01T08:00:00Z');
const now = () => new Date(clock);
const at = (iso: string) => {
  clock = Date.parse(iso);
};

let t: Awaited<ReturnType<typeof testApp>>;
/** Closed on 2026-09-01, its answers aggregated since: nothing about it can change but by an erasure. */
let settled: { id: string; surveyId: string; erasable: { id: string; receipt: string } };
/** Closed on 2026-11-25; a late answer made the day before comes on the 28th. */
let recent: { id: string; surveyId: string };
/** Only a draft: nothing to aggregate, nothing to report. */
let drafts: { id: string };
let live: { id: string };

async function respond(surveyId: string, recommend: number, submittedAt: string) {
  const res = await t.call('POST', `/v1/surveys/${surveyId}/responses`, {
    body: { id: newResponseId(), audience: 'visitor', locale: 'fr', answers: { recommend }, submittedAt },
  });
  expect(res.status, res.text).toBe(201);
  return { id: res.json.id as string, receipt: res.json.receipt as string };
}

async function close(surveyId: string, adminKey: string) {
  const res = await t.call('POST', `/v1/surveys/${surveyId}/status`, { key: adminKey, body: { status: 'closed' } });
  expect(res.status, res.text).toBe(200);
}

const counted = async (surveyId: string, day: string) =>
  (await t.deps.stores.aggregates.days(surveyId, day, day)).reduce((k, d) => k + d.aggregate.responses, 0);

const dispatch = () => dispatchNight({ stores: t.deps.stores, now, queue: t.work.queue });
const unitSent = async (territory: string) =>
  (await t.deps.stores.jobs.get(nightJobId(now(), territory))) !== undefined;

beforeAll(async () => {
  t = await testApp({ now });
  const a = await t.createTerritory();
  const surveyId = await t.createLiveSurvey(a.id, a.adminKey);
  const erasable = await respond(surveyId, 10, '2026-09-01T09:00:00+02:00');
  await respond(surveyId, 3, '2026-09-01T09:30:00+02:00');
  at('2026-09-01T12:00:00Z');
  await close(surveyId, a.adminKey);
  settled = { id: a.id, surveyId, erasable };

  at('2026-11-20T08:00:00Z');
  const b = await t.createTerritory();
  recent = { id: b.id, surveyId: await t.createLiveSurvey(b.id, b.adminKey) };
  at('2026-11-25T12:00:00Z');
  await close(recent.surveyId, b.adminKey);

  const c = await t.createTerritory();
  const draft = await t.call('POST', `/v1/territories/${c.id}/surveys`, { key: c.adminKey, body: t.demo });
  expect(draft.status, draft.text).toBe(201);
  drafts = { id: c.id };
  const d = await t.createTerritory();
  await t.createLiveSurvey(d.id, d.adminKey);
  live = { id: d.id };

  // The nights up to now ran: the settled survey's answers are aggregated, its marks cleared.
  at('2026-11-27T02:30:00Z');
  await nightlyRun({ stores: t.deps.stores, now });
  expect(await counted(settled.surveyId, '2026-09-01')).toBe(2);
  expect(await t.deps.stores.responses.dirtyDays(settled.surveyId)).toEqual([]);
});

describe('closed surveys at night', () => {
  it('sends no unit for a territory with nothing live and nothing pending, and one for those with work', async () => {
    at('2026-11-28T10:00:00Z');
    // Made the day before the closing, sent three days after it: accepted, its day marked dirty.
    await respond(recent.surveyId, 9, '2026-11-24T18:00:00+01:00');

    at('2026-11-30T02:00:00Z');
    const sent = await dispatch();
    await t.workDone();
    expect(sent).toEqual({ territories: 2, skipped: 2, pages: 1 });
    expect(await unitSent(settled.id)).toBe(false);
    expect(await unitSent(drafts.id)).toBe(false);
    expect(await unitSent(live.id)).toBe(true);
    expect(await unitSent(recent.id)).toBe(true);
    expect(await counted(recent.surveyId, '2026-11-24')).toBe(1);
  });

  it('sends the night again for a long-closed survey once an erasure marks one of its days', async () => {
    at('2026-12-02T10:00:00Z');
    const res = await t.call(
      'DELETE',
      `/v1/responses/${settled.erasable.id}?receipt=${encodeURIComponent(settled.erasable.receipt)}`,
    );
    expect(res.status, res.text).toBe(204);

    at('2026-12-03T02:00:00Z');
    await dispatch();
    await t.workDone();
    expect(await unitSent(settled.id)).toBe(true);
    expect(await counted(settled.surveyId, '2026-09-01')).toBe(1);

    // Its mark cleared, the next night has nothing for it again.
    at('2026-12-04T02:00:00Z');
    await dispatch();
    await t.workDone();
    expect(await unitSent(settled.id)).toBe(false);
  });

  it('keeps a survey closed over 30 days ago due until its closing month has been reported', async () => {
    const territory = await t.deps.stores.territories.get(settled.id);
    if (!territory) throw new Error('no territory');
    const closedLateOctober: SurveyRecord = {
      id: 'never-stored',
      territory: settled.id,
      status: 'closed',
      version: 1,
      createdAt: '2026-10-01T08:00:00Z',
      updatedAt: '2026-10-25T08:00:00Z',
      closedAt: '2026-10-25T08:00:00Z',
    };
    at('2026-11-30T02:00:00Z');
    expect(await surveyDue({ stores: t.deps.stores, now }, territory, closedLateOctober)).toBe(true);
    at('2026-12-01T02:00:00Z');
    expect(await surveyDue({ stores: t.deps.stores, now }, territory, closedLateOctober)).toBe(false);
    const { closedAt: _undated, ...closedBeforeClosingsWereDated } = closedLateOctober;
    expect(await surveyDue({ stores: t.deps.stores, now }, territory, closedBeforeClosingsWereDated)).toBe(true);
  });

  it('keeps a long-closed survey due on the nights its free text passes the retention', async () => {
    const territory = await t.deps.stores.territories.get(settled.id);
    const survey = await t.deps.stores.surveys.get(settled.surveyId, true);
    if (!territory || !survey) throw new Error('no territory or survey');
    at('2026-12-05T02:00:00Z');
    // Kept a year (the default), its answers of 2026-09-01 keep their free text until September 2027.
    expect(await surveyDue({ stores: t.deps.stores, now }, territory, survey)).toBe(false);
    // Kept 30 days, they are past it: due until a night removes it.
    const shortRetention = { ...territory, responses: { freeTextDays: 30 } };
    expect(await surveyDue({ stores: t.deps.stores, now }, shortRetention, survey)).toBe(true);
    await expireFreeText({ stores: t.deps.stores, now }, shortRetention, survey);
    expect(await t.deps.stores.textExpiry.through(settled.surveyId)).toBe(addDays(dayIn(now(), 'Europe/Paris'), -31));
    expect(await surveyDue({ stores: t.deps.stores, now }, shortRetention, survey)).toBe(false);
  });
});
