/**
 * s3rver checks a link's expiry but not its Signature V4, so the signature is checked here
 * against a second implementation written from AWS's description of query-string signing,
 * itself checked against the example AWS publishes with its expected signature.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fileLinks } from './presign.ts';

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** The signature of a presigned GET whose only signed header is host, for an unsigned payload. */
function referenceSignature(o: {
  host: string;
  /** As sent: each segment already escaped. */
  path: string;
  query: Record<string, string>;
  secret: string;
}): string {
  const amzDate = o.query['X-Amz-Date'] ?? '';
  const scope = (o.query['X-Amz-Credential'] ?? '').split('/').slice(1).join('/');
  const [day = '', region = '', service = ''] = scope.split('/');
  const canonicalQuery = Object.entries(o.query)
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [enc(k), enc(v)])
    .sort(([a = ''], [b = '']) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = ['GET', o.path, canonicalQuery, `host:${o.host}\n`, 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join(
    '\n',
  );
  const key = hmac(hmac(hmac(hmac(`AWS4${o.secret}`, day), region), service), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

describe('links presigned with Signature V4', () => {
  it('the reference gives the signature of AWS’s published example (GET examplebucket/test.txt)', () => {
    expect(
      referenceSignature({
        host: 'examplebucket.s3.amazonaws.com',
        path: '/test.txt',
        secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        query: {
          'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
          'X-Amz-Credential': 'AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request',
          'X-Amz-Date': '20130524T000000Z',
          'X-Amz-Expires': '86400',
          'X-Amz-SignedHeaders': 'host',
        },
      }),
    ).toBe('aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
  });

  it('signs what S3 will check: the key (escaped), the download name, the expiry, and nothing else', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const links = fileLinks({
      bucket: 'ecoute-exports',
      region: 'eu-west-3',
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret },
      now: () => new Date('2026-11-30T10:00:00Z'),
    });
    const { url, expiresAt } = await links.link('exports/t/sé (1)/j.csv', 'visiteurs-responses.csv');
    expect(expiresAt).toBe('2026-11-30T10:15:00.000Z');
    const u = new URL(url);
    expect(u.host).toBe('ecoute-exports.s3.eu-west-3.amazonaws.com');
    expect(u.pathname).toBe('/exports/t/s%C3%A9%20%281%29/j.csv');
    const query = Object.fromEntries(u.searchParams);
    expect(query).toMatchObject({
      'X-Amz-Credential': 'AKIAIOSFODNN7EXAMPLE/20261130/eu-west-3/s3/aws4_request',
      'X-Amz-Date': '20261130T100000Z',
      'X-Amz-Expires': '900',
      'X-Amz-SignedHeaders': 'host',
      'response-content-disposition': 'attachment; filename="visiteurs-responses.csv"',
    });
    const signature = referenceSignature({ host: u.host, path: u.pathname, query, secret });
    expect(query['X-Amz-Signature']).toBe(signature);
    // Another key, or a longer life, would need another signature.
    const forged = { ...query, 'X-Amz-Expires': '604800' };
    expect(referenceSignature({ host: u.host, path: u.pathname, query: forged, secret })).not.toBe(signature);
  });
});
