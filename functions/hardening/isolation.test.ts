/**
 * Who may call what, checked against a table written here, independently of the routes'
 * declarations: every route of /openapi.json must be in it (a new route fails until its
 * expectation is written), its document must say the same, and each route is tried with each
 * role of the right territory, each role of another territory, no key, a revoked key and the
 * operator key. Served means a 2xx with a valid request; another territory's things answer
 * exactly as things that do not exist (functions/hardening/existence.test.ts tries every caller
 * and Origin on that).
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness.ts';
import { createWorld, endpointsOf, fillPath, send, type Endpoint, type World } from './world.ts';

const ROLES = ['admin', 'evaluator', 'moderator'] as const;
type Role = (typeof ROLES)[number];
type Who = 'public' | 'operator' | 'anyKey' | Role[];

/** The contract (API.md and the additions), route by route: who may call it. */
const EXPECTED: Record<string, Who> = {
  'POST /v1/territories': 'operator',
  'GET /v1/territories': 'operator',
  'PATCH /v1/territories/{t}': ['admin'],
  'GET /v1/me': 'anyKey',
  'GET /v1/territories/{t}': ['admin'],
  'POST /v1/territories/{t}/keys': ['admin'],
  'GET /v1/territories/{t}/keys': ['admin'],
  'DELETE /v1/territories/{t}/keys/{keyId}': ['admin'],
  'POST /v1/territories/{t}/surveys': ['admin'],
  'GET /v1/territories/{t}/surveys': ['admin', 'evaluator'],
  'PUT /v1/surveys/{id}': ['admin'],
  'POST /v1/surveys/{id}/status': ['admin'],
  'GET /v1/surveys/{id}/definition': ['admin', 'evaluator'],
  'GET /v1/surveys/{id}': 'public',
  'POST /v1/surveys/{id}/responses': 'public',
  'DELETE /v1/responses/{id}': 'public',
  'GET /v1/surveys/{id}/responses.csv': ['admin'],
  'POST /v1/territories/{t}/aggregations': ['admin'],
  'GET /v1/territories/{t}/aggregations/{jobId}': ['admin'],
  'POST /v1/surveys/{id}/exports': ['admin'],
  'GET /v1/surveys/{id}/exports/{jobId}': ['admin'],
  'GET /v1/surveys/{id}/report': ['admin', 'evaluator'],
  'GET /v1/surveys/{id}/report.csv': ['admin', 'evaluator'],
  'GET /v1/surveys/{id}/report.html': ['admin', 'evaluator'],
  'GET /v1/surveys/{id}/report-settings': ['admin', 'evaluator'],
  'PUT /v1/surveys/{id}/report-settings': ['admin'],
  'GET /v1/territories/{t}/suggestion-categories': 'public',
  'POST /v1/territories/{t}/suggestions': 'public',
  'GET /v1/suggestions/{code}': 'public',
  'GET /v1/territories/{t}/suggestions': ['moderator', 'admin'],
  'PATCH /v1/suggestions/{code}': ['moderator', 'admin'],
  'GET /v1/suggestions/{code}/details': ['moderator', 'admin'],
  'POST /v1/suggestions/{code}/notes': ['moderator', 'admin'],
  'POST /v1/suggestions/{code}/visibility': ['moderator', 'admin'],
  'POST /v1/suggestions/{code}/merge': ['moderator', 'admin'],
  'DELETE /v1/suggestions/{code}/contact': ['moderator', 'admin'],
  'GET /v1/territories/{t}/suggestions/indicators': ['moderator', 'admin', 'evaluator'],
  'GET /v1/territories/{t}/suggestions.csv': ['moderator', 'admin', 'evaluator'],
  'DELETE /v1/territories/{t}/responses/{responseId}': ['admin'],
  'GET /v1/territories/{t}/erasures': ['admin'],
};

const t = await testApp();
const [a, b] = [await createWorld(t.app, t.operatorKey, 'iso-a'), await createWorld(t.app, t.operatorKey, 'iso-b')];
const endpoints = await endpointsOf(t.app);
const doc = (await send(t.app, 'GET', '/openapi.json')).json as {
  paths: Record<string, Record<string, { summary: string; security?: unknown[] }>>;
};
const revoked = (
  await send(t.app, 'POST', `/v1/territories/${a.id}/keys`, {
    key: a.keys.admin,
    body: '{"role":"admin","label":"departed"}',
  })
).json;
await send(t.app, 'DELETE', `/v1/territories/${a.id}/keys/${revoked.id}`, { key: a.keys.admin });

