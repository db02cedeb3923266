/**
 * The public Lambda's app serves exactly the routes anyone may call without a key, and API
 * Gateway sends it exactly those (infra/public-routes.ts): a public route left out would reach
 * the staff function still (it serves everything), but a staff route sent to the public one
 * would answer 404. The whole app's OpenAPI document says which routes are public (`security: []`),
 * independently of the public app's own list.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildOptions } from '#infra/bundling.ts';
import { repoRoot } from '#infra/config.ts';
import { publicFunctionRoutes } from '#infra/public-routes.ts';
import { createApp } from './app.ts';
import { createPublicApp } from './public-app.ts';
import { publicDeps } from './public-runtime.ts';
import { buildDeps } from './runtime.ts';

// Listing and refusing routes touches no storage: the database client is built but never called.
const settings = { table: 'unused', operatorKey: 'public-app-test-operator-key', clientAddress: () => '203.0.113.1' };
const whole = createApp(buildDeps(settings));
const open = createPublicApp(publicDeps(settings));
type Doc = { paths: Record<string, Record<string, { security: unknown[] }>> };
const doc = (await (await whole.request('/openapi.json')).json()) as Doc;
const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({
    key: `${method.toUpperCase()} ${path}`,
    path,
    open: !op.security.length,
  })),
);

describe('the public app', () => {
  it('serves the public operations of the whole API, and only those', () => {
    const publicKeys = operations.filter((o) => o.open).map((o) => o.key);
    expect(publicKeys.length).toBeGreaterThan(3);
    expect(open.described.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort()).toEqual(publicKeys.sort());
  });

  it('is what API Gateway sends to the public function: those routes, /health, and the preflights of paths no staff route shares', () => {
    const onlyPublic = [...new Set(operations.map((o) => o.path))].filter((path) =>
      operations.filter((o) => o.path === path).every((o) => o.open),
    );
    expect([...publicFunctionRoutes].sort()).toEqual(
      [
        'GET /health',
        ...operations.filter((o) => o.open).map((o) => o.key),
        ...onlyPublic.map((path) => `OPTIONS ${path}`),
      ].sort(),
    );
  });

  it('answers /health, and a staff route as unknown, in the error shape', async () => {
    expect(await (await open.request('/health')).json()).toEqual({ status: 'ok' });
    const staff = await open.request('/v1/territories', {
      headers: { authorization: `Bearer ${settings.operatorKey}` },
    });
    expect(staff.status).toBe(404);
    expect(await staff.json()).toMatchObject({ error: { code: 'not_found', issues: [] } });
    // The contract is the staff function's to serve: it describes every route.
    expect((await open.request('/openapi.json')).status).toBe(404);
    expect((await whole.request('/openapi.json')).status).toBe(200);
  });

  it('keeps the app-wide middleware: security headers on every answer', async () => {
    const res = await open.request('/health');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('the public Lambda bundle', () => {
  it("holds none of the staff's code: no report, aggregate, export or job module, no staff route", async () => {
    const entry = join(repoRoot, 'functions/public-lambda.ts');
    const { metafile } = await build({
      ...esbuildOptions(entry, join(repoRoot, 'node_modules/.cache/public-app-test/index.mjs')),
      metafile: true,
      write: false,
    });
    const ours = Object.keys(metafile.inputs).filter((path) => !path.startsWith('node_modules/'));
    expect(ours).toContain('functions/routes/responses.ts');
    // Each of these builds zod schemas at import, which esbuild keeps once the module is imported at all.
    const staff =
      /^analytics\/(render|report|aggregate|comments)|^functions\/(work|routes\/(reports|jobs|surveys|territories|response-export|suggestion-)|store\/(aggregates|jobs|erasures|comments|reports)|report|response-csv)/;
    expect(ours.filter((path) => staff.test(path))).toEqual([]);
  });
});
