import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let town: { id: string; adminKey: string };
const ORIGIN = 'https://www.mairie.example';

beforeAll(async () => {
  t = await testApp();
  town = await t.createTerritory({ allowedOrigins: [ORIGIN], limits: { submissionsPerMinute: 1000 } });
});

const submit = (body: Record<string, unknown>, territory = town.id) =>
  t.call('POST', `/v1/territories/${territory}/suggestions`, {
    body: { elapsedMs: 20_000, website: '', ...body },
    origin: ORIGIN,
  });

describe('POST /v1/territories/:t/suggestions', () => {
  it('answers a short tracking code that the public look-up finds, in any case and without dashes', async () => {
    const res = await submit({ category: 'voirie', text: 'Nid-de-poule rue des Lices, devant le 12.' });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const code = res.json.code as string;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/);

    for (const typed of [code, code.toLowerCase(), code.replaceAll('-', ''), ` ${code.replaceAll('-', ' ')} `.trim()]) {
      const found = await t.call('GET', `/v1/suggestions/${encodeURIComponent(typed)}`, { origin: ORIGIN });
      expect(found.status).toBe(200);
      expect(found.json).toEqual({
        code,
        status: 'received',
        category: 'voirie',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    }
  });

  it('gives codes that are neither sequential nor alike', async () => {
    const codes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        submit({ category: 'autre', text: `Idée numéro ${i} pour le marché` }).then((r) => r.json.code as string),
      ),
    );
    expect(new Set(codes).size).toBe(20);
    const sorted = [...codes].sort();
    expect(sorted).not.toEqual(codes);
  });

  it('refuses an unknown category, an empty or too long text, and a contact without consent, naming each field', async () => {
    const res = await submit({ category: 'piscine', text: 'x' });
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['category']);
    const bad = await submit({
      category: 'voirie',
      text: 'y'.repeat(5001),
      contact: { email: 'a@b.fr', consent: false },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['contact.consent', 'text']);
    expect((await submit({ category: 'voirie', text: '   ' })).status).toBe(400);
    expect((await submit({ category: 'voirie', text: 'z'.repeat(5000) })).status).toBe(201);
  });

  it('answers 404 for an unknown territory', async () => {
    expect((await submit({ category: 'voirie', text: 'Bonjour' }, 'nulle-part')).status).toBe(404);
  });

  it('answers the first code for the same text within a day, whatever its case and spacing', async () => {
    const first = await submit({ category: 'proprete', text: 'Les poubelles de la place  Pie débordent !' });
    const again = await submit({ category: 'proprete', text: 'les poubelles de la place pie débordent' });
    expect(again.status).toBe(201);
    expect(again.json.code).toBe(first.json.code);
    const elsewhere = await t.createTerritory({ allowedOrigins: [ORIGIN], limits: { submissionsPerMinute: 1000 } });
    const other = await submit(
      { category: 'proprete', text: 'Les poubelles de la place Pie débordent !' },
      elsewhere.id,
    );
    expect(other.json.code).not.toBe(first.json.code);
  });

  it('answers one code to the same text sent several times at once', async () => {
    const sent = await Promise.all(
      Array.from({ length: 4 }, () => submit({ category: 'voirie', text: 'Le feu du carrefour Thiers reste rouge.' })),
    );
    expect(sent.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(sent.map((r) => r.json.code)).size).toBe(1);
  });

  it('answers a robot (honeypot filled, or faster than a person) like a person but stores nothing', async () => {
    const moderator = await moderatorKey();
    for (const body of [{ website: 'http://spam.example' }, { elapsedMs: 400 }]) {
      const res = await submit({ category: 'culture', text: `Achetez des montres ${JSON.stringify(body)}`, ...body });
      expect(res.status).toBe(201);
      expect(res.json.code).toMatch(/^\w{3}-\w{3}-\w{3}$/);
      expect((await t.call('GET', `/v1/suggestions/${res.json.code}`)).status).toBe(404);
    }
    const listed = await t.call('GET', `/v1/territories/${town.id}/suggestions?category=culture`, { key: moderator });
    expect(listed.json.items).toEqual([]);
    // A script following docs/api.md sends neither field and is served.
    const script = await t.call('POST', `/v1/territories/${town.id}/suggestions`, {
      body: { category: 'culture', text: 'Un kiosque à musique' },
    });
    expect((await t.call('GET', `/v1/suggestions/${script.json.code}`)).status).toBe(200);
  });

  it("follows the territory's own minimum fill time", async () => {
    const kiosk = await t.createTerritory({ allowedOrigins: [ORIGIN], suggestions: { minFillMs: 0 } });
    const res = await submit({ category: 'autre', text: 'Rempli en un éclair', elapsedMs: 10 }, kiosk.id);
    expect((await t.call('GET', `/v1/suggestions/${res.json.code}`)).status).toBe(200);
    const settings = await t.call('GET', `/v1/territories/${kiosk.id}`, { key: kiosk.adminKey });
    expect(settings.json.suggestions).toEqual({ promisedDays: 15, retentionMonths: 12, minFillMs: 0 });
  });

  it('counts suggestions against the per-client limit', async () => {
    const small = await t.createTerritory({ allowedOrigins: [ORIGIN], limits: { submissionsPerMinute: 2 } });
    t.setAddress('198.51.100.9');
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await submit({ category: 'autre', text: `Limite ${i}` }, small.id)).status);
    t.setAddress('203.0.113.7');
    expect(statuses).toEqual([201, 201, 429]);
  });
});

