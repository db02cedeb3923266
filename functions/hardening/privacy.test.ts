/**
 * Privacy and secrets: after every kind of request (and failures), no raw address, key,
 * receipt or e-mail in the logs or the table; keys stored as hashes; secrets compared in
 * constant time; receipts unguessable; a retention TTL on every personal item.
 */
import { DescribeTimeToLiveCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { refuseNextConnection } from '../testing/faults.ts';
import { captureLogs } from '../testing/logs.ts';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { receiptFor, receiptMatches, sameSecret, sha256 } from '../security.ts';
import { newTrackingCode } from '../suggestion.ts';
import { testApp } from '../testing/harness.ts';
import { createWorld, responseBody, send, type World } from './world.ts';

const ADDRESS = '198.51.100.77';
const IPV6 = '2001:db8::7:1';
const EMAIL = 'probe.privacy@example.org';
let t: Awaited<ReturnType<typeof testApp>>;
let world: World;
const output: string[] = [];
const secrets: string[] = [];
let items: Record<string, unknown>[] = [];

beforeAll(async () => {
  vi.stubEnv('ECOUTE_QUIET', '0');
  captureLogs(output);
  t = await testApp();
  world = await createWorld(t.app, t.operatorKey, 'privacy');
  t.setAddress(ADDRESS);
  const post = (path: string, body: unknown, key?: string) =>
    send(t.app, 'POST', path, { key, body: JSON.stringify(body) });
  const responses = Array.from({ length: 5 }, () => responseBody(new Date()));
  const receipts = [];
  for (const r of responses)
    receipts.push((await post(`/v1/surveys/${world.survey}/responses`, r)).json.receipt as string);
  await post(`/v1/surveys/${world.survey}/responses`, responses[0]); // a replay
  t.setAddress(IPV6);
  const s = await post(`/v1/territories/${world.id}/suggestions`, {
    category: 'voirie',
    text: `Écrivez-moi à ${EMAIL}`,
    contact: { email: EMAIL, consent: true },
  });
  await post(`/v1/territories/${world.id}/suggestions`, {
    category: 'voirie',
    text: 'robot',
    website: 'http://spam.example',
  });
  t.deps.notifier = { notify: async (m) => Promise.reject(new Error(`mail to ${m.to} bounced`)) };
  // In review tells the resident nothing; a public answer does, and that mail bounces.
  await send(t.app, 'PATCH', `/v1/suggestions/${s.json.code}`, {
    key: world.keys.moderator,
    body: '{"status":"in_review"}',
  });
  await send(t.app, 'PATCH', `/v1/suggestions/${s.json.code}`, {
    key: world.keys.moderator,
    body: '{"status":"answered","answer":"Merci, c’est noté."}',
  });
  await send(t.app, 'DELETE', `/v1/responses/${responses[1]!.id}?receipt=${receipts[1]}`);
  await send(t.app, 'GET', '/v1/territories/privacy/keys', { key: `${world.keys.admin}x` });
  // A database failure: the error log has a stack trace, which must hold no secret either.
  refuseNextConnection(t.db);
  await post(`/v1/surveys/${world.survey}/responses`, responseBody(new Date()));
  secrets.push(ADDRESS, IPV6, EMAIL, t.operatorKey, ...Object.values(world.keys), ...receipts, world.receipt);
  items = ((await t.db.client.send(new ScanCommand({ TableName: t.db.table }))).Items ?? []).map((i) => unmarshall(i));
});
afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('logs', () => {
  it('logged the requests, failures included, each failure with the id of the request it belongs to', () => {
    const lines = output
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { message: string; requestId?: string; status?: number });
    expect(lines.some((l) => l.status === 503)).toBe(true);
    const failure = lines.find((l) => l.message === 'suggestion notification failed');
    expect(failure?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // The same request's access line carries the same id, and no other request shares it.
    expect(lines.filter((l) => l.requestId === failure?.requestId).map((l) => l.message)).toEqual([
      'suggestion notification failed',
      'request',
    ]);
  });

  it('hold no address, key, receipt or e-mail', () => {
    const all = output.join('\n');
    for (const s of secrets) expect(all).not.toContain(s);
  });
});

describe('the table', () => {
  it('holds no address, key or receipt anywhere, and keys only as their SHA-256', () => {
    const all = JSON.stringify(items);
    for (const s of secrets.filter((x) => x !== EMAIL)) expect(all).not.toContain(s);
    for (const key of Object.values(world.keys)) expect(items.some((i) => i.PK === `KEY#${sha256(key)}`)).toBe(true);
  });

  it('keeps the e-mail only in the contact item, which expires', () => {
    const withEmail = items.filter((i) => JSON.stringify(i).includes(EMAIL) && i.SK === 'CONTACT');
    expect(withEmail).toHaveLength(1);
    expect(withEmail[0]?.expiresAt).toEqual(expect.any(Number));
    // The suggestion's own text holds the address the resident typed: kept for moderators, masked in open data.
    const elsewhere = items.filter((i) => JSON.stringify(i).includes(EMAIL) && i.SK !== 'CONTACT');
    for (const i of elsewhere) expect(i.SK === 'META' || String(i.SK).startsWith('H#')).toBe(true);
  });

  it('sets a retention TTL on every personal item: client windows, contacts, same-text guards', async () => {
    const personal = items.filter((i) => /^(RL#|SGDUP#)/.test(String(i.PK)) || i.SK === 'CONTACT');
    expect(personal.length).toBeGreaterThanOrEqual(3);
    const now = Date.now() / 1000;
    for (const i of personal) {
      expect(i.expiresAt, String(i.PK)).toEqual(expect.any(Number));
      expect(i.expiresAt as number).toBeGreaterThan(now);
    }
    const ttl = await t.db.client.send(new DescribeTimeToLiveCommand({ TableName: t.db.table }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe('expiresAt');
    expect(readFileSync(new URL('../store/layout.ts', import.meta.url), 'utf8')).toMatch(
      /`expiresAt` \(epoch seconds\) is the TTL/,
    );
  });
});

describe('secrets', () => {
  it('compares keys and receipts in constant time, whatever the lengths', () => {
    expect(sameSecret('a', 'a'.repeat(1000))).toBe(false);
    expect(sameSecret(t.operatorKey, t.operatorKey)).toBe(true);
    expect(receiptMatches({ secret: 'secret', formerSecrets: ['former'] }, 'ID', 'short')).toBe(false);
    const source = readFileSync(new URL('../security.ts', import.meta.url), 'utf8');
    expect(source.match(/timingSafeEqual\(/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('never compares a secret with === or !== in the code', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory()
          ? files(join(dir, d.name))
          : d.name.endsWith('.ts') && !d.name.endsWith('.test.ts')
            ? [join(dir, d.name)]
            : [],
      );
    const root = new URL('..', import.meta.url).pathname;
    const offending = files(root).filter((f) =>
      /(operatorKey|receipt|secret|apiKey|adminKey)\s*[!=]==|[!=]==\s*[\w.]*(operatorKey|receipt|secret)\b/i.test(
        readFileSync(f, 'utf8'),
      ),
    );
    expect(offending).toEqual([]);
  });

  it('makes receipts of 192 bits that only the deployment secret yields', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `01JD3${String(i).padStart(21, '0')}`);
    const receipts = ids.map((id) => receiptFor('deployment-secret', id));
    expect(new Set(receipts).size).toBe(ids.length);
    for (const r of receipts) expect(Buffer.from(r, 'base64url')).toHaveLength(24);
    expect(receiptFor('another-secret', ids[0]!)).not.toBe(receipts[0]);
    expect(receiptMatches({ secret: 'deployment-secret', formerSecrets: [] }, ids[1]!, receipts[0]!)).toBe(false);
    // Bits are balanced: no byte position is stuck, as a counter or a timestamp would be.
    const ones = receipts.map((r) =>
      [...Buffer.from(r, 'base64url')].reduce((n, b) => n + b.toString(2).split('1').length - 1, 0),
    );
    expect(ones.reduce((a, b) => a + b, 0) / ones.length).toBeGreaterThan(88);
    expect(ones.reduce((a, b) => a + b, 0) / ones.length).toBeLessThan(104);
  });

  it('makes tracking codes of 45 random bits: none repeats, every symbol as frequent as the others', () => {
    const codes = Array.from({ length: 4000 }, () => newTrackingCode());
    expect(new Set(codes).size).toBe(codes.length);
    const counts = new Map<string, number>();
    for (const ch of codes.join('').replace(/-/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(32);
    for (const n of counts.values()) expect(Math.abs(n - (4000 * 9) / 32)).toBeLessThan(200);
  });

  it('answers a wrong receipt exactly as an unknown response (404), and erases with the right one', async () => {
    const body = responseBody(new Date());
    const { receipt } = (
      await send(t.app, 'POST', `/v1/surveys/${world.survey}/responses`, { body: JSON.stringify(body) })
    ).json;
    const flipped = `${receipt.slice(0, -1)}${receipt.endsWith('A') ? 'B' : 'A'}`;
    const wrong = await send(t.app, 'DELETE', `/v1/responses/${body.id}?receipt=${flipped}`);
    const unknown = await send(t.app, 'DELETE', `/v1/responses/${crypto.randomUUID()}?receipt=${flipped}`);
    expect(wrong.status).toBe(404);
    expect(wrong.json).toEqual(unknown.json);
    expect((await send(t.app, 'DELETE', `/v1/responses/${body.id}?receipt=${receipt}`)).status).toBe(204);
  });
});
