/**
 * Fuzzing one endpoint: every generated request is hostile somewhere (a path segment, the
 * body, the query or a header) and must get a 4xx in the error shape; a query may also be
 * harmless (200), never a 5xx. Shared by functions/hardening/fuzz.test.ts and bench/suites/fuzz.ts.
 */
import fc from 'fast-check';
import {
  illFormedString,
  oddQueryValue,
  oddSegment,
  PROTO_KEYS,
  slotsOf,
  spliced,
  withProtoKeys,
  wrongFor,
} from './hostile.ts';
import { fillPath, send, shapeProblem, type Endpoint, type Reply, type Requester, type World } from './world.ts';

export interface FuzzCase {
  target: 'path' | 'body' | 'query' | 'headers';
  path: string;
  body?: Uint8Array;
  key?: string;
  headers?: Record<string, string>;
}

const enc = new TextEncoder();
/** null is a valid answer (a question skipped), so it is no hostile value inside `answers`. */
const skipsAnswer = (path: (string | number)[], fragment: Uint8Array) =>
  path[0] === 'answers' && new TextDecoder().decode(fragment) === 'null';
const OVERSIZE = 600 * 1024;

function queryString(values: Record<string, string>): string {
  const q = Object.entries(values).map(
    ([k, v]) => `${encodeURIComponent(k)}=${v.includes('%') ? v : encodeURIComponent(v)}`,
  );
  return q.length ? `?${q.join('&')}` : '';
}

/** The requests to try on one endpoint: valid everywhere but in one place. */
export function casesFor(world: World, e: Endpoint): fc.Arbitrary<FuzzCase> {
  const sig = world.signature(e);
  const params = world.params(e);
  const validQuery = world.queries[sig] ?? {};
  const valid = world.bodies[sig] ?? {};
  const key = world.keyFor(e);
  const validBody = e.body ? enc.encode(JSON.stringify(valid)) : undefined;
  const base = fillPath(e.template, params) + queryString(validQuery);
  const options: fc.Arbitrary<FuzzCase>[] = [];

  if (e.params.length) {
    options.push(
      fc.record({ name: fc.constantFrom(...e.params), segment: oddSegment }).map(({ name, segment }) => ({
        target: 'path' as const,
        path: fillPath(e.template, { ...params, [name]: segment }) + queryString(validQuery),
        body: validBody,
        key,
      })),
    );
  }
  if (e.body) {
    const slots = slotsOf(valid);
    const mutated = fc
      .record({ slot: fc.constantFrom(...slots), proto: fc.option(fc.constantFrom(...PROTO_KEYS)) })
      .chain(({ slot, proto }) =>
        wrongFor(slot.kind)
          .filter((f) => !skipsAnswer(slot.path, f))
          .map((fragment) => ({ body: spliced(valid, slot.path, fragment), proto })),
      )
      .map(({ body, proto }) => (proto ? withProtoKeys(body, proto) : body));
    const truncated = fc.nat().map((n) => validBody!.subarray(0, n % Math.max(1, validBody!.length - 1)));
    const oversized = fc
      .integer({ min: OVERSIZE, max: OVERSIZE + 4096 })
      .map((n) => enc.encode(`{"pad":"${'x'.repeat(n)}"}`));
    const illFormedKey = illFormedString.map((k) => Uint8Array.from([...enc.encode('{'), ...k, ...enc.encode(':1}')]));
    // An unknown field passes the schemas (they strip it): only its depth makes it hostile.
    const deepExtra = fc
      .integer({ min: 33, max: 20_000 })
      .map((n) =>
        enc.encode(
          `${JSON.stringify(valid).slice(0, -1)}${JSON.stringify(valid) === '{}' ? '' : ','}"extra":${'['.repeat(n)}${']'.repeat(n)}}`,
        ),
      );
    options.push(
      fc
        .oneof(mutated, mutated, mutated, truncated, oversized, illFormedKey, deepExtra)
        .map((body) => ({ target: 'body' as const, path: base, body, key })),
    );
  }
  if (e.query.length) {
    options.push(
      // A DELETE is only fuzzed on its own parameters: a harmless extra one would let it erase for real.
      fc
        .record({ name: fc.constantFrom(...e.query, ...(e.method === 'GET' ? PROTO_KEYS : [])), value: oddQueryValue })
        .map(({ name, value }) => ({
          target: 'query' as const,
          path: fillPath(e.template, params) + queryString({ ...validQuery, [name]: value }),
          body: validBody,
          key,
        })),
    );
  }
  // A public submission takes its JSON as text/plain too (a CORS simple request: middleware/body.ts); every other route refuses it.
  const publicSubmission = !e.secured && e.method === 'POST';
  const badHeaders = fc.oneof(
    fc
      .constantFrom(
        ...(publicSubmission ? [] : ['text/plain']),
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/jsonp',
        '',
        'json',
      )
      .map((t) => ({ 'content-type': t })),
    fc
      .constantFrom(
        'Bearer',
        'Basic YWxhZGRpbjpvcGVuc2VzYW1l',
        'Bearer short',
        `Bearer ${'k'.repeat(300)}`,
        'Bearer ecoute_forged-key-0000000000000000000000',
        'bearer  x y',
        'Token abcdefghij',
      )
      .map((a) => ({ authorization: a })),
  );
  // Every path with a parameter names a thing of the world's territory, whose allowed origin is not among these.
  const badOrigins = fc
    .constantFrom(
      'null',
      'https://evil.example',
      `${world.origin}.evil.example`,
      `${world.origin}:443@evil.example`,
      world.origin.replace('https', 'http'),
      'javascript:alert(1)',
      '*',
      'file://',
    )
    .map((origin) => ({ origin }));
  const headerCase = (e.params.length ? fc.oneof(badHeaders, badOrigins) : badHeaders).map((headers) => ({
    target: 'headers' as const,
    path: base,
    body: validBody,
    headers,
  }));
  // A content type only matters when a body is expected; Authorization and Origin always do.
  options.push(e.body ? headerCase : headerCase.filter((c) => !('content-type' in c.headers)));
  return fc.oneof(...options);
}

