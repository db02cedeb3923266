/**
 * No existence oracle: one table of every route of /openapi.json × every caller × Origin × a
 * thing that does not exist, another territory's, and (for public routes) a draft. Whatever the
 * caller may not see must answer exactly as what does not exist: same status, same body, same
 * CORS headers. Then the ways around the table: submission limits, and ids chosen by clients.
 */
import { describe, expect, it } from 'vitest';
import { newResponseId, testApp } from '../testing/harness.ts';
import { createWorld, endpointsOf, fillPath, responseBody, send, SURVEY, type Endpoint, type Reply } from './world.ts';

const t = await testApp();
const [a, b] = [await createWorld(t.app, t.operatorKey, 'ex-a'), await createWorld(t.app, t.operatorKey, 'ex-b')];
const endpoints = await endpointsOf(t.app);

async function draftOf(w: typeof a): Promise<string> {
  const r = await send(t.app, 'POST', `/v1/territories/${w.id}/surveys`, {
    key: w.keys.admin,
    body: JSON.stringify({ ...SURVEY, id: `${w.id}-draft` }),
  });
  if (r.status !== 201) throw new Error(`draft: ${r.status} ${r.text}`);
  return r.json.id;
}
const drafts = { a: await draftOf(a), b: await draftOf(b) };
const spare = await send(t.app, 'POST', `/v1/territories/${a.id}/keys`, {
  key: a.keys.admin,
  body: '{"role":"admin","label":"departed"}',
});
await send(t.app, 'DELETE', `/v1/territories/${a.id}/keys/${spare.json.id}`, { key: a.keys.admin });

type Owner = 'a' | 'b' | undefined;
interface Caller {
  name: string;
  key?: string;
  territory?: Owner;
}
const CALLERS: Caller[] = [
  { name: 'anonymous' },
  ...(['admin', 'evaluator', 'moderator'] as const).flatMap((role) => [
    { name: `A's ${role}`, key: a.keys[role], territory: 'a' as const },
    { name: `B's ${role}`, key: b.keys[role], territory: 'b' as const },
  ]),
  { name: 'the operator', key: t.operatorKey },
  { name: 'a revoked key', key: spare.json.key },
];
const ORIGINS = [undefined, a.origin, b.origin, 'https://stranger.example'];

interface Thing {
  name: string;
  owner: Owner;
  /** Seen by anyone on a public route: a live survey, a territory, a tracking code (from its own origins). */
  public: boolean;
  params: Record<string, string>;
  query?: Record<string, string>;
}

/** What a route's path names, from the unknown to another territory's. */
function thingsOf(e: Endpoint): Thing[] {
  const keyIds = { a: a.keyIds.evaluator ?? '', b: b.keyIds.evaluator ?? '' };
  if (e.params.includes('code'))
    return [
      { name: 'an unknown code', owner: undefined, public: false, params: { code: 'ZZZ-ZZZ-ZZZ' } },
      { name: "A's code", owner: 'a', public: true, params: { code: a.code } },
      { name: "B's code", owner: 'b', public: true, params: { code: b.code } },
    ];
  if (e.template.startsWith('/v1/responses/')) {
    const wrong = { receipt: 'A'.repeat(32) };
    return [
      { name: 'an unknown response', owner: undefined, public: false, params: { id: newResponseId() }, query: wrong },
      { name: "A's response, wrong receipt", owner: 'a', public: false, params: { id: a.response.id }, query: wrong },
      { name: "B's response, wrong receipt", owner: 'b', public: false, params: { id: b.response.id }, query: wrong },
    ];
  }
  if (e.params.includes('id'))
    return [
      { name: 'an unknown survey', owner: undefined, public: false, params: { id: 'ex-nowhere' } },
      { name: "A's draft", owner: 'a', public: false, params: { id: drafts.a } },
      { name: "A's live survey", owner: 'a', public: true, params: { id: a.survey } },
      { name: "B's draft", owner: 'b', public: false, params: { id: drafts.b } },
      { name: "B's live survey", owner: 'b', public: true, params: { id: b.survey } },
    ];
  if (e.params.includes('t'))
    return [
      { name: 'an unknown territory', owner: undefined, public: false, params: { t: 'ex-nowhere', keyId: 'nokey' } },
      { name: 'A', owner: 'a', public: true, params: { t: a.id, keyId: keyIds.a } },
      { name: 'B', owner: 'b', public: true, params: { t: b.id, keyId: keyIds.b } },
    ];
  return [];
}

