/**
 * The deployment's per-client caps, besides each territory's own limit: submissions across all
 * territories, and tracking-code look-ups; both counted in DynamoDB, so they hold across
 * Lambda instances (here: two apps on one table).
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { createStores } from '../deps.ts';
import { newResponseId, testApp } from '../testing/harness.ts';

const t = await testApp({ clientLimits: { submissionsPerMinute: 4, lookupsPerMinute: 3 } });
const response = () => ({ id: newResponseId(), audience: 'visitor', locale: 'fr', answers: { recommend: 9 } });

describe('submissions across territories', () => {
  it('caps one client across all territories, besides each territory’s own limit', async () => {
    // Each territory alone would take 3 a minute from this client, 9 in all: the cap stops it at 4.
    const towns = await Promise.all([1, 2, 3].map(() => t.createTerritory({ limits: { submissionsPerMinute: 3 } })));
    const surveys = await Promise.all(towns.map((town) => t.createLiveSurvey(town.id, town.adminKey)));
    t.setAddress('198.51.100.31');
    const statuses: number[] = [];
    for (const survey of [...surveys, ...surveys])
      statuses.push((await t.call('POST', `/v1/surveys/${survey}/responses`, { body: response() })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    const limited = await t.call('POST', `/v1/territories/${towns[2]!.id}/suggestions`, {
      body: { category: 'voirie', text: 'Encore une idée' },
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    t.setAddress('198.51.100.32');
    expect((await t.call('POST', `/v1/surveys/${surveys[0]}/responses`, { body: response() })).status).toBe(201);
    t.setAddress('203.0.113.7');
  });

  it('lets a territory whose own limit is higher (a kiosk) take more from one client', async () => {
    const kiosk = await t.createTerritory({ limits: { submissionsPerMinute: 100 } });
    const survey = await t.createLiveSurvey(kiosk.id, kiosk.adminKey);
    t.setAddress('198.51.100.33');
    const statuses = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await t.call('POST', `/v1/surveys/${survey}/responses`, { body: response() })).status);
    expect(statuses.every((s) => s === 201)).toBe(true);
    t.setAddress('203.0.113.7');
  });
});

describe('tracking-code look-ups', () => {
  it('are limited per client, known and unknown codes alike, across app instances', async () => {
    const town = await t.createTerritory();
    const { json } = await t.call('POST', `/v1/territories/${town.id}/suggestions`, {
      body: { category: 'voirie', text: 'Un banc place Pie' },
    });
    const other = createApp({ ...t.deps, stores: createStores(t.db) });
    t.setAddress('198.51.100.34');
    const statuses = [
      (await t.call('GET', `/v1/suggestions/${json.code}`)).status,
      (await other.request('/v1/suggestions/000-000-000')).status,
      (await t.call('GET', '/v1/suggestions/ZZZ-ZZZ-ZZZ')).status,
      (await other.request(`/v1/suggestions/${json.code}`)).status,
    ];
    expect(statuses).toEqual([200, 404, 404, 429]);
    const limited = await t.call('GET', `/v1/suggestions/${json.code}`, { origin: 'https://ailleurs.example' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('access-control-allow-origin')).toBe('*');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    t.setAddress('203.0.113.8');
    expect((await t.call('GET', `/v1/suggestions/${json.code}`)).status).toBe(200);
    t.setAddress('203.0.113.7');
  });
});
