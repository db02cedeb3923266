/**
 * Every endpoint of /openapi.json tried with each role of the right territory, each role of
 * another territory, no key, a revoked key and the operator key: roles hold as each route's
 * summary states them ("(admin, evaluator)"), and another territory's things answer exactly
 * as things that do not exist (404, the same message), so nothing leaks.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness.ts';
import {
  createWorld,
  endpointsOf,
  fillPath,
  isAnyKeyRoute,
  isOperatorRoute,
  send,
  type Endpoint,
  type World,
} from './world.ts';

const ROLES = ['admin', 'evaluator', 'moderator'] as const;
type Role = (typeof ROLES)[number];

const t = await testApp();
const [a, b] = [await createWorld(t.app, t.operatorKey, 'iso-a'), await createWorld(t.app, t.operatorKey, 'iso-b')];
const all = await endpointsOf(t.app);
const endpoints = all.filter((e) => !isOperatorRoute(e) && !isAnyKeyRoute(e));
const secured = endpoints.filter((e) => e.secured);
const revoked = (
  await send(t.app, 'POST', `/v1/territories/${a.id}/keys`, {
    key: a.keys.admin,
    body: '{"role":"admin","label":"departed"}',
  })
).json;
await send(t.app, 'DELETE', `/v1/territories/${a.id}/keys/${revoked.id}`, { key: a.keys.admin });

/** The roles a route admits, from its summary: "(moderator, admin)". */
function rolesOf(e: Endpoint): Role[] {
  const m = /\(((?:admin|evaluator|moderator)(?:, (?:admin|evaluator|moderator))*)\)/.exec(e.summary);
  if (!m?.[1]) throw new Error(`${e.method} ${e.template}: its summary must name its roles, as "(admin, evaluator)"`);
  return m[1].split(', ') as Role[];
}

/** A call on `w`'s things; a key to revoke is made fresh each time so revoking it harms nothing. */
async function call(w: World, e: Endpoint, key: string | undefined, params: Partial<Record<string, string>> = {}) {
  const keyId = e.template.includes('{keyId}')
    ? (
        await send(t.app, 'POST', `/v1/territories/${w.id}/keys`, {
          key: w.keys.admin,
          body: '{"role":"evaluator","label":"spare"}',
        })
      ).json.id
    : w.keyIds.evaluator;
  const query = new URLSearchParams(w.queries[w.signature(e)] ?? {}).toString();
  const path = fillPath(e.template, { ...w.params(e), keyId, ...params }) + (query ? `?${query}` : '');
  const body = e.body ? JSON.stringify(w.bodies[w.signature(e)] ?? {}) : undefined;
  return send(t.app, e.method, path, { key, body });
}

const NOWHERE = { t: 'nowhere', id: 'nowhere-survey', code: 'ZZZ-ZZZ-ZZZ', keyId: 'nokeyhere' };

describe('isolation between territories and roles', () => {
  it('tries every secured endpoint, and each names its roles', () => {
    expect(secured.length).toBeGreaterThanOrEqual(20);
    for (const e of secured) expect(rolesOf(e).length).toBeGreaterThan(0);
  });

  for (const e of secured) {
    describe(`${e.method} ${e.template}`, () => {
      it('answers another territory’s keys of every role exactly as for a thing that does not exist (404)', async () => {
        for (const role of ROLES) {
          const theirs = await call(a, e, b.keys[role]);
          const missing = await call(b, e, b.keys[role], NOWHERE);
          expect(theirs.status, `${role} of another territory`).toBe(404);
          expect(theirs.json.error).toEqual(missing.json.error);
        }
      });

      it('answers 401 without a key or with a revoked one, 403 to the operator key', async () => {
        expect((await call(a, e, undefined)).json.error.code).toBe('unauthorized');
        expect((await call(a, e, revoked.key)).json.error.code).toBe('unauthorized');
        expect((await call(a, e, t.operatorKey)).json.error.code).toBe('forbidden');
      });

      it('holds its roles: 403 to the others, served to those it names', async () => {
        const allowed = rolesOf(e);
        for (const role of ROLES.filter((r) => !allowed.includes(r))) {
          const r = await call(a, e, a.keys[role]);
          expect(r.status, `${role} must be refused`).toBe(403);
        }
        for (const role of allowed) {
          const r = await call(a, e, a.keys[role]);
          expect([401, 403, 404], `${role} must be served: ${r.text.slice(0, 200)}`).not.toContain(r.status);
          expect(r.status).toBeLessThan(500);
        }
      });
    });
  }

  it("serves the operator's routes to the operator key alone", async () => {
    const operatorRoutes = all.filter(isOperatorRoute);
    expect(operatorRoutes.map((e) => `${e.method} ${e.template}`)).toEqual(
      expect.arrayContaining(['POST /v1/territories', 'GET /v1/territories']),
    );
    for (const e of operatorRoutes.filter((x) => x.method === 'GET')) {
      expect((await send(t.app, e.method, e.template, { key: t.operatorKey })).status).toBe(200);
      for (const key of [...Object.values(a.keys), ...Object.values(b.keys)])
        expect((await send(t.app, e.method, e.template, { key })).status).toBe(403);
      expect((await send(t.app, e.method, e.template)).status).toBe(401);
    }
  });

  it("answers the any-key routes about the calling key's own territory only", async () => {
    for (const e of all.filter(isAnyKeyRoute)) {
      for (const w of [a, b])
        for (const key of Object.values(w.keys)) {
          const r = await send(t.app, e.method, e.template, { key });
          expect(r.status).toBe(200);
          expect(JSON.stringify(r.json)).not.toContain((w === a ? b : a).id);
        }
      expect((await send(t.app, e.method, e.template, { key: revoked.key })).status).toBe(401);
    }
  });

  it('gives no more to a key than to anyone on the public endpoints', async () => {
    for (const e of endpoints.filter((x) => !x.secured && x.method === 'GET')) {
      const anyone = await call(a, e, undefined);
      for (const key of [...Object.values(b.keys), a.keys.moderator]) {
        const withKey = await call(a, e, key);
        expect(withKey.status, `${e.method} ${e.template}`).toBe(anyone.status);
        expect(withKey.json).toEqual(anyone.json);
      }
    }
  });

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
