/**
 * The counters an operator graphs and is paged on, as CloudWatch reads them: embedded metric
 * format lines whose dimensions are the service and a reason, never the territory (a property).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { nightlyRun } from './nightly/job.ts';
import { refuseNextConnection } from './testing/faults.ts';
import { newResponseId, testApp } from './testing/harness.ts';
import { captureLogs, countedIn } from './testing/logs.ts';

const ORIGIN = 'https://www.office-tourisme.example';
const output: string[] = [];
let t: Awaited<ReturnType<typeof testApp>>;
let town: { id: string; adminKey: string };
let survey: string;

/** The metric lines written since the last reset. */
const counted = () => countedIn(output);

const answers = { recommend: 9, sat_welcome: 4, origin: 'france', interests: ['festival'], comment: 'Très bien' };
const response = (over: Record<string, unknown> = {}) => ({
  id: newResponseId(),
  audience: 'visitor',
  locale: 'fr',
  answers,
  ...over,
});
const submit = (id: string, body: unknown) => t.call('POST', `/v1/surveys/${id}/responses`, { body, origin: ORIGIN });

beforeAll(async () => {
  t = await testApp();
  town = await t.createTerritory({ allowedOrigins: [ORIGIN], limits: { submissionsPerMinute: 10_000 } });
  survey = await t.createLiveSurvey(town.id, town.adminKey);
  vi.stubEnv('ECOUTE_QUIET', '0');
  captureLogs(output);
});
beforeEach(() => {
  output.length = 0;
});
afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('responses', () => {
  it('counts a stored response, then its replay, each with its territory as a property and the service alone as dimension', async () => {
    const body = response();
    expect((await submit(survey, body)).status).toBe(201);
    expect((await submit(survey, body)).status).toBe(200);
    expect(counted()).toEqual([
      {
        name: 'ResponsesAccepted',
        namespace: 'Ecoute-local',
        dimensions: ['service'],
        service: 'ecoute',
        reason: undefined,
        territory: town.id,
      },
      expect.objectContaining({ name: 'ResponsesReplayed', dimensions: ['service'], territory: town.id }),
    ]);
  });

  it('counts refusals by their error code, the reason dimension', async () => {
    expect((await submit(survey, response({ answers: { ...answers, recommend: 11 } }))).status).toBe(400);
    expect((await submit('no-such-survey', response())).status).toBe(404);
    expect((await submit(survey, { ...response(), audience: 42 })).status).toBe(400);
    expect(counted()).toEqual([
      expect.objectContaining({
        name: 'ResponsesRefused',
        dimensions: ['service', 'reason'],
        reason: 'validation_failed',
        territory: town.id,
      }),
      // Refused before its survey is known: no territory to name, the same as for a survey that does not exist.
      expect.objectContaining({ name: 'ResponsesRefused', reason: 'not_found', territory: undefined }),
      expect.objectContaining({ name: 'ResponsesRefused', reason: 'validation_failed', territory: undefined }),
    ]);
  });

  it('counts a client held back by a territory limit, with that territory', async () => {
    const kiosk = await t.createTerritory({ allowedOrigins: [ORIGIN], limits: { submissionsPerMinute: 1 } });
    const kioskSurvey = await t.createLiveSurvey(kiosk.id, kiosk.adminKey);
    output.length = 0;
    expect((await submit(kioskSurvey, response())).status).toBe(201);
    expect((await submit(kioskSurvey, response())).status).toBe(429);
    expect(counted().map((c) => [c.name, c.reason, c.territory])).toEqual([
      ['ResponsesAccepted', undefined, kiosk.id],
      ['RateLimited', undefined, kiosk.id],
      ['ResponsesRefused', 'rate_limited', undefined],
    ]);
  });

  it('counts the 503 of a database that does not answer', async () => {
    const restore = refuseNextConnection(t.db);
    expect((await submit(survey, response())).status).toBe(503);
    restore();
    expect(counted().map((c) => c.name)).toContain('Unavailable');
  });
});

describe('suggestions', () => {
  it('counts those received and, apart, those discarded as robots, by how they were caught', async () => {
    const post = (body: unknown) => t.call('POST', `/v1/territories/${town.id}/suggestions`, { body, origin: ORIGIN });
    expect((await post({ category: 'voirie', text: 'Un banc place du marché' })).status).toBe(201);
    expect((await post({ category: 'voirie', text: 'robot', website: 'http://spam.example' })).status).toBe(201);
    expect((await post({ category: 'nulle-part', text: 'Une catégorie inconnue' })).status).toBe(400);
    expect(counted().map((c) => [c.name, c.reason, c.territory])).toEqual([
      ['SuggestionsReceived', undefined, town.id],
      // The robot has its 201 like anyone; counted received, then discarded.
      ['SuggestionsDiscarded', 'honeypot', town.id],
      ['SuggestionsReceived', undefined, town.id],
      ['SuggestionsRefused', 'validation_failed', town.id],
    ]);
  });
});

describe('the nightly job', () => {
  it('counts each territory done or failed, naming it as a property', async () => {
    const broken = await t.createTerritory();
    const { surveys } = t.deps.stores;
    const list = surveys.listByTerritory.bind(surveys);
    const spy = vi.spyOn(surveys, 'listByTerritory').mockImplementation(async (id) => {
      if (id === broken.id) throw new Error('a broken territory');
      return list(id);
    });
    output.length = 0;
    await expect(nightlyRun({ stores: t.deps.stores, now: () => new Date() })).rejects.toThrow(broken.id);
    spy.mockRestore();
    const units = counted().filter((c) => c.name.startsWith('Nightly'));
    expect(units).toContainEqual(expect.objectContaining({ name: 'NightlyUnitsFailed', territory: broken.id }));
    expect(units).toContainEqual(expect.objectContaining({ name: 'NightlyUnitsDone', territory: town.id }));
    expect(units.every((u) => u.dimensions.join() === 'service')).toBe(true);
  });
});
