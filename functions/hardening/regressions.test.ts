/** What the fuzzing found, pinned as plain examples (each failed before its fix). */
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness.ts';
import { countItems, createWorld, responseBody, send } from './world.ts';

const t = await testApp();
const world = await createWorld(t.app, t.operatorKey, 'regress');
const enc = new TextEncoder();

describe('ids longer than any id', () => {
  it.each([
    ['GET', '/v1/surveys/'],
    ['GET', '/v1/territories/'],
    ['POST', '/v1/territories/'],
    ['DELETE', '/v1/responses/'],
  ])('%s %s… with a 3 000-character id is a 4xx, not a 500 from DynamoDB key limits', async (method, prefix) => {
    const r = await send(
      t.app,
      method,
      `${prefix}${'a'.repeat(3000)}${prefix.includes('territories') ? '/suggestions' : ''}`,
      { key: world.keys.admin, body: method === 'POST' ? '{}' : undefined },
    );
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.json.error.code).toMatch(/validation_failed|not_found/);
  });
});

describe('text that is not well-formed', () => {
  const comment = (raw: Uint8Array) => {
    const [before, after] = JSON.stringify({
      ...responseBody(new Date()),
      answers: { recommend: 9, comment: '\u0000' },
    }).split('"\\u0000"') as [string, string];
    return Uint8Array.from([...enc.encode(before), ...raw, ...enc.encode(after)]);
  };

  it.each([
    ['invalid UTF-8 bytes', Uint8Array.from([0x22, 0x61, 0xff, 0xfe, 0x62, 0x22])],
    ['an overlong encoding', Uint8Array.from([0x22, 0xc0, 0x80, 0x22])],
    ['a lone surrogate escape', enc.encode('"a\\ud800b"')],
    ['a lone low surrogate escape', enc.encode('"\\udc00"')],
    ['a lone surrogate escape in capitals', enc.encode('"\\uDBFF"')],
  ])('refuses a response whose comment holds %s (400) and stores nothing', async (_, raw) => {
    const before = await countItems(t.db);
    const r = await send(t.app, 'POST', `/v1/surveys/${world.survey}/responses`, { body: comment(raw) });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('validation_failed');
    expect(await countItems(t.db)).toBe(before);
  });

  it('refuses a suggestion or a key label with a lone surrogate', async () => {
    const s = await send(t.app, 'POST', `/v1/territories/${world.id}/suggestions`, {
      body: '{"category":"voirie","text":"Un banc \\ud83d"}',
    });
    expect(s.status).toBe(400);
    const k = await send(t.app, 'POST', `/v1/territories/${world.id}/keys`, {
      key: world.keys.admin,
      body: '{"role":"evaluator","\\udfff":1,"label":"x"}',
    });
    expect(k.status).toBe(400);
  });

  it('accepts a well-formed surrogate pair, escaped or not', async () => {
    const r = await send(t.app, 'POST', `/v1/surveys/${world.survey}/responses`, {
      body: comment(enc.encode('"\\ud83d\\ude00 😀"')),
    });
    expect(r.status).toBe(201);
  });
});

describe('bodies nested deeper than any body needs', () => {
  it.each([33, 5000, 30_000])(
    'refuses a response with an unknown field nested %i deep (400; 5 000 deep overflowed the stack, a 500)',
    async (depth) => {
      const before = await countItems(t.db);
      const body = `${JSON.stringify(responseBody(new Date())).slice(0, -1)},"extra":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const r = await send(t.app, 'POST', `/v1/surveys/${world.survey}/responses`, { body });
      expect(r.status).toBe(400);
      expect(r.json.error.issues[0].message).toMatch(/deeper than 32/);
      expect(await countItems(t.db)).toBe(before);
    },
  );

  it('counts brackets inside strings as text', async () => {
    const body = {
      ...responseBody(new Date()),
      answers: {
        recommend: 9,
        comment: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ \\" {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{',
      },
    };
    expect(
      (await send(t.app, 'POST', `/v1/surveys/${world.survey}/responses`, { body: JSON.stringify(body) })).status,
    ).toBe(201);
  });
});
