/**
 * A failure between storing a response and marking its day for re-aggregation: the client got
 * a 503 and retries; the replay must still mark the day, or a late (offline kiosk) response
 * would be stored but never counted in its day's aggregates.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness.ts';
import { createWorld, responseBody, send } from './world.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

describe('a response stored but whose day could not be marked', () => {
  it('gets its day marked when the client retries', async () => {
    const t = await testApp({ now: () => NOW });
    const world = await createWorld(t.app, t.operatorKey, 'replay', NOW);
    let failDirtyMarks = true;
    // The database goes away right after the PutItem: the dirty-day UpdateItem fails as a refused connection does.
    t.db.client.middlewareStack.add(
      (next) => async (args) => {
        const key = (args.input as { Key?: { SK?: { S?: string } } }).Key?.SK?.S ?? '';
        if (failDirtyMarks && key.startsWith('DIRTY#'))
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
        return next(args);
      },
      { step: 'initialize', name: 'failDirtyMarks' },
    );
    const late = JSON.stringify({ ...responseBody(NOW), submittedAt: '2026-11-20T09:30:00+01:00' });
    const first = await send(t.app, 'POST', `/v1/surveys/${world.survey}/responses`, { body: late });
    expect(first.status).toBe(503);
    expect((await t.deps.stores.responses.dirtyDays(world.survey)).map((d) => d.day)).not.toContain('2026-11-20');

    failDirtyMarks = false;
    const retry = await send(t.app, 'POST', `/v1/surveys/${world.survey}/responses`, { body: late });
    expect(retry.status).toBe(200);
    expect((await t.deps.stores.responses.dirtyDays(world.survey)).map((d) => d.day)).toContain('2026-11-20');
  });
});
