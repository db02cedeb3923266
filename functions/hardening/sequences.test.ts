/**
 * Random sequences of legitimate calls, where single hostile requests cannot reach: a
 * suggestion moved, noted, hidden, merged and stripped of its contact in any order; a survey
 * replaced, opened and closed while responses name any version. Never a 5xx, the lifecycle as
 * the contract states it (written out below, apart from the code under test) followed both
 * ways (every allowed move succeeds, every other one is refused), and nothing private in the
 * public view.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SuggestionStatus } from '../suggestion.ts';
import { testApp } from '../testing/harness.ts';
import { createWorld, responseBody, send, shapeProblem, SURVEY, type Reply } from './world.ts';

const RUNS = Math.max(5, Math.round(Number(process.env.FUZZ_RUNS ?? 200) / 10));
const t = await testApp();
const world = await createWorld(t.app, t.operatorKey, 'sequences');
const moderator = world.keys.moderator;

/** received → in_review → answered | planned | declined | duplicate → done (docs/api.md, "Suggestion box"). */
const LIFECYCLE: Record<string, readonly string[]> = {
  received: ['in_review'],
  in_review: ['answered', 'planned', 'declined', 'duplicate'],
  answered: ['done'],
  planned: ['done'],
  declined: ['done'],
  duplicate: ['done'],
  done: [],
};
const STATUSES = Object.keys(LIFECYCLE);
/** How to reach each status from `received` by allowed moves. */
const PATH_TO: Record<string, string[]> = {
  received: [],
  in_review: ['in_review'],
  ...Object.fromEntries(LIFECYCLE.in_review!.map((s) => [s, ['in_review', s]])),
  done: ['in_review', 'planned', 'done'],
};

/** What a PATCH to `to` must answer from `from`: no change is a 200, a move the lifecycle lacks a 409. */
function expectedPatch(from: string, to: string, answered: boolean): number {
  if (to === from) return 200;
  if (!LIFECYCLE[from]?.includes(to)) return 409;
  return to === 'answered' && !answered ? 400 : 200;
}

let made = 0;
async function newSuggestion(contact = false): Promise<string> {
  const r = await send(t.app, 'POST', `/v1/territories/${world.id}/suggestions`, {
    body: JSON.stringify({
      category: 'culture',
      text: `Sequence ${made++} ${Date.now()}`,
      ...(contact ? { contact: { email: 'seq@example.org', consent: true } } : {}),
    }),
  });
  expect(r.status, r.text).toBe(201);
  return r.json.code;
}

const patch = (code: string, body: Record<string, string>) =>
  send(t.app, 'PATCH', `/v1/suggestions/${code}`, { key: moderator, body: JSON.stringify(body) });

const healthy = (r: Reply, what: string) => {
  expect(r.status, `${what}: ${r.text.slice(0, 200)}`).toBeLessThan(500);
  if (r.status >= 400) expect(shapeProblem(r), what).toBeUndefined();
};

const op = fc.oneof(
  fc.record({
    kind: fc.constant('status' as const),
    to: fc.constantFrom(...STATUSES),
    answer: fc.option(fc.constantFrom('Merci, c’est prévu.', 'Non.'), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('note' as const) }),
  fc.record({ kind: fc.constant('hide' as const), hidden: fc.boolean() }),
  fc.record({ kind: fc.constant('merge' as const), intoOther: fc.boolean() }),
  fc.record({ kind: fc.constant('erase' as const) }),
);

describe('the suggestion lifecycle', () => {
  it('has the statuses the contract names, no more and no fewer', () => {
    expect([...SuggestionStatus.options].sort()).toEqual([...STATUSES].sort());
  });

  it('allows exactly the moves of the contract, from every status to every status', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const code = await newSuggestion();
        for (const step of PATH_TO[from]!) {
          const r = await patch(code, { status: step, ...(step === 'answered' ? { answer: 'Réponse.' } : {}) });
          expect(r.status, `reaching ${from}: ${step} ${r.text}`).toBe(200);
        }
        const r = await patch(code, { status: to, answer: 'Réponse.' });
        const now = (await send(t.app, 'GET', `/v1/suggestions/${code}`)).json.status;
        outcomes.push(`${from} → ${to}: ${r.status}, now ${now}`);
        const status = expectedPatch(from, to, true);
        expected.push(`${from} → ${to}: ${status}, now ${status === 200 ? to : from}`);
      }
    }
    expect(outcomes).toEqual(expected);
  });
});

