/**
 * After a deploy, from the web agency's machine: does the API answer as docs/api.md says, refuse what
 * it must, and is the widget served to be cached? Read-only: every request it sends is one the
 * API refuses, so nothing is stored. With a live survey and an allowed origin it also checks CORS.
 *
 *   npm run smoke -- --api https://… [--widget https://…/ecoute.js] [--survey ID --origin https://…]
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { consoleChecks } from './smoke-console.ts';
import { errorShapeProblem } from './testing/error-shape.ts';

export interface SmokeOptions {
  api: string;
  widget?: string;
  /** The ConsoleUrl output. */
  console?: string;
  survey?: string;
  origin?: string;
  fetch?: typeof fetch;
}

export interface SmokeCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** The paths of docs/api.md every deployment must serve. */
export const CONTRACT_PATHS = [
  '/v1/territories',
  '/v1/territories/{t}/keys',
  '/v1/territories/{t}/surveys',
  '/v1/surveys/{id}',
  '/v1/surveys/{id}/status',
  '/v1/surveys/{id}/responses',
  '/v1/responses/{id}',
  '/v1/surveys/{id}/responses.csv',
];

const FOREIGN_ORIGIN = 'https://smoke-check.invalid';
/** A survey id no territory may own: responses to it are refused, never stored. */
const NO_SURVEY = 'smoke-check-no-such-survey';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** Answers in the error shape of docs/api.md (errors.ts), and nothing that looks like a stack trace. */
function errorShaped(a: Answer): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(a.text);
  } catch {
    return 'the body is not JSON';
  }
  if (/\bat .+:\d+:\d+\)?/.test(a.text) || /"stack"/.test(a.text)) return 'the body carries a stack trace';
  return errorShapeProblem(a.status, body, a.text);
}

