/** The post-deploy smoke check, run as the agency would: against the real product over HTTP, and against a broken one. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalProduct } from './testing/product.ts';
import { formatChecks, smoke } from './smoke.ts';

let product: Awaited<ReturnType<typeof startLocalProduct>>;
let broken: Server;
let brokenUrl: string;

beforeAll(async () => {
  product = await startLocalProduct();
  // What a wrong deploy looks like: a server that answers everything with a 500 and its stack.
  broken = createServer((_req, res) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('TypeError: x is undefined\n    at handler (/var/task/index.mjs:1:2345)');
  });
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
  brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await product?.stop();
  await new Promise((resolve) => broken?.close(resolve));
});

describe('npm run smoke', () => {
  it('passes every check on a working deployment, CORS and widget included, and stores nothing', async () => {
    const before = await (
      await fetch(`${product.apiUrl}/v1/surveys/${product.demo.surveyId}/responses.csv`, {
        headers: { authorization: `Bearer ${product.demo.adminKey}` },
      })
    ).text();
    const checks = await smoke({
      api: `${product.apiUrl}/`,
      widget: `${product.apiUrl}/ecoute.js`,
      console: `${product.apiUrl}/console/`,
      survey: product.demo.surveyId,
      origin: product.hostUrl,
    });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'health',
        'security headers',
        'contract',
        'unknown survey',
        'not JSON',
        'too large',
        'no key',
        'CORS for the territory',
        'CORS elsewhere',
        'widget',
        'console page',
        'console assets',
        'console config',
      ]),
    );
    const after = await (
      await fetch(`${product.apiUrl}/v1/surveys/${product.demo.surveyId}/responses.csv`, {
        headers: { authorization: `Bearer ${product.demo.adminKey}` },
      })
    ).text();
    expect(after).toBe(before);
    expect(formatChecks(checks)).toMatch(/all \d+ checks passed\n$/);
  }, 60_000);

  it('names what is wrong on a broken deployment: no health, no contract, stack traces in answers', async () => {
    const checks = await smoke({ api: brokenUrl });
    const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
    expect(checks.every((c) => !c.ok)).toBe(true);
    expect(byName.health?.detail).toMatch(/answered 500/);
    expect(byName.contract?.detail).toMatch(/answered 500/);
    expect(byName['security headers']?.detail).toMatch(/x-content-type-options/);
    expect(byName['unknown survey']?.detail).toMatch(/answered 500, expected 404/);
    expect(formatChecks(checks)).toMatch(/✗ health/);
  });

  it('says when the console is a placeholder without its CSP, or on an origin the API does not let in', async () => {
    const placeholder = createServer((req, res) => {
      if (req.url?.endsWith('config.json')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ api: product.apiUrl }));
      }
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'public, max-age=86400' });
      res.end('<!doctype html><p>run npm run build</p>');
    });
    await new Promise<void>((resolve) => placeholder.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://localhost:${(placeholder.address() as AddressInfo).port}/console/`;
      const checks = await smoke({ api: product.apiUrl, console: url });
      const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
      expect(byName['console page']).toMatchObject({ ok: false, detail: 'CSP is "missing"' });
      expect(byName['console config']?.ok).toBe(true);
      expect(byName['console CORS']).toMatchObject({ ok: false });
      expect(byName['console CORS']?.detail).toMatch(/does not let http:\/\/localhost:\d+ call it/);
    } finally {
      await new Promise((resolve) => placeholder.close(resolve));
    }
  });

  it('says when the survey is not allowed to the origin it was given', async () => {
    const checks = await smoke({
      api: product.apiUrl,
      survey: product.demo.surveyId,
      origin: 'https://www.not-the-office.example',
    });
    const cors = checks.find((c) => c.name === 'CORS for the territory');
    expect(cors?.ok).toBe(false);
    expect(cors?.detail).toMatch(/answered 403|access-control-allow-origin/);
  });

  it('recognises an error body with a stack trace even when the status is right', async () => {
    const leaky = (async (input: string | URL | Request) => {
      const url = String(input);
      if (url.endsWith('/keys'))
        return new Response(
          JSON.stringify({
            error: { code: 'unauthorized', message: 'no key', issues: [] },
            stack: 'Error\n    at f (/x.js:1:1)',
          }),
          { status: 401 },
        );
      return fetch(input);
    }) as typeof fetch;
    const checks = await smoke({ api: product.apiUrl, fetch: leaky });
    expect(checks.find((c) => c.name === 'no key')).toMatchObject({
      ok: false,
      detail: 'the body carries a stack trace',
    });
  });
});
