/**
 * Short-lived links to files in S3 (s3rver locally): a GET presigned with Signature V4, so the
 * API hands a large export out without carrying it. Signed with the AWS SDK's own signer, which
 * the clients bundled already carry: @aws-sdk/s3-request-presigner, with the S3 client it
 * needs, would add about 140 KB to the API bundle for the same URL (measured with the stack's
 * esbuild options), this adds about 1 KB.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface FileLinks {
  /** A link to `key` that works until `expiresAt`, downloading as `filename`. */
  link(key: string, filename: string): Promise<{ url: string; expiresAt: string }>;
}

/** SHA-256 and HMAC-SHA-256 as the signer asks for them, from node:crypto. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(hmacKey?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = hmacKey === undefined ? createHash('sha256') : createHmac('sha256', toBytes(hmacKey));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** RFC 3986, as the signer escapes query values. */
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function fileLinks(o: {
  bucket: string;
  region: string;
  /** s3rver, or any endpoint in place of S3's (path-style addresses then). */
  endpoint?: string;
  credentials: Credentials | (() => Promise<Credentials>);
  expiresInS?: number;
  now?: () => Date;
}): FileLinks {
  const signer = new SignatureV4({
    service: 's3',
    region: o.region,
    credentials: o.credentials,
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const base = new URL(o.endpoint ?? `https://${o.bucket}.s3.${o.region}.amazonaws.com`);
  const prefix = o.endpoint ? `/${o.bucket}` : '';
  const expiresIn = o.expiresInS ?? 900;
  return {
    async link(key, filename) {
      const now = o.now?.() ?? new Date();
      const path = `${prefix}/${key.split('/').map(rfc3986).join('/')}`;
      const host = base.host;
      const signed = await signer.presign(
        {
          method: 'GET',
          protocol: base.protocol,
          hostname: base.hostname,
          ...(base.port ? { port: Number(base.port) } : {}),
          path,
          query: { 'response-content-disposition': `attachment; filename="${filename}"` },
          headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        },
        { expiresIn, signingDate: now },
      );
      const query = Object.entries(signed.query ?? {})
        .map(([k, v]) => `${rfc3986(k)}=${rfc3986(String(v ?? ''))}`)
        .join('&');
      return {
        url: `${base.protocol}//${host}${path}?${query}`,
        expiresAt: new Date(now.getTime() + expiresIn * 1000).toISOString(),
      };
    },
  };
}