describe('GET /v1/suggestions/:code', () => {
  it('shows no text, district or contact, and no e-mail or phone number anywhere', async () => {
    const text = 'Appelez-moi au 06 12 34 56 78 ou écrivez à jeanne.martin@example.fr : le lampadaire est cassé.';
    const { json } = await submit({
      category: 'securite',
      text,
      district: 'Champfleury',
      contact: { email: 'jeanne.martin@example.fr', consent: true },
    });
    const found = await t.call('GET', `/v1/suggestions/${json.code}`);
    expect(Object.keys(found.json).sort()).toEqual(['category', 'code', 'createdAt', 'status', 'updatedAt']);
    expect(found.text).not.toMatch(/jeanne|06 12|Champfleury|lampadaire/);
  });

  it('answers 404 to a code that does not exist or cannot be one, readable from any page', async () => {
    for (const code of ['000-000-000', 'NOPE-0000', 'x']) {
      const res = await t.call('GET', `/v1/suggestions/${code}`, { origin: 'https://ailleurs.example' });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('not_found');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('answers a code from a page its territory does not allow exactly as an unknown code: status, body and CORS', async () => {
    const { json } = await submit({ category: 'voirie', text: 'Un passage piéton effacé' });
    const seen = async (code: string) => {
      const r = await t.call('GET', `/v1/suggestions/${code}`, { origin: 'https://ailleurs.example' });
      const cors = ['access-control-allow-origin', 'access-control-expose-headers', 'vary'];
      return { status: r.status, body: r.json, headers: cors.map((h) => r.headers.get(h)) };
    };
    expect(await seen(json.code)).toEqual(await seen('000-000-000'));
    expect((await seen(json.code)).status).toBe(404);
  });

  it('reads a code typed with spaces from an allowed page, CORS included (the path is decoded)', async () => {
    const { json } = await submit({ category: 'voirie', text: 'Un trottoir trop étroit rue Carreterie' });
    const spaced = json.code.replaceAll('-', ' ').toLowerCase();
    const res = await t.call('GET', `/v1/suggestions/${encodeURIComponent(spaced)}`, { origin: ORIGIN });
    expect(res.status).toBe(200);
    expect(res.json.code).toBe(json.code);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });
});

describe('GET /v1/territories/:t/suggestion-categories', () => {
  it("lists the territory's categories, defaults included, for the widget", async () => {
    const res = await t.call('GET', `/v1/territories/${town.id}/suggestion-categories`, { origin: ORIGIN });
    expect(res.status).toBe(200);
    expect(res.json.items[0]).toEqual({ id: 'voirie', label: { fr: 'Voirie', en: 'Roads and pavements' } });
    const own = await t.createTerritory({
      suggestionCategories: [{ id: 'plage', label: { fr: 'Plage', en: 'Beach' } }],
    });
    expect((await t.call('GET', `/v1/territories/${own.id}/suggestion-categories`)).json.items).toEqual([
      { id: 'plage', label: { fr: 'Plage', en: 'Beach' } },
    ]);
    expect((await t.call('GET', '/v1/territories/nulle-part/suggestion-categories')).status).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  it('documents the contract paths and the additions', async () => {
    const doc = await t.call('GET', '/openapi.json');
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining([
        '/v1/territories/{t}/suggestions',
        '/v1/suggestions/{code}',
        '/v1/territories/{t}/suggestion-categories',
        '/v1/suggestions/{code}/details',
        '/v1/suggestions/{code}/notes',
        '/v1/suggestions/{code}/visibility',
        '/v1/suggestions/{code}/merge',
        '/v1/suggestions/{code}/contact',
        '/v1/territories/{t}/suggestions.csv',
        '/v1/territories/{t}/suggestions/indicators',
      ]),
    );
    expect(doc.json.paths['/v1/suggestions/{code}'].patch).toBeDefined();
  });
});

async function moderatorKey(territory = town) {
  const res = await t.call('POST', `/v1/territories/${territory.id}/keys`, {
    key: territory.adminKey,
    body: { role: 'moderator', label: 'Accueil mairie' },
  });
  return res.json.key as string;
}
