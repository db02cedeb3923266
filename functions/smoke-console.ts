/**
 * The smoke check's look at the staff console after a deploy: the page with its strict CSP and
 * never cached, a hashed asset cached a year, config.json naming this API, and (when the
 * console is on another origin than the API, as on CloudFront) CORS letting it call the API.
 */
import type { SmokeCheck } from './smoke.ts';

export async function consoleChecks(o: { url: string; api: string; fetch: typeof fetch }): Promise<SmokeCheck[]> {
  const checks: SmokeCheck[] = [];
  const base = o.url.endsWith('/') ? o.url : `${o.url}/`;
  const get = (path: string, headers: Record<string, string> = {}) =>
    o.fetch(new URL(path, base), { headers, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  const check = async (name: string, run: () => Promise<string | undefined>, passed: string) => {
    try {
      const problem = await run();
      checks.push({ name, ok: problem === undefined, detail: problem ?? passed });
    } catch (error) {
      checks.push({ name, ok: false, detail: `no answer: ${(error as Error).message}` });
    }
  };

  let asset: string | undefined;
  await check(
    'console page',
    async () => {
      const res = await get('');
      const html = await res.text();
      if (res.status !== 200) return `answered ${res.status}`;
      const csp = res.headers.get('content-security-policy') ?? '';
      if (!csp.includes("script-src 'self'") || csp.includes('unsafe-inline')) return `CSP is "${csp || 'missing'}"`;
      if (/max-age=[1-9]/.test(res.headers.get('cache-control') ?? '') || !res.headers.get('cache-control'))
        return `cache-control is ${res.headers.get('cache-control') ?? 'missing'}: index.html must not be cached`;
      asset = /src="(assets\/[^"]+\.js)"/.exec(html)?.[1];
      return asset ? undefined : 'the page names no script (the placeholder? run npm run build, then deploy)';
    },
    'strict CSP, not cached',
  );
  if (asset) {
    const path = asset;
    await check(
      'console assets',
      async () => {
        const res = await get(path, { 'accept-encoding': 'gzip' });
        await res.arrayBuffer();
        if (res.status !== 200) return `${path} answered ${res.status}`;
        return /max-age=31536000/.test(res.headers.get('cache-control') ?? '')
          ? undefined
          : `cache-control is ${res.headers.get('cache-control') ?? 'missing'}`;
      },
      'hashed, cached a year',
    );
  }
  const consoleOrigin = new URL(base).origin;
  const apiOrigin = new URL(o.api).origin;
  await check(
    'console config',
    async () => {
      const res = await get('config.json');
      const config = (await res.json()) as { api?: string };
      const names = config.api ? new URL(config.api).origin : consoleOrigin;
      return names === apiOrigin
        ? undefined
        : `config.json names the API ${config.api || '(same origin)'}, not ${apiOrigin}`;
    },
    `names ${apiOrigin}`,
  );
  if (consoleOrigin !== apiOrigin) {
    await check(
      'console CORS',
      async () => {
        // A preflight of a keyed route is answered for any origin (it carries no key); what counts
        // is whether the answer itself may be read: ask without a key, the 401 says it.
        const res = await o.fetch(`${apiOrigin}/v1/me`, {
          headers: { origin: consoleOrigin },
          signal: AbortSignal.timeout(15_000),
        });
        const allowed = res.headers.get('access-control-allow-origin');
        return allowed === consoleOrigin
          ? undefined
          : `the API does not let ${consoleOrigin} call it (access-control-allow-origin: ${allowed ?? 'missing'})`;
      },
      `the API lets ${consoleOrigin} call it`,
    );
  }
  return checks;
}
