/**
 * What a resident reads and receives along every path of the lifecycle: the status in the one
 * vocabulary (a declined idea, once closed, is never "done"), one e-mail per change they would
 * notice, and the town hall's own answer as written. Expected words are written out here,
 * not taken from the vocabulary under test.
 */
import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SuggestionNotification } from '../notifier.ts';
import { toItem } from '../store/dynamo.ts';
import { suggestionKey } from '../store/layout.ts';
import { testApp } from '../testing/harness.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let town: { id: string; adminKey: string };
const sent: SuggestionNotification[] = [];

beforeAll(async () => {
  t = await testApp();
  t.deps.notifier = { notify: async (m) => void sent.push(m) };
  town = await t.createTerritory({ limits: { submissionsPerMinute: 1000 } });
});

let n = 0;
async function submit(contact = true): Promise<string> {
  const body = {
    category: 'voirie',
    text: `Le trottoir numéro ${++n} est à refaire.`,
    elapsedMs: 9000,
    ...(contact ? { contact: { email: `habitant${n}@example.fr`, consent: true } } : {}),
  };
  const res = await t.call('POST', `/v1/territories/${town.id}/suggestions`, { body });
  expect(res.status).toBe(201);
  return res.json.code;
}
const patch = (code: string, body: Record<string, unknown>) =>
  t.call('PATCH', `/v1/suggestions/${code}`, { key: town.adminKey, body });
const label = async (code: string) => (await t.call('GET', `/v1/suggestions/${code}`)).json.label;

describe('what the resident reads after each step', () => {
  const paths: [string, [string, string], [string, string]][] = [
    ['answered', ['Réponse donnée', 'Answered'], ['Réponse donnée — clôturée', 'Answered — closed']],
    ['planned', ['Programmée', 'Planned'], ['Programmée — clôturée', 'Planned — closed']],
    ['declined', ['Non retenue', 'Not taken forward'], ['Non retenue — clôturée', 'Not taken forward — closed']],
    ['duplicate', ['Déjà signalée', 'Already reported'], ['Déjà signalée — clôturée', 'Already reported — closed']],
  ];

  it.each(paths)('received → in review → %s → done', async (outcome, reached, closed) => {
    const code = await submit();
    expect(await label(code)).toEqual({ fr: 'Reçue', en: 'Received' });
    await patch(code, { status: 'in_review' });
    expect(await label(code)).toEqual({ fr: 'En cours d’examen', en: 'Under review' });
    expect((await patch(code, { status: outcome, answer: 'Merci, nous avons regardé.' })).status).toBe(200);
    expect(await label(code)).toEqual({ fr: reached[0], en: reached[1] });
    expect((await patch(code, { status: 'done' })).status).toBe(200);
    const closedView = (await t.call('GET', `/v1/suggestions/${code}`)).json;
    expect(closedView).toMatchObject({ status: 'done', outcome, label: { fr: closed[0], en: closed[1] } });
    // One e-mail per change the resident notices: the code, the outcome, the closing; none for "in review".
    expect(sent.filter((m) => m.code === code).map((m) => [m.status, m.outcome])).toEqual([
      ['received', undefined],
      [outcome, outcome],
      ['done', outcome],
    ]);
  });

  it('names a merged duplicate as already reported, then closed', async () => {
    const [first, copy] = [await submit(), await submit()];
    expect(
      (await t.call('POST', `/v1/suggestions/${copy}/merge`, { key: town.adminKey, body: { into: first } })).status,
    ).toBe(200);
    expect(await label(copy)).toEqual({ fr: 'Déjà signalée', en: 'Already reported' });
    await patch(copy, { status: 'done' });
    expect(await label(copy)).toEqual({ fr: 'Déjà signalée — clôturée', en: 'Already reported — closed' });
  });

  it('finds the outcome of a suggestion closed before outcomes were kept, in its history', async () => {
    const code = await submit(false);
    await patch(code, { status: 'in_review' });
    await patch(code, { status: 'declined', answer: 'Ce n’est pas possible ici.' });
    await patch(code, { status: 'done' });
    // As an older deployment stored it: no `outcome` on the record.
    const stored = (await t.deps.stores.suggestions.get(code, true)) as Record<string, unknown>;
    delete stored.outcome;
    await t.deps.db.client.send(
      new DeleteItemCommand({ TableName: t.deps.db.table, Key: toItem(suggestionKey(code)) }),
    );
    await t.deps.db.client.send(
      new PutItemCommand({ TableName: t.deps.db.table, Item: toItem({ ...suggestionKey(code), ...stored }) }),
    );
    expect(await label(code)).toEqual({ fr: 'Non retenue — clôturée', en: 'Not taken forward — closed' });
  });
});

describe("the town hall's answer", () => {
  it('reaches the resident as written, while the contact details in their own text stay masked', async () => {
    const res = await t.call('POST', `/v1/territories/${town.id}/suggestions`, {
      body: {
        category: 'voirie',
        text: 'Rappelez-moi au 06 11 22 33 44, le regard est ouvert.',
        elapsedMs: 9000,
      },
    });
    const code = res.json.code;
    await patch(code, { status: 'in_review' });
    const answer = 'Appelez le 04 90 80 80 00 ou voirie@mairie-avignon.fr : une équipe passe demain.';
    const answered = await patch(code, { status: 'answered', answer });
    expect(answered.json.warnings?.[0]).toMatchObject({ code: 'contact_details', path: 'answer' });
    const seen = (await t.call('GET', `/v1/suggestions/${code}`)).json;
    expect(seen.answer.text).toBe(answer);
    expect(seen.text).toBe('Rappelez-moi au [téléphone], le regard est ouvert.');
  });

  it('warns nobody when the answer carries no contact details', async () => {
    const code = await submit(false);
    await patch(code, { status: 'in_review' });
    expect((await patch(code, { status: 'planned', answer: 'Travaux en mars.' })).json.warnings).toBeUndefined();
  });
});

describe('the e-mail with the tracking code', () => {
  it('goes when an address is given with consent, and the answer says so', async () => {
    const res = await t.call('POST', `/v1/territories/${town.id}/suggestions`, {
      body: {
        category: 'voirie',
        text: 'Une idée à suivre par e-mail.',
        elapsedMs: 9000,
        contact: { email: 'suivi@example.fr', consent: true },
      },
    });
    expect(res.json).toEqual({ code: expect.any(String), emailed: true });
    expect(sent.find((m) => m.code === res.json.code)).toMatchObject({
      to: 'suivi@example.fr',
      status: 'received',
      promisedDays: 15,
    });
    const without = await t.call('POST', `/v1/territories/${town.id}/suggestions`, {
      body: { category: 'voirie', text: 'Une idée sans adresse.', elapsedMs: 9000 },
    });
    expect(without.json).toEqual({ code: expect.any(String) });
  });
});
