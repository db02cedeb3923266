/**
 * The raw CSV export streams: its 200 is sent before the rows are read. When the database fails
 * halfway, the download must fail visibly, not end as if complete with rows missing.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness.ts';
import { createWorld, responseBody, send } from './world.ts';

describe('GET /v1/surveys/:id/responses.csv when the database fails halfway', () => {
  it('breaks the download instead of ending it short', async () => {
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
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect(queries).toBeGreaterThan(40);
  });
});
