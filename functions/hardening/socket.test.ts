/**
 * Hostile framing that only a real socket can carry: a chunked body with no length, a
 * Content-Length far past the limit, a URL past Node's header limit. Refused with a 4xx before
 * the body is read whole; the app's answers keep the error shape.
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { freePort } from '../local/stack.ts';
import { buildDeps } from '../runtime.ts';
import { testApp } from '../testing/harness.ts';
import { countItems, createWorld, responseBody } from './world.ts';

const t = await testApp();
const world = await createWorld(t.app, t.operatorKey, 'socket');
const port = await freePort();
const server = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' });
afterAll(() => void server.close());
const path = `/v1/surveys/${world.survey}/responses`;

/**
 * Writes the pieces one after the other, each once the socket has taken the one before, and
 * resolves with the first whole HTTP answer (or what came before the server closed). No timer:
 * an answer that never comes is the test's own timeout.
 */
function exchange(pieces: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let answered = false;
    const finish = () => {
      if (answered) return;
      answered = true;
      socket.destroy();
      const raw = Buffer.concat(received).toString('utf8');
      const end = raw.indexOf('\r\n\r\n');
      const head = end < 0 ? raw : raw.slice(0, end);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), body: end < 0 ? '' : raw.slice(end + 4) });
    };
    socket.on('data', (d: Buffer) => {
      received.push(d);
      if (wholeAnswer(Buffer.concat(received))) finish();
    });
    socket.on('error', () => undefined);
    socket.on('close', finish);
    void (async () => {
      for (const p of pieces) {
        if (answered || socket.destroyed) return;
        await new Promise<void>((r) => socket.write(p, () => r()));
      }
    })();
  });
}

/** Whether an HTTP/1.1 answer is whole: its head, then Content-Length bytes or the last chunk. */
function wholeAnswer(raw: Buffer): boolean {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = raw.subarray(0, end).toString('latin1').toLowerCase();
  const body = raw.subarray(end + 4);
  const length = /\r\ncontent-length: *(\d+)/.exec(head)?.[1];
  if (length !== undefined) return body.byteLength >= Number(length);
  return /\r\ntransfer-encoding: *chunked/.test(head) && body.toString('latin1').endsWith('0\r\n\r\n');
}

const chunk = (s: string) => `${s.length.toString(16)}\r\n${s}\r\n`;
const bodyOf = (body: string) =>
  JSON.parse(body.replace(/^[0-9a-f]+\r\n/, '').replace(/\r\n0\r\n$/, '')) as { error: { code: string } };

describe('hostile framing over a socket', () => {
  it('cuts a chunked body that grows past the limit: 413 in the error shape, nothing stored', async () => {
    const before = await countItems(t.db);
    const big = 'x'.repeat(256 * 1024);
    const r = await exchange([
      `POST ${path} HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      chunk('{"id":"'),
      ...Array(8).fill(chunk(big)),
      '0\r\n\r\n',
    ]);
    expect(r.status).toBe(413);
    expect(bodyOf(r.body).error.code).toBe('payload_too_large');
    expect(await countItems(t.db)).toBe(before);
  });

  it('refuses a Content-Length past the limit at once, without waiting for the body', async () => {
    // Six bytes of the announced billion, and the socket left open: only an answer before the body can come.
    const r = await exchange([
      `POST ${path} HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n{"id":`,
    ]);
    expect(r.status).toBe(413);
    expect(bodyOf(r.body).error.code).toBe('payload_too_large');
  });

  it('leaves a URL past the header limit to Node itself (431, before the app)', async () => {
    const r = await exchange([`GET /v1/surveys/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: api\r\n\r\n`]);
    expect(r.status).toBe(431);
  });
});

describe('the submission limit over a socket', () => {
  it('counts the socket address, whatever forwarding headers the client writes', async () => {
    // The same app as `npm start` builds it: the client is the socket's address.
    const app = createApp(
      buildDeps(
        {
          table: t.db.table,
          operatorKey: t.operatorKey,
          clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
        },
        t.db,
      ),
    );
    const limitedPort = await freePort();
    const limited = serve({ fetch: app.fetch, port: limitedPort, hostname: '127.0.0.1' });
    try {
      const territory = await fetch(`http://127.0.0.1:${limitedPort}/v1/territories`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.operatorKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          id: 'socket-limited',
          name: 'Limited',
          allowedOrigins: [],
          limits: { submissionsPerMinute: 5 },
        }),
      });
      const { adminKey } = (await territory.json()) as { adminKey: string };
      const survey = (await (
        await fetch(`http://127.0.0.1:${limitedPort}/v1/territories/socket-limited/surveys`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            title: { fr: 'x' },
            audiences: ['visitor'],
            questions: [{ id: 'recommend', type: 'nps', label: { fr: 'q' } }],
          }),
        })
      ).json()) as { id: string };
      await fetch(`http://127.0.0.1:${limitedPort}/v1/surveys/${survey.id}/status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: '{"status":"live"}',
      });
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        const spoof = `198.51.100.${i}`;
        const res = await fetch(`http://127.0.0.1:${limitedPort}/v1/surveys/${survey.id}/responses`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-forwarded-for': spoof,
            'x-real-ip': spoof,
            forwarded: `for=${spoof}`,
            'cf-connecting-ip': spoof,
            'true-client-ip': spoof,
          },
          body: JSON.stringify({ ...responseBody(new Date()), answers: { recommend: 8 }, version: undefined }),
        });
        statuses.push(res.status);
        await res.arrayBuffer();
      }
      expect(statuses.filter((s) => s === 201)).toHaveLength(5);
      expect(statuses.slice(5)).toEqual(Array(5).fill(429));
    } finally {
      limited.close();
    }
  });
});
