import type { Context } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lambdaSettings } from './lambda-settings.ts';

/** A request as the Lambda adapter hands it to the app: the gateway's event, and the client's headers. */
const request = (requestContext: unknown, headers: Record<string, string> = {}) =>
  ({
    env: { event: { requestContext } },
    req: { header: (n: string) => headers[n.toLowerCase()] },
  }) as unknown as Context;

describe('what an API Lambda reads at start-up', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('refuses to start without an operator key of 16 characters or more', async () => {
    vi.stubEnv('ECOUTE_OPERATOR_KEY', 'short');
    await expect(lambdaSettings()).rejects.toThrow(/operator key/);
    vi.stubEnv('ECOUTE_OPERATOR_KEY', '');
    await expect(lambdaSettings()).rejects.toThrow(/operator key/);
  });

  it('takes the caller’s address and request id from API Gateway, never from a header the client wrote', async () => {
    vi.stubEnv('ECOUTE_OPERATOR_KEY', 'operator_0123456789abcdef');
    vi.stubEnv('ECOUTE_HMAC_SECRET', 'h'.repeat(64));
    vi.stubEnv('ECOUTE_TABLE', 'ecoute-test');
    const s = await lambdaSettings();
    expect(s).toMatchObject({ table: 'ecoute-test', operatorKey: 'operator_0123456789abcdef', secret: 'h'.repeat(64) });
    const forged = { 'x-forwarded-for': '10.9.9.9', 'x-real-ip': '10.9.9.9' };
    const c = request({ http: { sourceIp: '203.0.113.7' }, requestId: 'gw-1' }, forged);
    expect(s.clientAddress(c)).toBe('203.0.113.7');
    expect(s.requestId?.(c)).toBe('gw-1');
    expect(s.clientAddress(request({ identity: { sourceIp: '198.51.100.4' } }, forged))).toBe('198.51.100.4');
    expect(s.clientAddress(request(undefined, forged))).toBe('unknown');
  });

  it('sends e-mail only when the stack names a sender, and stops on a deployment setting it cannot read', async () => {
    vi.stubEnv('ECOUTE_OPERATOR_KEY', 'operator_0123456789abcdef');
    expect((await lambdaSettings()).notifier).toBeUndefined();
    vi.stubEnv('ECOUTE_NOTIFY_FROM', 'ecoute@mairie.example');
    expect((await lambdaSettings()).notifier).toBeDefined();
    vi.stubEnv('ECOUTE_REQUEST_BUDGET_MS', 'soon');
    await expect(lambdaSettings()).rejects.toThrow(/bad deployment setting/);
  });
});