export async function smoke(options: SmokeOptions): Promise<SmokeCheck[]> {
  const doFetch = options.fetch ?? fetch;
  const api = options.api.replace(/\/+$/, '');
  const checks: SmokeCheck[] = [];
  const call = async (
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<Answer> => {
    const res = await doFetch(`${api}${path}`, {
      method,
      headers: init.headers,
      body: init.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const check = async (name: string, run: () => Promise<string | undefined>, passed: string) => {
    try {
      const problem = await run();
      checks.push({ name, ok: problem === undefined, detail: problem ?? passed });
    } catch (error) {
      checks.push({ name, ok: false, detail: `no answer: ${(error as Error).message}` });
    }
  };
  const refusal = (expected: number, a: Answer) =>
    a.status === expected ? errorShaped(a) : `answered ${a.status}, expected ${expected}`;

  await check(
    'health',
    async () => {
      const a = await call('GET', '/health');
      return a.status === 200 && JSON.parse(a.text)?.status === 'ok'
        ? undefined
        : `answered ${a.status} ${a.text.slice(0, 80)}`;
    },
    '200 {"status":"ok"}',
  );
  await check(
    'security headers',
    async () => {
      const { headers } = await call('GET', '/health');
      const wanted: [string, string][] = [
        ['x-content-type-options', 'nosniff'],
        ['strict-transport-security', 'max-age'],
        ['x-frame-options', ''],
      ];
      const missing = wanted.filter(([name, value]) => !(headers.get(name) ?? '\u0000').toLowerCase().includes(value));
      return missing.length ? `missing ${missing.map(([n]) => n).join(', ')}` : undefined;
    },
    'nosniff, HSTS, frame options',
  );
  await check(
    'contract',
    async () => {
      const a = await call('GET', '/openapi.json');
      if (a.status !== 200) return `/openapi.json answered ${a.status}`;
      const doc = JSON.parse(a.text) as { openapi?: string; paths?: Record<string, unknown> };
      const missing = CONTRACT_PATHS.filter((p) => !doc.paths?.[p]);
      return missing.length ? `/openapi.json lacks ${missing.join(', ')}` : undefined;
    },
    `OpenAPI document with the ${CONTRACT_PATHS.length} paths of docs/api.md`,
  );
  const submit = `/v1/surveys/${NO_SURVEY}/responses`;
  const json = { 'content-type': 'application/json' };
  await check(
    'unknown survey',
    async () =>
      refusal(
        404,
        await call('POST', submit, {
          headers: json,
          body: JSON.stringify({ id: '01K0000000000000000SM0KE00', audience: 'visitor', locale: 'fr', answers: {} }),
        }),
      ),
    '404 in the error shape, nothing stored',
  );
  await check(
    'not JSON',
    // A form post: text/plain is the widget's own JSON (a CORS simple request), taken by the public submissions.
    async () =>
      refusal(
        415,
        await call('POST', submit, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' }),
      ),
    '415 in the error shape',
  );
  await check(
    'broken JSON',
    async () => refusal(400, await call('POST', submit, { headers: json, body: '{"id": ' })),
    '400 in the error shape',
  );
  await check(
    'too large',
    async () =>
      refusal(413, await call('POST', submit, { headers: json, body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }) })),
    '413 past 64 KB',
  );
  await check(
    'no key',
    async () => refusal(401, await call('GET', '/v1/territories/smoke-check/keys')),
    '401 without a key',
  );
  await check(
    'wrong key',
    async () =>
      refusal(
        401,
        await call('GET', '/v1/territories/smoke-check/keys', {
          headers: { authorization: 'Bearer ecoute_not-a-real-key' },
        }),
      ),
    '401 with an unknown key',
  );

  if (options.survey && options.origin) {
    const { survey, origin } = options;
    await check(
      'CORS for the territory',
      async () => {
        const a = await call('GET', `/v1/surveys/${encodeURIComponent(survey)}`, { headers: { origin } });
        if (a.status !== 200) return `the live survey answered ${a.status}${a.status === 404 ? ' (is it live?)' : ''}`;
        const allowed = a.headers.get('access-control-allow-origin');
        return allowed === origin
          ? undefined
          : `access-control-allow-origin is ${allowed ?? 'missing'}, expected ${origin}`;
      },
      `the live survey, allowed to ${options.origin}`,
    );
    await check(
      'CORS elsewhere',
      async () => {
        const a = await call('GET', `/v1/surveys/${encodeURIComponent(survey)}`, {
          headers: { origin: FOREIGN_ORIGIN },
        });
        if (a.headers.get('access-control-allow-origin'))
          return `a foreign origin was allowed (${a.headers.get('access-control-allow-origin')})`;
        return refusal(403, a);
      },
      `403 for ${FOREIGN_ORIGIN}`,
    );
  }

  if (options.widget) {
    const url = options.widget;
    await check(
      'widget',
      async () => {
        const res = await doFetch(url, { headers: { 'accept-encoding': 'gzip' }, signal: AbortSignal.timeout(15_000) });
        const text = await res.text();
        if (res.status !== 200) return `answered ${res.status}`;
        if (!/javascript/.test(res.headers.get('content-type') ?? ''))
          return `content-type is ${res.headers.get('content-type')}`;
        if (!/max-age=\d+/.test(res.headers.get('cache-control') ?? ''))
          return `cache-control is ${res.headers.get('cache-control') ?? 'missing'}`;
        return text.includes('ecoute-survey')
          ? undefined
          : 'the script does not define <ecoute-survey> (a placeholder? run npm run build, then deploy)';
      },
      'JavaScript, cacheable, defines <ecoute-survey>',
    );
  }
  if (options.console) checks.push(...(await consoleChecks({ url: options.console, api, fetch: doFetch })));
  return checks;
}

export function formatChecks(checks: SmokeCheck[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines = checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.name.padEnd(width)}  ${c.detail}`);
  const failed = checks.filter((c) => !c.ok).length;
  return `${lines.join('\n')}\n\n${failed ? `${failed} of ${checks.length} checks failed` : `all ${checks.length} checks passed`}\n`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      api: { type: 'string' },
      widget: { type: 'string' },
      console: { type: 'string' },
      survey: { type: 'string' },
      origin: { type: 'string' },
    },
  });
  if (!values.api || Boolean(values.survey) !== Boolean(values.origin)) {
    process.stderr.write(
      'usage: npm run smoke -- --api https://… [--widget https://…/ecoute.js] [--console https://…/console/] [--survey ID --origin https://…]\n',
    );
    process.exit(2);
  }
  const checks = await smoke({
    api: values.api,
    widget: values.widget,
    console: values.console,
    survey: values.survey,
    origin: values.origin,
  });
  process.stdout.write(formatChecks(checks));
  process.exit(checks.every((c) => c.ok) ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