/**
 * Valid bodies with unknown fields added anywhere an object is: any key (prototype names too),
 * any JSON value. The schemas may strip them (a 2xx) or refuse them; never a 5xx.
 */
export function withExtraFields(world: World, e: Endpoint): fc.Arbitrary<FuzzCase> {
  const valid = world.bodies[world.signature(e)] ?? {};
  const at = (value: unknown, path: (string | number)[]) =>
    path.reduce((v, p) => (v as Record<string | number, unknown>)[p], value);
  const objects = slotsOf(valid).filter((s) => s.kind === 'container' && !Array.isArray(at(valid, s.path)));
  return fc
    .record({
      slot: fc.constantFrom(...objects),
      key: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom(...PROTO_KEYS)),
      value: fc.jsonValue({ maxDepth: 8 }),
    })
    .map(({ slot, key, value }) => {
      const body = structuredClone(valid);
      // defineProperty, so that a key named __proto__ is an own field as JSON.parse makes it.
      Object.defineProperty(at(body, slot.path), key, { value, enumerable: true, configurable: true, writable: true });
      return {
        target: 'body' as const,
        path: fillPath(e.template, world.params(e)) + queryString(world.queries[world.signature(e)] ?? {}),
        body: enc.encode(JSON.stringify(body)),
        key: world.keyFor(e),
      };
    });
}

/** What is wrong with the answer to a hostile case, or undefined. */
export function problemWith(e: Endpoint, c: FuzzCase, r: Reply): string | undefined {
  if (r.status >= 500) return `status ${r.status}: ${r.text.slice(0, 200)}`;
  if (r.status < 400)
    return c.target === 'query' && e.method === 'GET'
      ? undefined
      : `accepted (${r.status}) a hostile ${c.target}: ${r.text.slice(0, 200)}`;
  if (!(r.headers.get('content-type') ?? '').startsWith('application/json'))
    return `error without JSON: ${r.headers.get('content-type')}`;
  return shapeProblem(r);
}

export async function sendCase(app: Requester, e: Endpoint, c: FuzzCase): Promise<Reply> {
  const headers = {
    ...(c.body ? { 'content-type': 'application/json' } : {}),
    ...(c.key ? { authorization: `Bearer ${c.key}` } : {}),
    ...c.headers,
  };
  return send(app, e.method, c.path, { body: c.body, headers });
}

export const describeCase = (c: FuzzCase) =>
  `${c.target} ${c.path.slice(0, 160)}${c.path.length > 160 ? '…' : ''} body=${c.body ? Buffer.from(c.body.subarray(0, 200)).toString('latin1') : '-'} headers=${JSON.stringify(c.headers ?? {})}`;

export interface FuzzTally {
  runs: number;
  byStatus: Record<number, number>;
}

/** Runs `runs` hostile cases on one endpoint; throws (fast-check's shrunk counterexample) on the first problem. */
export async function fuzzEndpoint(
  app: Requester,
  world: World,
  e: Endpoint,
  runs: number,
  seed?: number,
): Promise<FuzzTally> {
  const tally: FuzzTally = { runs: 0, byStatus: {} };
  await fc.assert(
    fc.asyncProperty(casesFor(world, e), async (c) => {
      const r = await sendCase(app, e, c);
      tally.runs++;
      tally.byStatus[r.status] = (tally.byStatus[r.status] ?? 0) + 1;
      const problem = problemWith(e, c, r);
      if (problem) throw new Error(`${e.method} ${e.template}: ${problem}\n  case: ${describeCase(c)}`);
      if (({} as Record<string, unknown>).polluted !== undefined)
        throw new Error(`${e.method} ${e.template}: Object.prototype polluted`);
    }),
    { numRuns: runs, seed, endOnFailure: false },
  );
  return tally;
}
