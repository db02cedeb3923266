/**
 * The raw CSV export is read whole before its answer starts (a larger one goes to a job): when
 * the database fails halfway, the client gets a 503 to retry, never a 200 with rows missing.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness.ts';
import { createWorld, responseBody, send } from './world.ts';

describe('GET /v1/surveys/:id/responses.csv when the database fails halfway', () => {
  it('answers 503 instead of a short file', async () => {
    const t = await testApp();
    const world = await createWorld(t.app, t.operatorKey, 'export');
    for (let d = 1; d <= 5; d++) {
      const body = { ...responseBody(new Date()), submittedAt: new Date(Date.now() - d * 86_400_000).toISOString() };
      expect(
        (await send(t.app, 'POST', `/v1/surveys/${world.survey}/responses`, { body: JSON.stringify(body) })).status,
      ).toBe(201);
    }
    const whole = await send(t.app, 'GET', `/v1/surveys/${world.survey}/responses.csv`, { key: world.keys.admin });
    expect(whole.text.trim().split('\r\n')).toHaveLength(7);

    let queries = 0;
    t.db.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'QueryCommand' && ++queries > 40) {
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'failLaterQueries' },
    );
    const res = await t.app.request(`/v1/surveys/${world.survey}/responses.csv`, {
      headers: { authorization: `Bearer ${world.keys.admin}` },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    expect(queries).toBeGreaterThan(40);
  });
});
