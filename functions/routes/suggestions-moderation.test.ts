import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SuggestionNotification } from '../notifier.ts';
import { testApp } from '../testing/harness.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let town: { id: string; adminKey: string };
let moderator: string;
const sent: SuggestionNotification[] = [];

beforeAll(async () => {
  t = await testApp();
  t.deps.notifier = { notify: async (m) => void sent.push(m) };
  town = await t.createTerritory({ limits: { submissionsPerMinute: 1000 } });
  moderator = await keyFor(town, 'moderator', 'Accueil mairie');
});

async function keyFor(territory: { id: string; adminKey: string }, role: string, label: string) {
  const res = await t.call('POST', `/v1/territories/${territory.id}/keys`, {
    key: territory.adminKey,
    body: { role, label },
  });
  return res.json.key as string;
}

async function submit(body: Record<string, unknown>, territory = town.id): Promise<string> {
  const res = await t.call('POST', `/v1/territories/${territory}/suggestions`, { body: { elapsedMs: 9000, ...body } });
  expect(res.status).toBe(201);
  return res.json.code;
}

const patch = (code: string, body: Record<string, unknown>, key = moderator) =>
  t.call('PATCH', `/v1/suggestions/${code}`, { key, body });

describe('the moderator flow', () => {
  it('lists, reviews and answers; the resident sees the answer, is notified, and every step names who and when', async () => {
    const code = await submit({
      category: 'voirie',
      text: 'Le trottoir est défoncé rue Carnot.',
      district: 'Centre',
      contact: { email: 'luc@example.fr', consent: true },
    });
    const listed = await t.call('GET', `/v1/territories/${town.id}/suggestions?status=received`, { key: moderator });
    expect(listed.status).toBe(200);
    expect(listed.json.items.find((s: { code: string }) => s.code === code)).toMatchObject({
      text: 'Le trottoir est défoncé rue Carnot.',
      district: 'Centre',
      hasContact: true,
    });

    expect((await patch(code, { status: 'in_review' })).json.status).toBe('in_review');
    const answered = await patch(code, { status: 'answered', answer: 'Les travaux sont prévus en mars.' });
    expect(answered.status).toBe(200);

    const seen = await t.call('GET', `/v1/suggestions/${code}`);
    expect(seen.json).toMatchObject({
      status: 'answered',
      answer: { text: 'Les travaux sont prévus en mars.', at: expect.any(String) },
    });
    expect(sent.filter((m) => m.code === code).map((m) => [m.to, m.status])).toEqual([
      ['luc@example.fr', 'in_review'],
      ['luc@example.fr', 'answered'],
    ]);

    const details = await t.call('GET', `/v1/suggestions/${code}/details`, { key: moderator });
    expect(details.json.contact).toEqual({ email: 'luc@example.fr' });
    expect(
      details.json.history.map((h: { action: string; to?: string; by?: string }) => [h.action, h.to, h.by]),
    ).toEqual([
      ['received', 'received', undefined],
      ['status', 'in_review', 'Accueil mairie'],
      ['status', 'answered', 'Accueil mairie'],
    ]);
  });

  it('refuses transitions the lifecycle does not allow with 409, and an answered status without an answer with 400', async () => {
    const code = await submit({ category: 'voirie', text: 'Un banc cassé au jardin.' });
    expect((await patch(code, { status: 'answered', answer: 'x' })).status).toBe(409);
    expect((await patch(code, { status: 'done' })).status).toBe(409);
    await patch(code, { status: 'in_review' });
    expect((await patch(code, { status: 'received' })).status).toBe(409);
    expect((await patch(code, { status: 'answered' })).status).toBe(400);
    expect((await patch(code, { status: 'declined', answer: 'Ce banc appartient au département.' })).status).toBe(200);
    expect((await patch(code, { status: 'planned' })).status).toBe(409);
    expect((await patch(code, { status: 'done' })).status).toBe(200);
    const res = await patch(code, { status: 'in_review' });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('conflict');
  });

  it('lets only one of two simultaneous changes through; the other is a 409', async () => {
    const code = await submit({ category: 'voirie', text: 'Deux modérateurs à la fois.' });
    await patch(code, { status: 'in_review' });
    const both = await Promise.all([patch(code, { status: 'planned' }), patch(code, { status: 'declined' })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const history = (await t.call('GET', `/v1/suggestions/${code}/details`, { key: moderator })).json.history;
    expect(history).toHaveLength(3);
  });

  it('keeps the contact until done, then lets the TTL delete it after the retention period', async () => {
    const code = await submit({
      category: 'voirie',
      text: 'Éclairage en panne impasse des Lilas.',
      contact: { email: 'ana@example.fr', consent: true },
    });
    for (const status of ['in_review', 'planned', 'done']) await patch(code, { status });
    const { Item } = await t.db.client.send(
      new GetItemCommand({ TableName: t.db.table, Key: { PK: { S: `SG#${code}` }, SK: { S: 'CONTACT' } } }),
    );
    const doneAt = Date.parse((await t.call('GET', `/v1/suggestions/${code}`)).json.updatedAt);
    const months = (Number(Item?.expiresAt?.N) * 1000 - doneAt) / (30.44 * 86_400_000);
    expect(months).toBeGreaterThan(11.9);
    expect(months).toBeLessThan(12.1);

    const erased = await t.call('DELETE', `/v1/suggestions/${code}/contact`, { key: moderator });
    expect(erased.status).toBe(204);
    const details = await t.call('GET', `/v1/suggestions/${code}/details`, { key: moderator });
    expect(details.json.contact).toBeNull();
    expect(details.json.suggestion.hasContact).toBe(false);
    expect(details.json.history.at(-1)).toMatchObject({ action: 'contact_erased', by: 'Accueil mairie' });
  });

  it('keeps internal notes out of the public view', async () => {
    const code = await submit({ category: 'culture', text: 'Plus de concerts au parc.' });
    const noted = await t.call('POST', `/v1/suggestions/${code}/notes`, {
      key: moderator,
      body: { note: 'Voir avec le service culture' },
    });
    expect(noted.status).toBe(201);
    expect((await t.call('GET', `/v1/suggestions/${code}`)).text).not.toContain('service culture');
    const details = await t.call('GET', `/v1/suggestions/${code}/details`, { key: moderator });
    expect(details.json.history.at(-1)).toMatchObject({
      action: 'note',
      note: 'Voir avec le service culture',
      by: 'Accueil mairie',
    });
  });

  it("merges a duplicate: its resident follows the other suggestion, never learning the other resident's code", async () => {
    const original = await submit({ category: 'transports', text: 'Un abri au arrêt de bus Gare.' });
    const copy = await submit({ category: 'transports', text: 'Il faudrait un abri à l’arrêt Gare.' });
    const merged = await t.call('POST', `/v1/suggestions/${copy}/merge`, {
      key: moderator,
      body: { into: original.toLowerCase() },
    });
    expect(merged.status).toBe(200);
    await t.call('PATCH', `/v1/suggestions/${original}`, { key: moderator, body: { status: 'in_review' } });
    await t.call('PATCH', `/v1/suggestions/${original}`, {
      key: moderator,
      body: { status: 'planned', answer: 'Un abri sera posé en mars.' },
    });
    const view = await t.call('GET', `/v1/suggestions/${copy}`);
    expect(view.json).toMatchObject({
      status: 'duplicate',
      merged: { status: 'planned', answer: { text: 'Un abri sera posé en mars.' } },
    });
    expect(view.text).not.toContain(original);
    expect(
      (await t.call('POST', `/v1/suggestions/${original}/merge`, { key: moderator, body: { into: copy } })).status,
    ).toBe(409);
    expect(
      (await t.call('POST', `/v1/suggestions/${original}/merge`, { key: moderator, body: { into: original } })).status,
    ).toBe(409);
  });

  it('hides abusive content from the list by default filter and shows it again', async () => {
    const code = await submit({ category: 'autre', text: 'Texte injurieux' });
    expect(
      (await t.call('POST', `/v1/suggestions/${code}/visibility`, { key: moderator, body: { hidden: true } })).json
        .hidden,
    ).toBe(true);
    const visible = await t.call('GET', `/v1/territories/${town.id}/suggestions?hidden=false&category=autre`, {
      key: moderator,
    });
    expect(visible.json.items.map((s: { code: string }) => s.code)).not.toContain(code);
    const hidden = await t.call('GET', `/v1/territories/${town.id}/suggestions?hidden=true`, { key: moderator });
    expect(hidden.json.items.map((s: { code: string }) => s.code)).toEqual([code]);
    await t.call('POST', `/v1/suggestions/${code}/visibility`, { key: moderator, body: { hidden: false } });
    const history = (await t.call('GET', `/v1/suggestions/${code}/details`, { key: moderator })).json.history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['received', 'hide', 'show']);
  });
});

describe('paging and filters', () => {
  it('pages through every suggestion exactly once with an opaque cursor', async () => {
    const place = await t.createTerritory({ limits: { submissionsPerMinute: 1000 } });
    const key = await keyFor(place, 'admin', 'Admin');
    const codes = [];
    for (let i = 0; i < 7; i++)
      codes.push(await submit({ category: i % 2 ? 'voirie' : 'culture', text: `Suggestion ${i}` }, place.id));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await t.call('GET', `/v1/territories/${place.id}/suggestions?limit=3${q}`, { key });
      seen.push(...res.json.items.map((s: { code: string }) => s.code));
      cursor = res.json.next;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.sort()).toEqual([...codes].sort());
    const voirie = await t.call('GET', `/v1/territories/${place.id}/suggestions?category=voirie`, { key });
    expect(voirie.json.items).toHaveLength(3);
    expect(voirie.json.next).toBeNull();

    const first = await t.call('GET', `/v1/territories/${place.id}/suggestions?limit=1`, { key });
    expect(
      (await t.call('GET', `/v1/territories/${town.id}/suggestions?cursor=${first.json.next}`, { key: moderator }))
        .status,
    ).toBe(400);
    expect((await t.call('GET', `/v1/territories/${place.id}/suggestions?cursor=garbage`, { key })).status).toBe(400);
  });
});