const expected = (e: Endpoint): Who => {
  const who = EXPECTED[`${e.method} ${e.template}`];
  if (!who) throw new Error(`${e.method} ${e.template}: write who may call it in EXPECTED`);
  return who;
};

/** What each call on `w` needs fresh, where calling twice would change the answer (a merge, an erasure…). */
async function fresh(
  w: World,
  e: Endpoint,
): Promise<{ params?: Record<string, string>; query?: object; body?: object }> {
  const json = (method: string, path: string, body: object) =>
    send(t.app, method, path, { key: w.keys.admin, body: JSON.stringify(body) });
  switch (`${e.method} ${e.template}`) {
    case 'DELETE /v1/territories/{t}/keys/{keyId}':
      return {
        params: {
          keyId: (await json('POST', `/v1/territories/${w.id}/keys`, { role: 'evaluator', label: 'spare' })).json.id,
        },
      };
    case 'POST /v1/suggestions/{code}/merge': {
      const drop = async (text: string) =>
        (await json('POST', `/v1/territories/${w.id}/suggestions`, { category: 'voirie', text, elapsedMs: 9000 })).json
          .code;
      const [code, into] = [await drop(`Idée ${Math.random()}`), await drop(`Autre idée ${Math.random()}`)];
      return { params: { code }, body: { into } };
    }
    case 'POST /v1/surveys/{id}/responses':
      return { body: { ...(w.bodies[`${e.method} ${e.template}`] as object), id: crypto.randomUUID() } };
    case 'DELETE /v1/responses/{id}': {
      const body = { ...(w.bodies['POST /v1/surveys/{id}/responses'] as object), id: crypto.randomUUID() };
      const posted = await send(t.app, 'POST', `/v1/surveys/${w.survey}/responses`, { body: JSON.stringify(body) });
      return { params: { id: body.id }, query: { receipt: posted.json.receipt } };
    }
    case 'DELETE /v1/territories/{t}/responses/{responseId}': {
      const body = { ...(w.bodies['POST /v1/surveys/{id}/responses'] as object), id: crypto.randomUUID() };
      await send(t.app, 'POST', `/v1/surveys/${w.survey}/responses`, { body: JSON.stringify(body) });
      return { params: { responseId: body.id } };
    }
    case 'POST /v1/territories':
      return {
        body: { ...(w.bodies['POST /v1/territories'] as object), id: `${w.id}-${crypto.randomUUID().slice(0, 8)}` },
      };
    default:
      return {};
  }
}

/** A valid call of `e` on `w`'s things (or on those `named`), with `key`. */
async function call(w: World, e: Endpoint, key: string | undefined, named: Record<string, string> = {}) {
  const made = await fresh(w, e);
  const query = new URLSearchParams({ ...w.queries[w.signature(e)], ...made.query }).toString();
  const path = fillPath(e.template, { ...w.params(e), ...made.params, ...named }) + (query ? `?${query}` : '');
  const body = e.body ? JSON.stringify(made.body ?? w.bodies[w.signature(e)] ?? {}) : undefined;
  return send(t.app, e.method, path, { key, body });
}
const served = (status: number) => status >= 200 && status < 300;

