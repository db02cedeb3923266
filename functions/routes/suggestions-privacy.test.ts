/** Personal data in the suggestion box: where it may go (moderators, the outbox) and where never (logs, public views). */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { captureLogs } from '../testing/logs.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileNotifier } from '../notifier.ts';
import { testApp } from '../testing/harness.ts';

const EMAIL = 'camille.roux@example.fr';
const PHONE = '+33 6 98 76 54 32';
const TEXT = `Les chiens du voisin aboient toute la nuit, rappelez-moi au ${PHONE} ou ${EMAIL}`;
const lines: string[] = [];
let t: Awaited<ReturnType<typeof testApp>>;
let outbox: string;

beforeAll(async () => {
  vi.stubEnv('ECOUTE_QUIET', '0');
  captureLogs(lines);
  t = await testApp();
  outbox = join(mkdtempSync(join(tmpdir(), 'ecoute-outbox-')), 'notifications.jsonl');
  t.deps.notifier = fileNotifier(outbox);
});
afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('personal data', () => {
  it('never reaches the logs, the public look-up or the open-data export; the outbox alone holds the address', async () => {
    const town = await t.createTerritory({ suggestionDistricts: [{ id: 'jardins', label: { fr: 'Les Jardins' } }] });
    const key = (
      await t.call('POST', `/v1/territories/${town.id}/keys`, {
        key: town.adminKey,
        body: { role: 'moderator', label: 'Mod' },
      })
    ).json.key;
    // Four more residents about the dogs, so that the word reaches the indicators (five suggestions at least).
    for (let i = 1; i <= 4; i++) {
      const more = { category: 'securite', text: `Encore les chiens, soir ${i}`, elapsedMs: 12_000 };
      expect((await t.call('POST', `/v1/territories/${town.id}/suggestions`, { body: more })).status).toBe(201);
    }
    const body = {
      category: 'securite',
      text: TEXT,
      district: 'Les Jardins',
      contact: { email: EMAIL, consent: true },
      website: '',
      elapsedMs: 12_000,
    };
    const code = (await t.call('POST', `/v1/territories/${town.id}/suggestions`, { body })).json.code;
    await t.call('POST', `/v1/territories/${town.id}/suggestions`, { body: { ...body, website: 'x' } });
    await t.call('POST', `/v1/territories/${town.id}/suggestions`, {
      body: { ...body, text: `${TEXT}${'!'.repeat(5000)}` },
    });
    await t.call('PATCH', `/v1/suggestions/${code}`, { key, body: { status: 'in_review' } });
    await t.call('PATCH', `/v1/suggestions/${code}`, {
      key,
      body: { status: 'answered', answer: 'La police municipale passera.' },
    });
    await t.call('POST', `/v1/suggestions/${code}/notes`, { key, body: { note: `Rappeler ${EMAIL}` } });
    const other = (
      await t.call('POST', `/v1/territories/${town.id}/suggestions`, { body: { ...body, text: 'Un autre message' } })
    ).json.code;
    await t.call('PATCH', `/v1/suggestions/${other}`, { key, body: { status: 'in_review' } });
    // The town hall's answer is public as written; the moderator who quotes an address is warned of it.
    const quoting = await t.call('PATCH', `/v1/suggestions/${other}`, {
      key,
      body: { status: 'answered', answer: `Nous vous répondons à ${EMAIL}` },
    });
    expect(quoting.json.warnings).toEqual([
      { code: 'contact_details', path: 'answer', message: expect.stringContaining('e-mail address or a phone number') },
    ]);
    expect((await t.call('GET', `/v1/suggestions/${other}`)).json.answer.text).toBe(`Nous vous répondons à ${EMAIL}`);

    const moderatorView = await t.call('GET', `/v1/suggestions/${code}/details`, { key });
    expect(moderatorView.json.suggestion.text).toBe(TEXT);
    expect(moderatorView.json.contact).toEqual({ email: EMAIL });

    const publicView = await t.call('GET', `/v1/suggestions/${code}`);
    const openData = await t.call('GET', `/v1/territories/${town.id}/suggestions.csv`, { key });
    const indicators = await t.call('GET', `/v1/territories/${town.id}/suggestions/indicators`, { key });
    for (const shown of [publicView.text, openData.text, indicators.text]) {
      expect(shown).not.toContain('camille');
      expect(shown).not.toMatch(/98 76|98\.76|987654/);
    }
    // The holder of the code reads their own text back (contact details masked above); the open data never.
    expect(publicView.json.text).toContain('aboient');
    expect(openData.text).not.toContain('aboient');
    expect(indicators.json.topWords.securite.map((w: { word: string }) => w.word)).toContain('chiens');

    const logged = lines.join('\n');
    expect(logged).toContain('suggestion notification written');
    expect(logged).toContain('suggestion discarded');
    for (const secret of ['camille', '98 76', 'chiens', 'Jardins', 'police municipale', 'Rappeler'])
      expect(logged).not.toContain(secret);

    const sent = readFileSync(outbox, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(sent.filter((m) => m.code === code).map((m) => [m.to, m.status])).toEqual([
      [EMAIL, 'received'],
      [EMAIL, 'answered'],
    ]);
    expect(statSync(outbox).mode & 0o077).toBe(0);
  });

  it('keeps no contact without consent: the field is refused, not silently stored', async () => {
    const town = await t.createTerritory();
    const res = await t.call('POST', `/v1/territories/${town.id}/suggestions`, {
      body: { category: 'autre', text: 'Bonjour', contact: { email: EMAIL } },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0].path).toBe('contact.consent');
  });
});
