/** Territories and their keys: the operator creates territories, admins manage keys. */
import * as z from 'zod';
import { Slug } from '#analytics/questionnaire.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { KeyInput, Role, TerritoryInput, type ApiKeyRecord, type Territory } from '../model.ts';
import { newApiKey, newKeyId, sha256 } from '../security.ts';
import { createRoute, errors, jsonBody, jsonResponse, newRouter } from './router.ts';
import { scopedTerritory } from './scoped.ts';

const TParam = z.object({ t: Slug });
const inPath = { from: 'param', name: 't' } as const;
const KeyOut = z.object({ id: z.string(), key: z.string(), role: Role, label: z.string() });

const createTerritory = createRoute({
  method: 'post',
  path: '/v1/territories',
  operationId: 'createTerritory',
  summary: 'Create a territory; answers its first admin key, shown once',
  access: 'operator',
  request: { body: jsonBody(TerritoryInput) },
  responses: { 201: jsonResponse('created', z.object({ id: z.string(), adminKey: z.string() })), ...errors },
});

const getTerritory = createRoute({
  method: 'get',
  path: '/v1/territories/{t}',
  operationId: 'getTerritory',
  summary: "The territory's settings",
  access: { roles: ['admin'] },
  territory: inPath,
  request: { params: TParam },
  responses: { 200: jsonResponse('settings', z.looseObject({ id: z.string() })), ...errors },
});

const createKey = createRoute({
  method: 'post',
  path: '/v1/territories/{t}/keys',
  operationId: 'createKey',
  summary: 'Create a key for a role; the key is shown once',
  access: { roles: ['admin'] },
  territory: inPath,
  request: { params: TParam, body: jsonBody(KeyInput) },
  responses: { 201: jsonResponse('created', KeyOut), ...errors },
});

const listKeys = createRoute({
  method: 'get',
  path: '/v1/territories/{t}/keys',
  operationId: 'listKeys',
  summary: "The territory's keys, without the keys themselves",
  access: { roles: ['admin'] },
  territory: inPath,
  request: { params: TParam },
  responses: {
    200: jsonResponse(
      'keys',
      z.object({ items: z.array(z.object({ id: z.string(), role: Role, label: z.string(), createdAt: z.string() })) }),
    ),
    ...errors,
  },
});

const revokeKey = createRoute({
  method: 'delete',
  path: '/v1/territories/{t}/keys/{keyId}',
  operationId: 'revokeKey',
  summary: 'Revoke a key: it stops working at once',
  access: { roles: ['admin'] },
  territory: inPath,
  request: { params: TParam.extend({ keyId: z.string().max(64) }) },
  responses: { 204: { description: 'revoked' }, ...errors },
});

export function territoriesApp(deps: Deps) {
  const app = newRouter(deps);
  const { territories } = deps.stores;

  app.openapi(createTerritory, async (c) => {
    const input = c.req.valid('json');
    const now = deps.now().toISOString();
    const territory: Territory = { ...input, createdAt: now };
    const adminKey = newApiKey();
    const record: ApiKeyRecord = {
      id: newKeyId(),
      territory: input.id,
      role: 'admin',
      label: 'first admin key',
      createdAt: now,
    };
    if (!(await territories.create(territory, sha256(adminKey), record)))
      throw new ConflictError(`territory "${input.id}" exists already`);
    return c.json({ id: input.id, adminKey }, 201);
  });

  app.openapi(getTerritory, (c) => c.json(scopedTerritory(c), 200));

  app.openapi(createKey, async (c) => {
    const t = scopedTerritory(c).id;
    const { role, label } = c.req.valid('json');
    const key = newApiKey();
    const record: ApiKeyRecord = { id: newKeyId(), territory: t, role, label, createdAt: deps.now().toISOString() };
    await territories.addKey(sha256(key), record);
    return c.json({ id: record.id, key, role, label }, 201);
  });

  app.openapi(listKeys, async (c) => {
    const t = scopedTerritory(c).id;
    const items = (await territories.listKeys(t)).map(({ id, role, label, createdAt }) => ({
      id,
      role,
      label,
      createdAt,
    }));
    return c.json({ items }, 200);
  });

  app.openapi(revokeKey, async (c) => {
    const { keyId } = c.req.valid('param');
    if (!(await territories.revokeKey(scopedTerritory(c).id, keyId))) throw new NotFoundError('key');
    return c.body(null, 204);
  });

  return app;
}