const originOf = (owner: Owner) => (owner === 'a' ? a.origin : owner === 'b' ? b.origin : undefined);

/** Whether the caller may know the thing exists: everything else must look unknown. */
function visible(e: Endpoint, caller: Caller, origin: string | undefined, thing: Thing): boolean {
  if (!thing.owner) return false;
  if (e.secured) return caller.territory === thing.owner;
  if (e.params.includes('code')) return origin === undefined || origin === originOf(thing.owner);
  return thing.public;
}

/** The status a caller gets for a thing that does not exist, written from the contract. */
function expectedForUnknown(e: Endpoint, caller: Caller): number {
  if (caller.name === 'a revoked key') return 401;
  if (!e.secured) return 404;
  if (!caller.key) return 401;
  return caller.territory ? 404 : 403;
}

const HEADERS = [
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-allow-methods',
  'vary',
  'retry-after',
  'cache-control',
  'content-type',
];
const seen = (r: Reply) => ({
  status: r.status,
  body: r.json ?? r.text,
  headers: Object.fromEntries(HEADERS.map((h) => [h, r.headers.get(h)])),
});

function pathTo(e: Endpoint, thing: Thing) {
  const world = thing.owner === 'b' ? b : a;
  const query = new URLSearchParams(thing.query ?? a.queries[a.signature(e)] ?? {}).toString();
  return fillPath(e.template, { ...world.params(e), ...thing.params }) + (query ? `?${query}` : '');
}

function call(e: Endpoint, caller: Caller, origin: string | undefined, thing: Thing) {
  // One body for every thing of a row, so only the thing differs.
  const body = e.body ? JSON.stringify(a.bodies[a.signature(e)] ?? {}) : undefined;
  return send(t.app, e.method, pathTo(e, thing), { key: caller.key, body, headers: origin ? { origin } : {} });
}

/** A browser's preflight: no key, so only what is public may change its answer. */
const preflight = (e: Endpoint, origin: string, thing: Thing) =>
  send(t.app, 'OPTIONS', pathTo(e, thing), { headers: { origin, 'access-control-request-method': e.method } });

describe('the same answer for what does not exist and what the caller may not see', () => {
  const rows = endpoints.filter((e) => thingsOf(e).length > 0);

  it('covers every route that names a thing', () => {
    expect(rows.length).toBeGreaterThanOrEqual(28);
  });

  for (const e of rows) {
    it(`${e.method} ${e.template}`, async () => {
      let compared = 0;
      for (const caller of CALLERS) {
        for (const origin of ORIGINS) {
          const [unknown, ...others] = thingsOf(e);
          const hidden = others.filter((thing) => !visible(e, caller, origin, thing));
          const [base, ...answers] = await Promise.all(
            [unknown!, ...hidden].map((thing) => call(e, caller, origin, thing)),
          );
          const where = `${caller.name}, Origin ${origin ?? 'none'}`;
          expect(base!.status, `${where}: ${unknown!.name}: ${base!.text.slice(0, 200)}`).toBe(
            expectedForUnknown(e, caller),
          );
          hidden.forEach((thing, i) => {
            expect(seen(answers[i]!), `${where}: ${thing.name} vs ${unknown!.name}`).toEqual(seen(base!));
            compared++;
          });
        }
      }
      // Territories are public (the widget asks for their categories): their public routes hide nothing but the unknown.
      if (e.secured || !e.params.includes('t')) expect(compared).toBeGreaterThan(0);
      for (const origin of ORIGINS.filter((o) => o !== undefined)) {
        const [unknown, ...others] = thingsOf(e);
        const hidden = others.filter((thing) => !visible(e, { name: 'a preflight' }, origin, thing));
        const [base, ...answers] = await Promise.all([unknown!, ...hidden].map((thing) => preflight(e, origin, thing)));
        hidden.forEach((thing, i) => {
          expect(seen(answers[i]!), `preflight from ${origin}: ${thing.name}`).toEqual(seen(base!));
        });
      }
    });
  }
});