describe('keys', () => {
  it("answers 404 to another territory's key, 403 to an evaluator, 401 without a key", async () => {
    const code = await submit({ category: 'voirie', text: 'Une rampe pour poussettes.' });
    const other = await t.createTerritory();
    const stranger = await keyFor(other, 'moderator', 'Autre mairie');
    const evaluator = await keyFor(town, 'evaluator', 'Cabinet');
    const calls: [string, string, unknown?][] = [
      ['GET', `/v1/territories/${town.id}/suggestions`],
      ['GET', `/v1/suggestions/${code}/details`],
      ['PATCH', `/v1/suggestions/${code}`, { status: 'in_review' }],
      ['POST', `/v1/suggestions/${code}/notes`, { note: 'x' }],
      ['POST', `/v1/suggestions/${code}/visibility`, { hidden: true }],
      ['POST', `/v1/suggestions/${code}/merge`, { into: code }],
      ['DELETE', `/v1/suggestions/${code}/contact`],
      ['GET', `/v1/territories/${town.id}/suggestions/indicators`],
      ['GET', `/v1/territories/${town.id}/suggestions.csv`],
    ];
    for (const [method, path, body] of calls) {
      expect([path, (await t.call(method, path, { key: stranger, body })).status]).toEqual([path, 404]);
      expect([path, (await t.call(method, path, { body })).status]).toEqual([path, 401]);
      const asEvaluator = (await t.call(method, path, { key: evaluator, body })).status;
      expect([path, asEvaluator]).toEqual([path, path.includes('indicators') || path.endsWith('.csv') ? 200 : 403]);
    }
    expect((await t.call('GET', `/v1/suggestions/${code}`)).json.status).toBe('received');
  });
});
