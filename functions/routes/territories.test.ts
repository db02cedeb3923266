import { beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_PATHS } from '../smoke.ts';
import { testApp } from '../testing/harness.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});

describe('POST /v1/territories', () => {
  it('creates a territory with the operator key and shows its admin key once', async () => {
    const res = await t.call('POST', '/v1/territories', {
      key: t.operatorKey,
      body: { id: 'avignon', name: 'Avignon', allowedOrigins: ['https://www.avignon-tourisme.com'] },
    });
    expect(res.status).toBe(201);
    expect(res.json.id).toBe('avignon');
    expect(res.json.adminKey).toMatch(/^ecoute_[A-Za-z0-9_-]{40,}$/);
    const settings = await t.call('GET', '/v1/territories/avignon', { key: res.json.adminKey });
    expect(settings.status).toBe(200);
    expect(settings.json).toMatchObject({ timeZone: 'Europe/Paris', limits: { submissionsPerMinute: 30 } });
    expect(settings.json.suggestionCategories.map((c: { id: string }) => c.id)).toContain('voirie');
  });

  it('answers 409 when the id is taken', async () => {
    const body = { id: 'carpentras', name: 'Carpentras', allowedOrigins: [] };
    expect((await t.call('POST', '/v1/territories', { key: t.operatorKey, body })).status).toBe(201);
    const again = await t.call('POST', '/v1/territories', { key: t.operatorKey, body });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('conflict');
  });

  it('refuses a bad definition with one issue per field', async () => {
    const res = await t.call('POST', '/v1/territories', {
      key: t.operatorKey,
      body: { id: 'Bad Id', name: '', timeZone: 'Mars/Olympus', allowedOrigins: ['not a url'] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    const paths = res.json.error.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['allowedOrigins.0', 'id', 'name', 'timeZone']);
  });

  it('needs the operator key: 401 without a key, 403 with an admin key', async () => {
    const body = { id: 'orange', name: 'Orange', allowedOrigins: [] };
    expect((await t.call('POST', '/v1/territories', { body })).status).toBe(401);
    const { adminKey } = await t.createTerritory();
    const res = await t.call('POST', '/v1/territories', { key: adminKey, body });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('forbidden');
  });
});

describe('keys', () => {
  it('creates role keys stored only as hashes, and a revoked key stops at once', async () => {
    const { id, adminKey } = await t.createTerritory();
    const created = await t.call('POST', `/v1/territories/${id}/keys`, {
      key: adminKey,
      body: { role: 'evaluator', label: 'Cabinet Dupont' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ role: 'evaluator', label: 'Cabinet Dupont' });
    const evaluatorKey = created.json.key as string;
    expect((await t.call('GET', `/v1/territories/${id}/surveys`, { key: evaluatorKey })).status).toBe(200);

    const { Items } = await t.db.client.send(
      new (await import('@aws-sdk/client-dynamodb')).QueryCommand({
        TableName: t.db.table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :p',
        ExpressionAttributeValues: { ':p': { S: `T#${id}#KEYS` } },
      }),
    );
    expect(JSON.stringify(Items)).not.toContain(evaluatorKey);
    expect(JSON.stringify(Items)).not.toContain(adminKey);

    const revoked = await t.call('DELETE', `/v1/territories/${id}/keys/${created.json.id}`, { key: adminKey });
    expect(revoked.status).toBe(204);
    const after = await t.call('GET', `/v1/territories/${id}/surveys`, { key: evaluatorKey });
    expect(after.status).toBe(401);
  });

  it('an evaluator cannot create keys, and another territory sees 404', async () => {
    const a = await t.createTerritory();
    const b = await t.createTerritory();
    const ev = await t.call('POST', `/v1/territories/${a.id}/keys`, {
      key: a.adminKey,
      body: { role: 'evaluator', label: 'x' },
    });
    expect(
      (await t.call('POST', `/v1/territories/${a.id}/keys`, { key: ev.json.key, body: { role: 'admin', label: 'y' } }))
        .status,
    ).toBe(403);
    const cross = await t.call('POST', `/v1/territories/${a.id}/keys`, {
      key: b.adminKey,
      body: { role: 'admin', label: 'y' },
    });
    expect(cross.status).toBe(404);
    expect(cross.json.error.code).toBe('not_found');
  });
});

describe('GET /health and /openapi.json', () => {
  it('answers ok and documents every path of the contract', async () => {
    expect((await t.call('GET', '/health')).json).toEqual({ status: 'ok' });
    const doc = await t.call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.json.paths)).toEqual(expect.arrayContaining(CONTRACT_PATHS));
    expect(Object.keys(doc.json.paths)).toContain('/v1/territories/{t}/keys/{keyId}');
  });
});
