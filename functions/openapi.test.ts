/** The OpenAPI document built from the routes: complete, self-consistent and honest about what it accepts. */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createApp } from './app.ts';
import { openApiDocument } from './openapi.ts';
import { createRoute, errors, jsonBody, jsonResponse } from './routes/router.ts';
import { buildDeps } from './runtime.ts';

interface Operation {
  parameters?: { name: string; in: string; required: boolean; schema: object }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, object> } };

// Describing the routes touches no storage: the database client is built but never called.
const app = createApp(
  buildDeps({ table: 'unused', operatorKey: 'openapi-test-operator-key', clientAddress: () => '203.0.113.1' }),
);
const doc = (await (await app.request('/openapi.json')).json()) as Doc;

function walk(value: unknown, visit: (key: string, v: unknown) => void) {
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    visit(k, v);
    walk(v, visit);
  }
}

describe('/openapi.json', () => {
  it('declares each path parameter of each URL template, and no other', () => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      const inTemplate = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(operations)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
        expect(declared.map((p) => p.name).sort(), `${method} ${path}`).toEqual(inTemplate);
        expect(declared.every((p) => p.required)).toBe(true);
      }
    }
  });

  it('resolves every $ref to a component, and every component is used', () => {
    const refs = new Set<string>();
    walk(doc.paths, (k, v) => k === '$ref' && refs.add(String(v)));
    walk(doc.components.schemas, (k, v) => k === '$ref' && refs.add(String(v)));
    const names = [...refs].map((r) => r.replace('#/components/schemas/', ''));
    expect(names.every((n) => n in doc.components.schemas)).toBe(true);
    expect(Object.keys(doc.components.schemas).sort()).toEqual([...new Set(names)].sort());
    expect(names).toContain('Error');
  });

  it('writes patterns as JSON Schema regexes that match what the API accepts', () => {
    const body = doc.paths['/v1/surveys/{id}/responses']!.post!.requestBody!.content['application/json']!.schema as {
      properties: { id: { pattern: string } };
      required: string[];
    };
    const id = new RegExp(body.properties.id.pattern, 'u');
    expect(id.test('01JC0000000000000000000000')).toBe(true);
    expect(id.test('not-an-id')).toBe(false);
    expect(body.required).toEqual(expect.arrayContaining(['id', 'audience', 'locale', 'answers']));
    walk(doc, (k, v) => {
      if (k === 'pattern') expect(() => new RegExp(String(v), 'u')).not.toThrow();
    });
  });

  it('never tells clients to reject answer fields the contract may add later', () => {
    for (const operations of Object.values(doc.paths))
      for (const op of Object.values(operations))
        walk(op.responses, (k, v) => expect(k === 'additionalProperties' && v === false).toBe(false));
  });
});

describe('openApiDocument', () => {
  it('documents query parameters with their defaults and descriptions', () => {
    const route = createRoute({
      method: 'get',
      path: '/v1/things/{id}',
      operationId: 'getThing',
      summary: 'A thing',
      access: 'public',
      territory: { from: 'survey', param: 'id' },
      request: {
        params: z.object({ id: z.string() }),
        query: z.object({ lang: z.enum(['fr', 'en']).default('fr').meta({ description: 'Language' }) }),
      },
      responses: { 200: jsonResponse('the thing', z.object({ id: z.string() })), ...errors },
    });
    const built = openApiDocument([route], { title: 't', version: '1', description: 'd' }) as Doc;
    const [id, lang] = built.paths['/v1/things/{id}']!.get!.parameters!;
    expect(id).toMatchObject({ name: 'id', in: 'path', required: true });
    expect(lang).toEqual({
      name: 'lang',
      in: 'query',
      required: false,
      description: 'Language',
      schema: { type: 'string', enum: ['fr', 'en'], default: 'fr' },
    });
  });

  it('refuses two different schemas under one name rather than documenting one of them', () => {
    const a = z.object({ x: z.string() }).meta({ id: 'Twin' });
    const b = z.object({ y: z.number() }).meta({ id: 'Twin' });
    const route = (path: string, schema: z.ZodType) =>
      createRoute({
        method: 'post',
        path,
        operationId: path.slice(1),
        summary: path,
        access: 'operator',
        request: { body: jsonBody(schema) },
        responses: { 204: { description: 'ok' } },
      });
    expect(() =>
      openApiDocument([route('/a', a), route('/b', b)], { title: 't', version: '1', description: 'd' }),
    ).toThrow(/Twin/);
  });
});
