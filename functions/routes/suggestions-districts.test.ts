/**
 * A district is picked from the territory's list, never typed: the open data and the indicators
 * carry only listed districts (a typed formula came out in both), and suggestions made before
 * the list stay readable to moderators.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newTrackingCode } from '../suggestion.ts';
import { testApp } from '../testing/harness.ts';

const FORMULA = `'-2+3+cmd|' /C calc'!A0`;
let t: Awaited<ReturnType<typeof testApp>>;
let town: { id: string; adminKey: string };

const submit = (body: Record<string, unknown>, territory = town.id) =>
  t.call('POST', `/v1/territories/${territory}/suggestions`, {
    body: { category: 'voirie', elapsedMs: 9000, ...body },
  });

beforeAll(async () => {
  t = await testApp();
  town = await t.createTerritory({
    limits: { submissionsPerMinute: 1000 },
    suggestionDistricts: [
      { id: 'centre', label: { fr: 'Centre-ville', en: 'Town centre' } },
      { id: 'gare', label: { fr: 'Gare' } },
    ],
  });
});

describe('districts of suggestions', () => {
  it('are offered to the widget beside the categories', async () => {
    const res = await t.call('GET', `/v1/territories/${town.id}/suggestion-categories`);
    expect(res.json.districts).toEqual([
      { id: 'centre', label: { fr: 'Centre-ville', en: 'Town centre' } },
      { id: 'gare', label: { fr: 'Gare' } },
    ]);
  });

  it('are taken by id or by name and stored as the id; anything else is refused and nothing stored', async () => {
    const byName = await submit({ text: 'Un banc de plus', district: 'town CENTRE' });
    expect(byName.status).toBe(201);
    expect((await t.deps.stores.suggestions.get(byName.json.code))?.district).toBe('centre');
    for (const district of [FORMULA, 'Quartier inconnu', '<b>Gare</b>']) {
      const res = await submit({ text: `Texte ${district}`, district });
      expect(res.status).toBe(400);
      expect(res.json.error.issues).toEqual([{ path: 'district', message: 'must be one of: centre, gare' }]);
    }
    const none = await t.createTerritory();
    const res = await submit({ text: 'Ailleurs', district: 'Centre' }, none.id);
    expect(res.json.error.issues).toEqual([
      { path: 'district', message: 'this territory lists no districts: leave it out' },
    ]);
    expect((await submit({ text: 'Sans quartier' }, none.id)).status).toBe(201);
  });

  it('leave only listed districts in the open data and the indicators, even from suggestions made before', async () => {
    const place = await t.createTerritory({ suggestionDistricts: [{ id: 'gare', label: { fr: 'Gare' } }] });
    const listed = await submit({ text: 'Trottoir cassé', district: 'gare' }, place.id);
    // Made before districts came from a list, with what the resident typed.
    const made = (await t.deps.stores.suggestions.get(listed.json.code))!;
    const old = { ...made, code: newTrackingCode(), text: 'Ancien message', district: FORMULA };
    await t.deps.stores.suggestions.create(old, undefined, 'old-text', 0);
    const typedLikeAList = { ...made, code: newTrackingCode(), text: 'Ancien aussi', district: ' GARE ' };
    await t.deps.stores.suggestions.create(typedLikeAList, undefined, 'old-text-2', 0);

    const csv = await t.call('GET', `/v1/territories/${place.id}/suggestions.csv`, { key: place.adminKey });
    const rows = csv.text.trimEnd().split('\r\n').slice(1);
    expect(rows.map((r) => r.split(',')[3]).sort()).toEqual(['', 'gare', 'gare']);
    const indicators = await t.call('GET', `/v1/territories/${place.id}/suggestions/indicators`, {
      key: place.adminKey,
    });
    expect(indicators.json.byDistrict).toEqual({ gare: 2, unspecified: 1 });
    for (const out of [csv.text, indicators.text]) expect(out).not.toMatch(/cmd|calc/);

    const details = await t.call('GET', `/v1/suggestions/${old.code}/details`, { key: place.adminKey });
    expect(details.json.suggestion.district).toBe(FORMULA);
  });
});

describe('PATCH /v1/territories/:t', () => {
  it('replaces the district list and sets the free-text retention, with the other settings given', async () => {
    const place = await t.createTerritory({ name: 'Avant' });
    const res = await t.call('PATCH', `/v1/territories/${place.id}`, {
      key: place.adminKey,
      body: {
        suggestionDistricts: [{ id: 'nord', label: { fr: 'Nord' } }],
        responses: { freeTextDays: 90 },
        name: 'Changé',
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      name: 'Changé',
      suggestionDistricts: [{ id: 'nord', label: { fr: 'Nord' } }],
      responses: { freeTextDays: 90 },
    });
    expect((await submit({ text: 'Au nord', district: 'Nord' }, place.id)).status).toBe(201);
    const tooShort = await t.call('PATCH', `/v1/territories/${place.id}`, {
      key: place.adminKey,
      body: { responses: { freeTextDays: 7 } },
    });
    expect(tooShort.status).toBe(400);
    expect(tooShort.json.error.issues[0].path).toBe('responses.freeTextDays');
  });
});
