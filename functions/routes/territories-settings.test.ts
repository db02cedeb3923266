/** The settings an admin edits after creation, the operator's list, and keys' last use. */
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness.ts';

let clock = new Date('2026-10-05T09:00:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp({ now: () => clock });
});

describe('PATCH /v1/territories/{t}', () => {
  it('changes the settings given, keeps the others, and answers them all', async () => {
    const { id, adminKey } = await t.createTerritory({ suggestions: { promisedDays: 10, retentionMonths: 6 } });
    const res = await t.call('PATCH', `/v1/territories/${id}`, {
      key: adminKey,
      body: {
        name: 'Carpentras Ventoux',
        allowedOrigins: ['https://www.carpentras.fr/', 'http://localhost:8080'],
        suggestions: { promisedDays: 20 },
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id,
      name: 'Carpentras Ventoux',
      allowedOrigins: ['https://www.carpentras.fr', 'http://localhost:8080'],
      timeZone: 'Europe/Paris',
      suggestions: { promisedDays: 20, retentionMonths: 6, minFillMs: 3000 },
    });
    const read = await t.call('GET', `/v1/territories/${id}`, { key: adminKey });
    expect(read.json).toEqual(res.json);
    // CORS follows the new origins at once on this instance.
    const live = await t.createLiveSurvey(id, adminKey);
    const cors = await t.call('GET', `/v1/surveys/${live}`, { origin: 'https://www.carpentras.fr' });
    expect(cors.headers.get('access-control-allow-origin')).toBe('https://www.carpentras.fr');
  });

  it('refuses an origin with a path, at its field, and stores nothing', async () => {
    const { id, adminKey } = await t.createTerritory();
    const before = (await t.call('GET', `/v1/territories/${id}`, { key: adminKey })).json;
    const res = await t.call('PATCH', `/v1/territories/${id}`, {
      key: adminKey,
      body: { name: 'Nouveau nom', allowedOrigins: ['https://www.ok.fr', 'https://www.ville.fr/tourisme'] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([
      {
        path: 'allowedOrigins.1',
        message: 'expected an origin such as https://www.example.fr (scheme, host and port only)',
      },
    ]);
    expect((await t.call('GET', `/v1/territories/${id}`, { key: adminKey })).json).toEqual(before);
  });

  it('refuses an empty change, an unknown time zone and the id', async () => {
    const { id, adminKey } = await t.createTerritory();
    expect((await t.call('PATCH', `/v1/territories/${id}`, { key: adminKey, body: {} })).status).toBe(400);
    const zone = await t.call('PATCH', `/v1/territories/${id}`, { key: adminKey, body: { timeZone: 'Mars/Olympus' } });
    expect(zone.json.error.issues).toEqual([{ path: 'timeZone', message: 'unknown time zone' }]);
    const renamed = await t.call('PATCH', `/v1/territories/${id}`, { key: adminKey, body: { id: 'other' } });
    expect(renamed.status).toBe(400);
    expect((await t.call('GET', `/v1/territories/${id}`, { key: adminKey })).json.id).toBe(id);
  });

  it('is for admins of the territory: 403 to an evaluator, 404 to another territory', async () => {
    const a = await t.createTerritory();
    const b = await t.createTerritory();
    const evaluator = (
      await t.call('POST', `/v1/territories/${a.id}/keys`, { key: a.adminKey, body: { role: 'evaluator', label: 'e' } })
    ).json.key;
    const body = { name: 'Piraté' };
    expect((await t.call('PATCH', `/v1/territories/${a.id}`, { key: evaluator, body })).status).toBe(403);
    const cross = await t.call('PATCH', `/v1/territories/${a.id}`, { key: b.adminKey, body });
    expect(cross.status).toBe(404);
    expect((await t.call('GET', `/v1/territories/${a.id}`, { key: a.adminKey })).json.name).not.toBe('Piraté');
  });

  it('refuses to overwrite settings changed since they were read (409)', async () => {
    const { id } = await t.createTerritory();
    const stale = await t.deps.stores.territories.get(id, true);
    if (!stale) throw new Error('no territory');
    expect(await t.deps.stores.territories.replace(stale, { ...stale, name: 'Premier' })).toBe(true);
    expect(await t.deps.stores.territories.replace(stale, { ...stale, name: 'Second' })).toBe(false);
    expect((await t.deps.stores.territories.get(id, true))?.name).toBe('Premier');
  });
});

describe('GET /v1/territories', () => {
  it('lists every territory for the operator, and only for the operator', async () => {
    const a = await t.createTerritory({ name: 'Avignon' });
    const b = await t.createTerritory({ name: 'Orange' });
    const res = await t.call('GET', '/v1/territories', { key: t.operatorKey });
    expect(res.status).toBe(200);
    const ids = res.json.items.map((x: { id: string }) => x.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids).toEqual([...ids].sort());
    expect(res.json.items.find((x: { id: string }) => x.id === a.id)).toMatchObject({ name: 'Avignon' });
    expect(JSON.stringify(res.json)).not.toContain(a.adminKey);
    expect((await t.call('GET', '/v1/territories', { key: a.adminKey })).status).toBe(403);
    expect((await t.call('GET', '/v1/territories')).status).toBe(401);
  });
});

describe('GET /v1/me', () => {
  it("names the key's role, label and territory, the operator's role, and refuses others", async () => {
    const { id, adminKey } = await t.createTerritory({ name: 'Cavaillon', timeZone: 'Europe/Paris' });
    const admin = await t.call('GET', '/v1/me', { key: adminKey });
    expect(admin.status).toBe(200);
    expect(admin.json).toMatchObject({
      role: 'admin',
      label: 'first admin key',
      territory: { id, name: 'Cavaillon', timeZone: 'Europe/Paris', locales: ['fr', 'en'], promisedDays: 15 },
    });
    const mod = await t.call('POST', `/v1/territories/${id}/keys`, {
      key: adminKey,
      body: { role: 'moderator', label: 'Service citoyenneté' },
    });
    const asModerator = await t.call('GET', '/v1/me', { key: mod.json.key });
    expect(asModerator.json).toMatchObject({ role: 'moderator', keyId: mod.json.id, label: 'Service citoyenneté' });
    expect((await t.call('GET', '/v1/me', { key: t.operatorKey })).json).toEqual({ role: 'operator' });
    expect((await t.call('GET', '/v1/me')).status).toBe(401);
    await t.call('DELETE', `/v1/territories/${id}/keys/${mod.json.id}`, { key: adminKey });
    const revoked = await t.call('GET', '/v1/me', { key: mod.json.key });
    expect(revoked.status).toBe(401);
    expect(revoked.json.error.message).toBe('this key is unknown or revoked');
  });
});

describe("keys' last use", () => {
  it('is recorded on first use, then at most once an hour', async () => {
    const { id, adminKey } = await t.createTerritory();
    const created = await t.call('POST', `/v1/territories/${id}/keys`, {
      key: adminKey,
      body: { role: 'evaluator', label: 'Cabinet' },
    });
    const lastUse = async () =>
      (await t.call('GET', `/v1/territories/${id}/keys`, { key: adminKey })).json.items.find(
        (k: { id: string }) => k.id === created.json.id,
      ).lastUsedAt;
    expect(await lastUse()).toBeUndefined();

    const first = clock.toISOString();
    await t.call('GET', `/v1/territories/${id}/surveys`, { key: created.json.key });
    expect(await lastUse()).toBe(first);

    clock = new Date(clock.getTime() + 59 * 60_000);
    await t.call('GET', `/v1/territories/${id}/surveys`, { key: created.json.key });
    expect(await lastUse()).toBe(first);

    clock = new Date(clock.getTime() + 2 * 60_000);
    await t.call('GET', `/v1/territories/${id}/surveys`, { key: created.json.key });
    expect(await lastUse()).toBe(clock.toISOString());
  });

  it('is written once when concurrent requests find it stale', async () => {
    const { adminKey } = await t.createTerritory();
    clock = new Date(clock.getTime() + 2 * 3_600_000);
    const hash = (await import('../security.ts')).sha256(adminKey);
    const since = new Date(clock.getTime() - 3_600_000).toISOString();
    const writes = await Promise.all(
      Array.from({ length: 5 }, () => t.deps.stores.territories.touchKey(hash, clock.toISOString(), since)),
    );
    expect(writes.filter(Boolean)).toHaveLength(1);
  });
});
