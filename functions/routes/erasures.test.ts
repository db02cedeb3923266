import { beforeAll, describe, expect, it } from 'vitest';
import { nightlyRun } from '../nightly/job.ts';
import { nightAfter, responseOn } from '../testing/days.ts';
import { newResponseId, testApp } from '../testing/harness.ts';

let clock = new Date('2026-11-23T10:00:00Z');
const DAY = '2026-11-18';
let t: Awaited<ReturnType<typeof testApp>>;
let mine: { id: string; adminKey: string };
let theirs: { id: string; adminKey: string };
let surveyId: string;
const posted: string[] = [];

const nextNight = () => {
  clock = nightAfter(clock);
};
const responsesOfDay = async () => (await t.deps.stores.aggregates.days(surveyId, DAY, DAY))[0]?.aggregate.responses;

beforeAll(async () => {
  t = await testApp({ now: () => clock });
  mine = await t.createTerritory({ limits: { submissionsPerMinute: 10_000 } });
  theirs = await t.createTerritory();
  surveyId = await t.createLiveSurvey(mine.id, mine.adminKey);
  for (let i = 0; i < 3; i++) {
    const id = newResponseId();
    const res = await t.call('POST', `/v1/surveys/${surveyId}/responses`, { body: responseOn(DAY, id) });
    expect(res.status).toBe(201);
    posted.push(id);
  }
  nextNight(); // past the marks' arrival day, so the run clears the marks it handles
  await nightlyRun({ stores: t.deps.stores, now: () => clock });
});

const erase = (territory: string, id: string, key: string) =>
  t.call('DELETE', `/v1/territories/${territory}/responses/${id}`, { key });

describe('DELETE /v1/territories/:t/responses/:responseId', () => {
  it('erases a response without its receipt, marks its day, and the next run counts it out', async () => {
    expect(await responsesOfDay()).toBe(3);
    expect((await t.deps.stores.responses.dirtyDays(surveyId)).map((d) => d.day)).not.toContain(DAY);

    const res = await erase(mine.id, posted[0]!, mine.adminKey);
    expect(res.status).toBe(204);
    expect(await t.deps.stores.responses.get(posted[0]!)).toBeUndefined();
    expect((await t.deps.stores.responses.dirtyDays(surveyId)).map((d) => d.day)).toContain(DAY);

    nextNight();
    await nightlyRun({ stores: t.deps.stores, now: () => clock });
    expect(await responsesOfDay()).toBe(2);
    expect((await t.deps.stores.responses.dirtyDays(surveyId)).map((d) => d.day)).not.toContain(DAY);
    expect((await erase(mine.id, posted[0]!, mine.adminKey)).status).toBe(404);
  });

  it('records who (the key id and label) and when, and nothing of what was erased', async () => {
    const keys = await t.call('GET', `/v1/territories/${mine.id}/keys`, { key: mine.adminKey });
    const admin = (keys.json.items as { id: string; label: string }[])[0]!;
    const records = await t.call('GET', `/v1/territories/${mine.id}/erasures`, { key: mine.adminKey });
    expect(records.status).toBe(200);
    expect(records.json.items).toEqual([
      { at: expect.stringMatching(/^2026-11-24T02:30/), what: 'response', keyId: admin.id, by: admin.label },
    ]);
    expect(records.text).not.toContain(posted[0]);
    expect(records.text).not.toContain(surveyId);
    expect(records.text).not.toContain('Lices');
  });

  it("answers another territory's response exactly as an unknown one, and erases nothing", async () => {
    const foreign = await erase(theirs.id, posted[1]!, theirs.adminKey);
    const unknown = await erase(theirs.id, newResponseId(), theirs.adminKey);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual(unknown.json);
    // Another territory's path answers as a territory that does not exist, whatever the response.
    const wrongPath = await erase(mine.id, posted[1]!, theirs.adminKey);
    expect(wrongPath.status).toBe(404);
    expect(wrongPath.json).toEqual((await erase('nowhere', posted[1]!, theirs.adminKey)).json);
    expect(await t.deps.stores.responses.get(posted[1]!)).toBeDefined();
    const records = await t.call('GET', `/v1/territories/${theirs.id}/erasures`, { key: theirs.adminKey });
    expect(records.json.items).toEqual([]);
  });

  it('is for admins only', async () => {
    for (const role of ['evaluator', 'moderator']) {
      const key = await t.call('POST', `/v1/territories/${mine.id}/keys`, {
        key: mine.adminKey,
        body: { role, label: `${role} key` },
      });
      expect((await erase(mine.id, posted[1]!, key.json.key)).status).toBe(403);
    }
    expect(await t.deps.stores.responses.get(posted[1]!)).toBeDefined();
  });
});

describe('DELETE /v1/responses/:id (with the receipt)', () => {
  it('marks the day too, so the next run counts the response out', async () => {
    const id = posted[2]!;
    const receipt = (await t.call('POST', `/v1/surveys/${surveyId}/responses`, { body: responseOn(DAY, id) })).json
      .receipt as string;
    expect((await t.call('DELETE', `/v1/responses/${id}?receipt=${encodeURIComponent(receipt)}`)).status).toBe(204);
    expect((await t.deps.stores.responses.dirtyDays(surveyId)).map((d) => d.day)).toContain(DAY);
    nextNight();
    await nightlyRun({ stores: t.deps.stores, now: () => clock });
    expect(await responsesOfDay()).toBe(1);
  });
});
