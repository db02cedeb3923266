/** Territories and their keys: the operator creates territories, admins manage keys. */
import * as z from 'zod';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import {
  type ApiKeyRecord,
  KeyInput,
  responseSettingsOf,
  Role,
  suggestionSettingsOf,
  type Territory,
  TerritoryInput,
  TerritoryPatch,
} from '../model.ts';
import { newApiKey, newKeyId, sha256 } from '../security.ts';
import { createRoute, errors, jsonBody, jsonResponse, newRouter } from './router.ts';
import { TerritoryParam } from './public-schemas.ts';
import { scopedTerritory } from './scoped.ts';

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

const listTerritories = createRoute({
  method: 'get',
  path: '/v1/territories',
  operationId: 'listTerritories',
  summary: 'Every territory with its settings',
  access: 'operator',
  responses: {
    200: jsonResponse('territories', z.object({ items: z.array(z.looseObject({ id: z.string(), name: z.string() })) })),
    ...errors,
  },
});

const patchTerritory = createRoute({
  method: 'patch',
  path: '/v1/territories/{t}',
  operationId: 'updateTerritory',
  summary: "Change the territory's settings; answers them all",
  description:
    'Any setting given at creation but the id; a list given replaces the list, a field left out keeps its value. ' +
    'Origins are checked as origins (scheme, host and port, no path). 409 when another admin changed them meanwhile. ' +
    '`suggestionDistricts` replaces the list residents pick from (the open data and the indicators carry only these); ' +
    '`responses.freeTextDays` (30 to 3650, 365 by default) is how long free-text answers are kept before the nightly job removes them, numeric answers staying.',
  access: { roles: ['admin'] },
  territory: inPath,
  request: { params: TerritoryParam, body: jsonBody(TerritoryPatch) },
  responses: { 200: jsonResponse('settings', z.looseObject({ id: z.string() })), ...errors },
});

const getTerritory = createRoute({
  method: 'get',
  path: '/v1/territories/{t}',
  operationId: 'getTerritory',
  summary: "The territory's settings",
  access: { roles: ['admin'] },
  territory: inPath,
  request: { params: TerritoryParam },
  responses: { 200: jsonResponse('settings', z.looseObject({ id: z.string() })), ...errors },
});

const createKey = createRoute({
  method: 'post',
  path: '/v1/territories/{t}/keys',
  operationId: 'createKey',
  summary: 'Create a key for a role; the key is shown once',
  access: { roles: ['admin'] },
  territory: inPath,
  request: { params: TerritoryParam, body: jsonBody(KeyInput) },
  responses: { 201: jsonResponse('created', KeyOut), ...errors },
});

const listKeys = createRoute({
  method: 'get',
  path: '/v1/territories/{t}/keys',
  operationId: 'listKeys',
  summary: "The territory's keys, without the keys themselves, with when each was last used",
  access: { roles: ['admin'] },
  territory: inPath,
  request: { params: TerritoryParam },
  responses: {
    200: jsonResponse(
      'keys',
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            role: Role,
            label: z.string(),
            createdAt: z.string(),
            /** Recorded at most once an hour: "within the hour". */
            lastUsedAt: z.string().optional(),
          }),
        ),
      }),
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
  request: { params: z.object({ ...TerritoryParam.shape, keyId: z.string().max(64) }) },
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

  app.openapi(listTerritories, async (c) => {
    const items = (await territories.list()).sort((a, b) => a.id.localeCompare(b.id));
    return c.json({ items }, 200);
  });

  app.openapi(patchTerritory, async (c) => {
    const t = scopedTerritory(c).id;
    // A consistent read: the write below is conditional on exactly these settings.
    const before = await territories.get(t, true);
    if (!before) throw new NotFoundError('territory');
    const { suggestions, responses, ...patch } = c.req.valid('json');
    const after: Territory = {
      ...before,
      ...patch,
      ...(suggestions ? { suggestions: { ...suggestionSettingsOf(before), ...suggestions } } : {}),
      ...(responses ? { responses: { ...responseSettingsOf(before), ...responses } } : {}),
      updatedAt: deps.now().toISOString(),
    };
    if (!(await territories.replace(before, after)))
      throw new ConflictError('the settings changed meanwhile; reload them and try again');
    return c.json(after, 200);
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
    const items = (await territories.listKeys(t)).map(({ id, role, label, createdAt, lastUsedAt }) => ({
      id,
      role,
      label,
      createdAt,
      ...(lastUsedAt ? { lastUsedAt } : {}),
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
