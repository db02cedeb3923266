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

/** A Lambda's own role credentials, which Lambda puts in its environment (they outlive a link's 15 minutes). */
export const environmentCredentials = async (): Promise<Credentials> => ({
  accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '',
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
  sessionToken: process.env.AWS_SESSION_TOKEN,
});

/** RFC 3986, as the signer escapes query values. */
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Where a bucket's objects are addressed, and the signer for them: shared by the links and by plain signed requests. */
export interface S3Target {
  bucket: string;
  region: string;
  /** s3rver, or any endpoint in place of S3's (path-style addresses then). */
  endpoint?: string;
  credentials: Credentials | (() => Promise<Credentials>);
}

export function s3Signing(o: S3Target) {
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
  return {
    signer,
    base,
    /** The request's address parts for `key`, as the signer takes them. */
    target: (key: string) => ({
      protocol: base.protocol,
      hostname: base.hostname,
      ...(base.port ? { port: Number(base.port) } : {}),
      path: `${prefix}/${key.split('/').map(rfc3986).join('/')}`,
    }),
  };
}

export function fileLinks(
  o: S3Target & {
    expiresInS?: number;
    now?: () => Date;
  },
): FileLinks {
  const { signer, base, target } = s3Signing(o);
  const expiresIn = o.expiresInS ?? 900;
  return {
    async link(key, filename) {
      const now = o.now?.() ?? new Date();
      const host = base.host;
      const where = target(key);
      const signed = await signer.presign(
        {
          method: 'GET',
          ...where,
          query: { 'response-content-disposition': `attachment; filename="${filename}"` },
          headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        },
        { expiresIn, signingDate: now },
      );
      const query = Object.entries(signed.query ?? {})
        .map(([k, v]) => `${rfc3986(k)}=${rfc3986(String(v ?? ''))}`)
        .join('&');
      return {
        url: `${base.protocol}//${host}${where.path}?${query}`,
        expiresAt: new Date(now.getTime() + expiresIn * 1000).toISOString(),
      };
    },
  };
}