describe('submission limits count what does not exist and drafts alike', () => {
  it('answers the same sequence to a draft survey and to an unknown one', async () => {
    const small = await t.createTerritory({ limits: { submissionsPerMinute: 2 } });
    const draft = await send(t.app, 'POST', `/v1/territories/${small.id}/surveys`, {
      key: small.adminKey,
      body: JSON.stringify(SURVEY),
    });
    const sequence = async (survey: string, address: string) => {
      t.setAddress(address);
      const out: number[] = [];
      for (let i = 0; i < 5; i++) {
        const body = JSON.stringify(responseBody(new Date()));
        out.push((await send(t.app, 'POST', `/v1/surveys/${survey}/responses`, { body })).status);
      }
      return out;
    };
    const toDraft = await sequence(draft.json.id, '198.51.100.61');
    const toNothing = await sequence('ex-nowhere-at-all', '198.51.100.62');
    t.setAddress('203.0.113.7');
    expect(toDraft).toEqual(toNothing);
    expect(toDraft).toEqual([404, 404, 404, 404, 404]);
  });
});

describe('ids a client chooses reveal nothing of other territories', () => {
  it("creates a survey whose id another territory's draft uses, and each stays its own", async () => {
    const wanted = { ...SURVEY, id: drafts.b.replace('ex-b', 'ex-taken') };
    const theirs = await send(t.app, 'POST', `/v1/territories/${b.id}/surveys`, {
      key: b.keys.admin,
      body: JSON.stringify(wanted),
    });
    expect(theirs.status).toBe(201);
    const mine = await send(t.app, 'POST', `/v1/territories/${a.id}/surveys`, {
      key: a.keys.admin,
      body: JSON.stringify({ ...wanted, title: { fr: 'La mienne' } }),
    });
    expect(mine.status).toBe(201);
    expect(mine.json.id).toBe(wanted.id);
    const read = async (w: typeof a) =>
      (await send(t.app, 'GET', `/v1/surveys/${wanted.id}/definition`, { key: w.keys.admin })).json.definition.title;
    expect(await read(a)).toEqual({ fr: 'La mienne' });
    expect(await read(b)).toEqual(SURVEY.title);
    const again = await send(t.app, 'POST', `/v1/territories/${a.id}/surveys`, {
      key: a.keys.admin,
      body: JSON.stringify(wanted),
    });
    expect(again.status).toBe(409);

    // The first to go live publishes the id; the other draft stays its territory's, and never reads the other's data.
    const live = (w: typeof a) =>
      send(t.app, 'POST', `/v1/surveys/${wanted.id}/status`, { key: w.keys.admin, body: '{"status":"live"}' });
    expect((await live(b)).status).toBe(200);
    const answer = { ...responseBody(new Date()), answers: { recommend: 3 } };
    expect(
      (await send(t.app, 'POST', `/v1/surveys/${wanted.id}/responses`, { body: JSON.stringify(answer) })).status,
    ).toBe(201);
    expect((await live(a)).status).toBe(409);
    expect(await read(a)).toEqual({ fr: 'La mienne' });
    const exported = await send(t.app, 'GET', `/v1/surveys/${wanted.id}/responses.csv`, { key: a.keys.admin });
    expect(exported.status).toBe(200);
    expect(exported.text).not.toContain(answer.id);
    const published = await send(t.app, 'GET', `/v1/surveys/${wanted.id}`);
    expect(published.json.title).toEqual(SURVEY.title);
  });

  it("stores a response whose id another territory's response uses, and each receipt erases only its own", async () => {
    const body = { ...responseBody(new Date()), id: b.response.id };
    const mine = await send(t.app, 'POST', `/v1/surveys/${a.survey}/responses`, { body: JSON.stringify(body) });
    expect(mine.status).toBe(201);
    const replay = await send(t.app, 'POST', `/v1/surveys/${a.survey}/responses`, { body: JSON.stringify(body) });
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual(mine.json);
    expect(mine.json.receipt).not.toBe(b.receipt);
    const erase = (receipt: string) => send(t.app, 'DELETE', `/v1/responses/${body.id}?receipt=${receipt}`);
    expect((await erase(mine.json.receipt)).status).toBe(204);
    expect((await erase(mine.json.receipt)).status).toBe(404);
    const export_ = await send(t.app, 'GET', `/v1/surveys/${b.survey}/responses.csv`, { key: b.keys.admin });
    expect(export_.text).toContain(b.response.id);
    expect((await erase(b.receipt)).status).toBe(204);
  });
});
