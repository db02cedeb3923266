/**
 * The hosted survey page (/s/{survey}, on the widget's host) serves every territory's surveys,
 * so the API allows its origin as it allows a territory's own; any other origin stays refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newResponseId, testApp } from '../testing/harness.ts';

const PAGES = 'https://d1234abcd.cloudfront.net';
let t: Awaited<ReturnType<typeof testApp>>;
let surveyId: string;

beforeAll(async () => {
  t = await testApp();
  t.deps.config = { ...t.deps.config, appOrigins: [PAGES] };
  const territory = await t.createTerritory();
  surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
});

describe('the hosted survey page origin', () => {
  it('reads a survey and sends a response with CORS, whatever the territory allows', async () => {
    const read = await t.call('GET', `/v1/surveys/${surveyId}`, { origin: PAGES });
    expect([read.status, read.headers.get('access-control-allow-origin')]).toEqual([200, PAGES]);
    const body = { id: newResponseId(), audience: 'visitor', locale: 'fr', channel: 'qr', answers: { recommend: 9 } };
    const sent = await t.call('POST', `/v1/surveys/${surveyId}/responses`, { origin: PAGES, body });
    expect([sent.status, sent.headers.get('access-control-allow-origin')]).toEqual([201, PAGES]);
    expect((await t.deps.stores.responses.get(body.id))?.channel).toBe('qr');
  });

  it('does not open the API to other origins', async () => {
    expect((await t.call('GET', `/v1/surveys/${surveyId}`, { origin: 'https://ailleurs.example' })).status).toBe(403);
  });
});