describe('suggestion lifecycles in any order', () => {
  it('never fail, follow the lifecycle both ways and keep the public view public', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const code = await newSuggestion(true);
        const other = await newSuggestion(true);
        let status = 'received';
        let answered = false;
        for (const o of ops) {
          const path = `/v1/suggestions/${code}`;
          let r: Reply;
          if (o.kind === 'status') {
            r = await patch(code, { status: o.to, ...(o.answer ? { answer: o.answer } : {}) });
            const wanted = expectedPatch(status, o.to, answered || o.answer !== undefined);
            expect(r.status, `${status} → ${o.to}${o.answer ? ' with an answer' : ''}: ${r.text}`).toBe(wanted);
            if (r.status === 200) {
              status = o.to;
              answered ||= o.answer !== undefined;
            }
          } else if (o.kind === 'note')
            r = await send(t.app, 'POST', `${path}/notes`, { key: moderator, body: '{"note":"vu"}' });
          else if (o.kind === 'hide')
            r = await send(t.app, 'POST', `${path}/visibility`, {
              key: moderator,
              body: JSON.stringify({ hidden: o.hidden }),
            });
          else if (o.kind === 'merge') {
            r = await send(t.app, 'POST', `${path}/merge`, {
              key: moderator,
              body: JSON.stringify({ into: o.intoOther ? other : code }),
            });
            // Only into another suggestion, and only before an outcome.
            const mergeable = o.intoOther && (status === 'received' || status === 'in_review');
            expect(r.status, `merge from ${status}${o.intoOther ? '' : ' into itself'}: ${r.text}`).toBe(
              mergeable ? 200 : 409,
            );
            if (r.status === 200) status = 'duplicate';
          } else r = await send(t.app, 'DELETE', `${path}/contact`, { key: moderator });
          healthy(r, `${o.kind} from ${status}`);
          const details = await send(t.app, 'GET', `${path}/details`, { key: moderator });
          expect(details.json.suggestion.status).toBe(status);
          const view = await send(t.app, 'GET', path);
          expect(view.json.status).toBe(status);
          expect(view.text).not.toMatch(/seq@example\.org|Sequence/);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('survey versions, status and responses in any order', () => {
  it('never fail: every response answers 2xx or a 4xx in the error shape', async () => {
    const sv = (
      await send(t.app, 'POST', `/v1/territories/${world.id}/surveys`, {
        key: world.keys.admin,
        body: JSON.stringify(SURVEY),
      })
    ).json.id as string;
    const step = fc.oneof(
      fc.constant({ kind: 'replace' as const }),
      fc.constantFrom('live', 'closed').map((s) => ({ kind: 'status' as const, s })),
      fc.record({
        kind: fc.constant('respond' as const),
        version: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
        daysAgo: fc.integer({ min: 0, max: 40 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 15 }), async (steps) => {
        for (const s of steps) {
          let r: Reply;
          if (s.kind === 'replace')
            r = await send(t.app, 'PUT', `/v1/surveys/${sv}`, { key: world.keys.admin, body: JSON.stringify(SURVEY) });
          else if (s.kind === 'status')
            r = await send(t.app, 'POST', `/v1/surveys/${sv}/status`, {
              key: world.keys.admin,
              body: JSON.stringify({ status: s.s }),
            });
          else {
            const body = { ...responseBody(new Date(Date.now() - s.daysAgo * 86_400_000)), version: s.version };
            r = await send(t.app, 'POST', `/v1/surveys/${sv}/responses`, { body: JSON.stringify(body) });
          }
          healthy(r, JSON.stringify(s));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
