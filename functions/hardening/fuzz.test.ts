/**
 * Hostile input on every endpoint of /openapi.json: a 4xx in the error shape, never a 5xx,
 * nothing stored, nothing polluted, the server healthy afterwards. FUZZ_RUNS sets the number
 * of cases per endpoint (bench/suites/fuzz.ts runs more than 10 000 in all).
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness.ts';
import fc from 'fast-check';
import { describeCase, fuzzEndpoint, sendCase, withExtraFields } from './fuzzing.ts';
import { UNUSUAL_TEXTS } from './hostile.ts';
import { countItems, createWorld, endpointsOf, fillPath, responseBody, send, shapeProblem, SURVEY } from './world.ts';
import { untypeset } from '../testing/typography.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
// The endpoints are read from the app itself, so each gets its own test.
const t = await testApp();
const world = await createWorld(t.app, t.operatorKey, 'fuzz');
const endpoints = await endpointsOf(t.app);

describe('hostile input', () => {
  it('reaches every endpoint of /openapi.json', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(25);
  });

  for (const e of endpoints) {
    it(`${e.method} ${e.template} answers ${RUNS} hostile requests with a 4xx in the error shape and stores nothing`, async () => {
      const before = await countItems(t.db);
      const tally = await fuzzEndpoint(t.app, world, e, RUNS);
      expect(tally.runs).toBe(RUNS);
      expect(await countItems(t.db)).toBe(before);
      expect((await send(t.app, 'GET', '/health')).json).toEqual({ status: 'ok' });
    });
  }

  it('still stores a valid response afterwards', async () => {
    const fresh = await send(t.app, 'POST', `/v1/surveys/${world.survey}/responses`, {
      body: JSON.stringify(responseBody(new Date())),
    });
    expect(fresh.status).toBe(201);
  });
});

describe('valid bodies with unknown fields anywhere', () => {
  for (const e of endpoints.filter((x) => x.body)) {
    it(`${e.method} ${e.template} never answers them with a 5xx nor lets them pollute anything`, async () => {
      await fc.assert(
        fc.asyncProperty(withExtraFields(world, e), async (c) => {
          const r = await sendCase(t.app, e, c);
          expect(r.status, `${describeCase(c)}\n${r.text.slice(0, 200)}`).toBeLessThan(500);
          if (r.status >= 400) expect(shapeProblem(r)).toBeUndefined();
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: Math.ceil(RUNS / 8) },
      );
    });
  }
});

describe('methods a path does not have', () => {
  it('answer a 4xx in the error shape (OPTIONS and HEAD excepted), never a 5xx', async () => {
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND', 'PURGE', 'LINK', 'OPTIONS', 'HEAD'];
    for (const e of endpoints) {
      const path = fillPath(e.template, world.params(e));
      const own = endpoints.filter((x) => x.template === e.template).map((x) => x.method);
      for (const method of methods.filter((m) => !own.includes(m))) {
        const r = await send(t.app, method, path, { key: world.keys.admin, headers: { origin: world.origin } });
        expect(r.status, `${method} ${e.template}`).toBeLessThan(500);
        if (r.status >= 400 && method !== 'HEAD') expect(shapeProblem(r), `${method} ${e.template}`).toBeUndefined();
      }
    }
  });
});

describe('valid unusual input', () => {
  it.each(UNUSUAL_TEXTS.map((s) => [s]))(
    'keeps %j intact in a suggestion, a response, a survey title and a moderator answer',
    async (text) => {
      const s = await send(t.app, 'POST', `/v1/territories/${world.id}/suggestions`, {
        body: JSON.stringify({ category: 'culture', text }),
      });
      expect(s.status).toBe(201);
      const details = await send(t.app, 'GET', `/v1/suggestions/${s.json.code}/details`, { key: world.keys.moderator });
      expect(Buffer.from(details.json.suggestion.text)).toEqual(Buffer.from(text));
      const answered = await send(t.app, 'PATCH', `/v1/suggestions/${s.json.code}`, {
        key: world.keys.moderator,
        body: JSON.stringify({ status: 'in_review', answer: text }),
      });
      expect(answered.status).toBe(200);
      expect((await send(t.app, 'GET', `/v1/suggestions/${s.json.code}`)).json.answer.text).toBe(text);

      const body = { ...responseBody(new Date()), answers: { recommend: 7, comment: text } };
      expect(
        (await send(t.app, 'POST', `/v1/surveys/${world.survey}/responses`, { body: JSON.stringify(body) })).status,
      ).toBe(201);
      expect((await t.deps.stores.responses.get(body.id))?.answers.comment).toBe(text);
      const csv = await send(t.app, 'GET', `/v1/surveys/${world.survey}/responses.csv`, { key: world.keys.admin });
      expect(csv.text).toContain(text.includes('"') || text.includes('\n') ? `"${text.replace(/"/g, '""')}"` : text);

      const survey = await send(t.app, 'POST', `/v1/territories/${world.id}/surveys`, {
        key: world.keys.admin,
        body: JSON.stringify({ ...SURVEY, title: { fr: text, ar: text } }),
      });
      const definition = await send(t.app, 'GET', `/v1/surveys/${survey.json.id}/definition`, {
        key: world.keys.evaluator,
      });
      // Titles are typeset by their language's rules when saved (analytics/typography.ts: ’ for ',
      // no-break spaces before French ; : ! ?); nothing else of the text changes.
      const title = definition.json.definition.title as { fr: string; ar: string };
      expect([untypeset(title.fr), untypeset(title.ar)]).toEqual([untypeset(text), untypeset(text)]);
    },
  );
});

describe('prototype keys in otherwise valid bodies', () => {
  it('never pollute Object.prototype nor reach the table', async () => {
    for (const e of endpoints.filter((x) => x.body)) {
      const valid = world.bodies[world.signature(e)] ?? {};
      const hostile = JSON.parse(
        `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"},${JSON.stringify(valid).slice(1)}`,
      );
      const r = await send(t.app, e.method, fillPath(e.template, world.params(e)), {
        key: world.keyFor(e),
        body: JSON.stringify(hostile),
      });
      expect(r.status, `${e.method} ${e.template}`).toBeLessThan(500);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
    const items = await t.db.client.send(new ScanCommand({ TableName: t.db.table }));
    expect(JSON.stringify(items.Items)).not.toContain('polluted');
  });
});
