/**
 * The API speaks English to developers; the console must say every one of its messages that
 * reaches staff in French (or English). Real answers of the API and real issues of its schemas
 * are put through the console's translation: none may fall back to the generic sentence.
 */
import { describe, expect, it } from 'vitest';
import { SurveyDefinition } from '#analytics/questionnaire.ts';
import { TerritoryInput } from '#analytics/territory.ts';
import { testApp } from '#functions/testing/harness.ts';
import { explain, sayIssue } from './errors.ts';

const FALLBACK = 'Cette valeur n’est pas acceptée.';
const t = await testApp();

const apiFailure = (r: { status: number; json: { error: { code: string; message: string; issues: [] } } }) => ({
  status: r.status,
  ...r.json.error,
});

describe('the API’s messages, in French', () => {
  it('says the three the issue names in French', async () => {
    const { id, adminKey } = await t.createTerritory();
    const unknown = await t.call('GET', '/v1/me', { key: 'ecoute_not-a-real-key-at-all' });
    expect(unknown.json.error.message).toBe('this key is unknown or revoked');
    expect(explain(apiFailure(unknown), 'fr').message).toBe('Cette clé est inconnue ou a été révoquée.');

    const survey = await t.createLiveSurvey(id, adminKey);
    // A baseline ending tomorrow by UTC's calendar has not ended by any territory's (no zone is a day ahead
    // of UTC): today by UTC's was already over in Paris from 23:00 UTC, and the test then failed.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const period = await t.call(
      'GET',
      `/v1/surveys/${survey}/report?from=${tomorrow}&to=${tomorrow}&baselineFrom=${tomorrow}&baselineTo=${tomorrow}`,
      {
        key: adminKey,
      },
    );
    expect(period.json.error.message).toBe('the period is not valid');
    expect(explain(apiFailure(period), 'fr').fields).toEqual({
      baselineTo: 'La période de référence doit être terminée : elle doit finir avant aujourd’hui.',
    });

    const code = (
      await t.call('POST', `/v1/territories/${id}/suggestions`, { body: { category: 'voirie', text: 'Un banc' } })
    ).json.code;
    await t.call('PATCH', `/v1/suggestions/${code}`, { key: adminKey, body: { status: 'in_review' } });
    const answer = await t.call('PATCH', `/v1/suggestions/${code}`, { key: adminKey, body: { status: 'answered' } });
    expect(answer.json.error.message).toBe('an answer is needed');
    expect(explain(apiFailure(answer), 'fr').fields).toEqual({ answer: 'Écrivez la réponse publique.' });
    expect(explain(apiFailure(answer), 'en').fields).toEqual({ answer: 'Write the public answer.' });
  });

  it('words every error code, with a screen’s own sentence where it has one', () => {
    for (const code of [
      'network',
      'validation_failed',
      'unauthorized',
      'forbidden',
      'not_found',
      'conflict',
      'rate_limited',
      'unavailable',
      'internal',
    ]) {
      const fr = explain({ code }, 'fr').message;
      expect(fr, code).toMatch(/[éèàç]|^[A-Z]/);
      expect(fr).not.toBe(explain({ code }, 'en').message);
    }
    expect(explain({ code: 'conflict' }, 'fr', { conflict: 'Déjà pris.' }).message).toBe('Déjà pris.');
  });

  it('puts every issue the territory and survey schemas raise in words, none left generic', () => {
    const territory = TerritoryInput.safeParse({
      id: 'Bad Id',
      name: '',
      timeZone: 'Mars/Olympus',
      allowedOrigins: ['https://www.ville.fr/tourisme', 'pas une adresse'],
      locales: [],
      limits: { submissionsPerMinute: 0 },
      suggestionCategories: [
        { id: 'a-b', label: { fr: 'A' } },
        { id: 'a-b', label: {} },
      ],
    });
    const survey = SurveyDefinition.safeParse({
      title: { en: 'No French' },
      audiences: ['visitor', 'visitor'],
      questions: [
        { id: 'Bad id', type: 'nps', label: { fr: '' } },
        { id: 'r', type: 'rating', scale: { min: 5, max: 1 }, label: { fr: 'x' }, measures: { index: 'nps' } },
        { id: 'r', type: 'rating', scale: { min: 0, max: 30 }, label: { fr: 'x' }, measures: { index: 'image' } },
        { id: 'c', type: 'comparison', competitor: '', label: { fr: 'x' }, audiences: ['resident'] },
        { id: 'ch', type: 'choice', options: [], label: { fr: 'x' }, cell: true, multiple: true },
        {
          id: 'ch2',
          type: 'choice',
          options: [
            { id: 'a', label: { fr: 'A' } },
            { id: 'a', label: { fr: 'B' } },
          ],
          label: { fr: 'x' },
        },
        { id: 't', type: 'text', maxLength: 0, label: { fr: 'x' } },
      ],
    });
    const messages = [...(territory.error?.issues ?? []), ...(survey.error?.issues ?? [])].map((i) => i.message);
    expect(messages.length).toBeGreaterThan(15);
    for (const m of messages) expect(sayIssue(m, 'fr'), m).not.toBe(FALLBACK);
  });
});
