/**
 * Moderators acting at the same moment: two merges crossing each other must not both succeed
 * (each suggestion would name the other as the one to follow), and concurrent status changes
 * end in one winner, the others told 409.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness.ts';
import { createWorld, send } from './world.ts';

const t = await testApp();
const world = await createWorld(t.app, t.operatorKey, 'races');
let n = 0;
const suggestion = async () =>
  (
    await send(t.app, 'POST', `/v1/territories/${world.id}/suggestions`, {
      body: JSON.stringify({ category: 'culture', text: `Course ${n++} ${Date.now()}` }),
    })
  ).json.code as string;
const merge = (code: string, into: string) =>
  send(t.app, 'POST', `/v1/suggestions/${code}/merge`, { key: world.keys.moderator, body: JSON.stringify({ into }) });

describe('concurrent moderation', () => {
  it('never merges two suggestions into each other, however the requests cross', async () => {
    for (let i = 0; i < 10; i++) {
      const [a, b] = [await suggestion(), await suggestion()];
      const [ab, ba] = await Promise.all([merge(a, b), merge(b, a)]);
      expect(
        [ab.status, ba.status].filter((s) => s === 200),
        `round ${i}: ${ab.status} ${ba.status}`,
      ).toHaveLength(1);
      for (const r of [ab, ba]) if (r.status !== 200) expect(r.json.error.code).toBe('conflict');
      const views = await Promise.all([a, b].map(async (c) => (await send(t.app, 'GET', `/v1/suggestions/${c}`)).json));
      expect(views.filter((v) => v.merged)).toHaveLength(1);
    }
  });

  it('lets exactly one of several simultaneous status changes win and tells the others 409', async () => {
    const code = await suggestion();
    const review = await send(t.app, 'PATCH', `/v1/suggestions/${code}`, {
      key: world.keys.moderator,
      body: '{"status":"in_review"}',
    });
    expect(review.status).toBe(200);
    // Four different outcomes: whichever wins, each of the others is a move the lifecycle forbids or a lost race.
    const changes = [
      { status: 'answered', answer: 'Merci.' },
      { status: 'planned' },
      { status: 'declined' },
      { status: 'duplicate' },
    ];
    const outcomes = await Promise.all(
      changes.map((change) =>
        send(t.app, 'PATCH', `/v1/suggestions/${code}`, { key: world.keys.moderator, body: JSON.stringify(change) }),
      ),
    );
    const statuses = outcomes.map((o) => o.status).join();
    const winners = outcomes.filter((o) => o.status === 200);
    expect(winners, statuses).toHaveLength(1);
    for (const o of outcomes) if (o.status !== 200) expect(o.json.error?.code, statuses).toBe('conflict');
    const final = (await send(t.app, 'GET', `/v1/suggestions/${code}`)).json.status;
    expect(winners[0]?.json.status).toBe(final);
  });
});

describe('concurrent submissions', () => {
  it('stores one suggestion when the same text arrives many times at once, and gives everyone its code', async () => {
    const text = `Même texte envoyé dix fois ${Date.now()}`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        send(t.app, 'POST', `/v1/territories/${world.id}/suggestions`, {
          body: JSON.stringify({ category: 'voirie', text }),
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.json.code)).size).toBe(1);
  });
});