describe('who may call what', () => {
  it('has an expectation for every route of /openapi.json, and none for a route it lacks', () => {
    const routes = endpoints.map((e) => `${e.method} ${e.template}`).sort();
    expect(routes).toEqual(Object.keys(EXPECTED).sort());
  });

  it('says in /openapi.json who may call each route, as the table does', () => {
    for (const e of endpoints) {
      const op = doc.paths[e.template]![e.method.toLowerCase()]!;
      const who = expected(e);
      const words =
        who === 'public'
          ? 'anyone'
          : who === 'operator'
            ? 'operator key'
            : who === 'anyKey'
              ? "any key, the operator's too"
              : null;
      const named = /\(([^()]+)\)$/.exec(op.summary)?.[1];
      if (words) expect(named, `${e.method} ${e.template}`).toBe(words);
      else expect(named?.split(', ').sort(), `${e.method} ${e.template}`).toEqual([...(who as Role[])].sort());
      expect(op.security, `${e.method} ${e.template}`).toEqual(who === 'public' ? [] : [{ bearer: [] }]);
    }
  });

  for (const e of endpoints) {
    const who = expected(e);
    describe(`${e.method} ${e.template}`, () => {
      if (who === 'public') {
        it('serves anyone, and a key gives no more', async () => {
          const anyone = await call(a, e, undefined);
          expect(served(anyone.status), anyone.text.slice(0, 200)).toBe(true);
          for (const key of [...Object.values(b.keys), a.keys.moderator, t.operatorKey]) {
            const withKey = await call(a, e, key);
            expect(withKey.status, `${e.method} ${e.template}`).toBe(anyone.status);
            if (e.method === 'GET') expect(withKey.json).toEqual(anyone.json);
          }
        });
        return;
      }

      it('answers 401 without a key or with a revoked one', async () => {
        expect((await call(a, e, undefined)).status).toBe(401);
        expect((await call(a, e, revoked.key)).status).toBe(401);
      });

      if (who === 'operator') {
        it('serves the operator key only', async () => {
          const served_ = await call(a, e, t.operatorKey);
          expect(served(served_.status), served_.text.slice(0, 200)).toBe(true);
          for (const role of ROLES) expect((await call(a, e, a.keys[role])).status, role).toBe(403);
        });
        return;
      }

      if (who === 'anyKey') {
        it("serves every valid key, and answers about the calling key's own territory only", async () => {
          for (const w of [a, b])
            for (const key of Object.values(w.keys)) {
              const r = await call(a, e, key);
              expect(r.status, r.text.slice(0, 200)).toBe(200);
              expect(JSON.stringify(r.json)).not.toContain((w === a ? b : a).id);
            }
          expect((await call(a, e, t.operatorKey)).status).toBe(200);
        });
        return;
      }

      it('serves the roles it names, refuses the others (403) and the operator key (403)', async () => {
        for (const role of ROLES) {
          const r = await call(a, e, a.keys[role]);
          if (who.includes(role)) expect(served(r.status), `${role}: ${r.status} ${r.text.slice(0, 200)}`).toBe(true);
          else expect(r.status, `${role} must be refused`).toBe(403);
        }
        expect((await call(a, e, t.operatorKey)).status).toBe(403);
      });

      it('answers another territory’s keys of every role exactly as for a thing that does not exist (404)', async () => {
        const nowhere = { t: 'nowhere', id: 'nowhere-survey', code: 'ZZZ-ZZZ-ZZZ', keyId: 'nokey' };
        for (const role of ROLES) {
          const theirs = await call(a, e, b.keys[role]);
          const missing = await call(b, e, b.keys[role], nowhere);
          expect(theirs.status, `${role} of another territory`).toBe(404);
          expect(theirs.json).toEqual(missing.json);
        }
      });
    });
  }

  it('refuses another territory’s origin on public requests (403) and serves its own', async () => {
    const theirs = await send(t.app, 'GET', `/v1/surveys/${a.survey}`, { headers: { origin: b.origin } });
    expect(theirs.status).toBe(403);
    const own = await send(t.app, 'GET', `/v1/surveys/${a.survey}`, { headers: { origin: a.origin } });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(a.origin);
  });

  it('never lists another territory’s things', async () => {
    const surveys = await send(t.app, 'GET', `/v1/territories/${b.id}/surveys`, { key: b.keys.admin });
    expect(JSON.stringify(surveys.json)).not.toContain(a.survey);
    const suggestions = await send(t.app, 'GET', `/v1/territories/${b.id}/suggestions`, { key: b.keys.moderator });
    expect(JSON.stringify(suggestions.json)).not.toContain(a.code);
    const keys = await send(t.app, 'GET', `/v1/territories/${b.id}/keys`, { key: b.keys.admin });
    expect(JSON.stringify(keys.json)).not.toContain(a.keyIds.evaluator);
  });
});
