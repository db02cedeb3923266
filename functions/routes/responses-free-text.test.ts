/**
 * Free-text answers of a survey: an e-mail address or a phone number typed in a comment is
 * masked in what is stored and exported, as in the suggestion box; a replay of the same body
 * is still the same response.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newResponseId, testApp } from '../testing/harness.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let territory: { id: string; adminKey: string };
let surveyId: string;

beforeAll(async () => {
  t = await testApp();
  territory = await t.createTerritory({ limits: { submissionsPerMinute: 10_000 } });
  surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
});

describe('POST /v1/surveys/:id/responses with a comment', () => {
  it('stores and exports the comment with its contact details masked, and a replay stays the same response', async () => {
    const body = {
      id: newResponseId(),
      audience: 'visitor',
      locale: 'fr',
      answers: { recommend: 8, comment: 'Super séjour ! Écrivez-moi à lea.morel@example.fr ou au 06 12 34 56 78.' },
    };
    expect((await t.call('POST', `/v1/surveys/${surveyId}/responses`, { body })).status).toBe(201);
    expect((await t.call('POST', `/v1/surveys/${surveyId}/responses`, { body })).status).toBe(200);

    expect((await t.deps.stores.responses.get(body.id))?.answers.comment).toBe(
      'Super séjour ! Écrivez-moi à [e-mail] ou au [téléphone].',
    );
    const csv = await t.call('GET', `/v1/surveys/${surveyId}/responses.csv`, { key: territory.adminKey });
    expect(csv.text).toContain('[e-mail] ou au [téléphone]');
    expect(csv.text).not.toMatch(/lea\.morel|06 12/);
  });
});
