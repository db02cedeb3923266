/**
 * Random sequences of legitimate calls, where single hostile requests cannot reach: a
 * suggestion moved, noted, hidden, merged and stripped of its contact in any order; a survey
 * replaced, opened and closed while responses name any version. Never a 5xx, the lifecycle as
 * suggestion.ts states it, and nothing private in the public view.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canMove, SuggestionStatus, type SuggestionStatus as Status } from '../suggestion.ts';
import { testApp } from '../testing/harness.ts';
import { createWorld, responseBody, send, shapeProblem, SURVEY, type Reply } from './world.ts';

const RUNS = Math.max(5, Math.round(Number(process.env.FUZZ_RUNS ?? 200) / 10));
const t = await testApp();
const world = await createWorld(t.app, t.operatorKey, 'sequences');
const moderator = world.keys.moderator;

const healthy = (r: Reply, what: string) => {
  expect(r.status, `${what}: ${r.text.slice(0, 200)}`).toBeLessThan(500);
  if (r.status >= 400) expect(shapeProblem(r), what).toBeUndefined();
};

const op = fc.oneof(
  fc.record({
    kind: fc.constant('status' as const),
    to: fc.constantFrom(...SuggestionStatus.options),
    answer: fc.option(fc.constantFrom('Merci, c’est prévu.', 'Non.'), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('note' as const) }),
  fc.record({ kind: fc.constant('hide' as const), hidden: fc.boolean() }),
  fc.record({ kind: fc.constant('merge' as const), intoOther: fc.boolean() }),
  fc.record({ kind: fc.constant('erase' as const) }),
);

describe('suggestion lifecycles in any order', () => {
  it('never fail, follow the lifecycle and keep the public view public', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const text = `Sequence ${n++} ${Date.now()}`;
        const codes: string[] = [];
        for (const suffix of ['a', 'b']) {
          const r = await send(t.app, 'POST', `/v1/territories/${world.id}/suggestions`, {
            body: JSON.stringify({
              category: 'culture',
              text: `${text} ${suffix}`,
              contact: { email: 'seq@example.org', consent: true },
            }),
          });
          codes.push(r.json.code);
        }
        const [code, other] = codes as [string, string];
        let status: Status = 'received';
        for (const o of ops) {
          const path = `/v1/suggestions/${code}`;
          let r: Reply;
          if (o.kind === 'status') {
            r = await send(t.app, 'PATCH', path, {
              key: moderator,
              body: JSON.stringify({ status: o.to, ...(o.answer ? { answer: o.answer } : {}) }),
            });
            if (r.status === 200) {
              expect(o.to === status || canMove(status, o.to), `${status} → ${o.to}`).toBe(true);
              status = o.to;
            } else expect([400, 409]).toContain(r.status);
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
