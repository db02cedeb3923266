/**
 * CORS for the deployment's own pages (`ECOUTE_APP_ORIGINS`: the staff console, hosted survey
 * pages): allowed on every route, keyed and public, of every territory, and nowhere else.
 */
import { describe, expect, it } from 'vitest';
import { deploymentSettings } from '../public-runtime.ts';
import { newResponseId, testApp } from '../testing/harness.ts';

const APP = 'https://console.ecoute.example';
const t = await testApp({ appOrigins: [APP] });
const town = await t.createTerritory({ allowedOrigins: ['https://www.mairie.example'] });
const closed = await t.createTerritory({ allowedOrigins: [] });
const survey = await t.createLiveSurvey(closed.id, closed.adminKey);

describe('the deployment’s own pages', () => {
  it('read keyed routes of every territory, errors included', async () => {
    for (const territory of [town, closed]) {
      const listed = await t.call('GET', `/v1/territories/${territory.id}/surveys`, {
        key: territory.adminKey,
        origin: APP,
      });
      expect(listed.status).toBe(200);
      expect(listed.headers.get('access-control-allow-origin')).toBe(APP);
    }
    const anonymous = await t.call('GET', `/v1/territories/${town.id}/surveys`, { origin: APP });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('read and write public routes of a territory that lists no origin at all', async () => {
    const live = await t.call('GET', `/v1/surveys/${survey}`, { origin: APP });
    expect(live.status).toBe(200);
    expect(live.headers.get('access-control-allow-origin')).toBe(APP);
    const body = { id: newResponseId(), audience: 'visitor', locale: 'fr', answers: { recommend: 8 } };
    const posted = await t.call('POST', `/v1/surveys/${survey}/responses`, { body, origin: APP });
    expect(posted.status).toBe(201);
    expect(posted.headers.get('access-control-allow-origin')).toBe(APP);
    const preflight = await t.call('OPTIONS', `/v1/surveys/${survey}/responses`, {
      origin: APP,
      headers: { 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('are no territory’s origin: another page is still refused', async () => {
    const other = await t.call('GET', `/v1/surveys/${survey}`, { origin: 'https://www.mairie.example' });
    expect(other.status).toBe(403);
    const keyed = await t.call('GET', `/v1/territories/${closed.id}/surveys`, {
      key: closed.adminKey,
      origin: 'https://evil.example',
    });
    expect(keyed.status).toBe(403);
    expect(keyed.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('are refused where the deployment does not name them', async () => {
    const plain = await testApp();
    const town = await plain.createTerritory({ allowedOrigins: [] });
    const id = await plain.createLiveSurvey(town.id, town.adminKey);
    expect((await plain.call('GET', `/v1/surveys/${id}`, { origin: APP })).status).toBe(403);
  });
});

describe('ECOUTE_APP_ORIGINS', () => {
  it('reads comma-separated origins, and stops on one that is not an origin, naming the variable', () => {
    expect(
      deploymentSettings({ ECOUTE_APP_ORIGINS: ' https://a.example, https://b.example:8443/ ,' }).appOrigins,
    ).toEqual(['https://a.example', 'https://b.example:8443']);
    expect(deploymentSettings({}).appOrigins).toEqual([]);
    expect(() => deploymentSettings({ ECOUTE_APP_ORIGINS: 'https://a.example/console' })).toThrow(/ECOUTE_APP_ORIGINS/);
    expect(() => deploymentSettings({ ECOUTE_CLIENT_LOOKUPS_PER_MINUTE: 'many' })).toThrow(
      /ECOUTE_CLIENT_LOOKUPS_PER_MINUTE/,
    );
  });
});

describe('preflights', () => {
  const preflight = (path: string, method: string, origin: string) =>
    t.call('OPTIONS', path, { origin, headers: { 'access-control-request-method': method } });

  it('may be reused for a day (Firefox’s longest; Chromium keeps 2 hours), so a kiosk pays one per period, not one per response', async () => {
    const townSurvey = await t.createLiveSurvey(town.id, town.adminKey);
    const answers = [
      await preflight(`/v1/surveys/${townSurvey}/responses`, 'POST', 'https://www.mairie.example'),
      await preflight(`/v1/surveys/${survey}/responses`, 'POST', APP),
      await preflight(`/v1/territories/${town.id}/surveys`, 'GET', 'https://www.mairie.example'),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).not.toBeNull();
      expect(answer.headers.get('access-control-max-age')).toBe('86400');
    }
  });

  it('refused, are not to be reused: no Max-Age', async () => {
    const refused = await preflight(`/v1/surveys/${survey}/responses`, 'POST', 'https://ailleurs.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-max-age')).toBeNull();
  });
});
