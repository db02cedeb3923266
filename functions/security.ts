/**
 * Secrets handling: keys are random and only their SHA-256 is stored; receipts, client
 * identities and open-data references are HMACs under the HMAC secret (each with its own
 * prefix), so neither a receipt nor an IP address is ever stored, and comparisons run in
 * constant time. The HMAC secret is kept with the data and never rotated with the operator key:
 * a receipt must work as long as its response exists.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A new API key: 256 random bits, prefixed so a leaked key is recognisable in a scan. */
export const newApiKey = () => `ecoute_${randomBytes(32).toString('base64url')}`;
export const newKeyId = () => randomBytes(9).toString('base64url');

export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

const hmac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest();

/**
 * The erasure receipt of a response: derivable by us only, so it needs no storage. A response
 * stored beside another territory's with the same id (store/responses.ts) has its territory in
 * its receipt, so neither receipt erases the other.
 */
export const receiptFor = (secret: string, responseId: string, besideIn?: string) =>
  hmac(secret, `receipt|${besideIn === undefined ? '' : `${besideIn}|`}${responseId.toUpperCase()}`)
    .subarray(0, 24)
    .toString('base64url');

export interface ReceiptSecrets {
  secret: string;
  /** Secrets that signed receipts before (see deriveSecret): still accepted. */
  formerSecrets: readonly string[];
}

/** Whether a receipt is this response's under the secret or a former one; every secret is tried, in constant time. */
export function receiptMatches(
  secrets: ReceiptSecrets,
  responseId: string,
  receipt: string,
  besideIn?: string,
): boolean {
  const given = Buffer.from(receipt);
  let matches = false;
  for (const secret of [secrets.secret, ...secrets.formerSecrets]) {
    const expected = Buffer.from(receiptFor(secret, responseId, besideIn));
    matches = (expected.length === given.length && timingSafeEqual(expected, given)) || matches;
  }
  return matches;
}

/**
 * A client's identity for the submission limits: an HMAC of its address that changes every
 * day, so no raw address is stored and no address can be followed across days.
 */
export const clientIdentity = (secret: string, address: string, day: string) =>
  hmac(secret, `client|${day}|${address}`).subarray(0, 16).toString('hex');

/**
 * The secret derived from the operator key, which signed receipts before they had a secret of
 * their own: still accepted for them (until the operator key changes), and the HMAC secret
 * where none is given (tests).
 */
export const deriveSecret = (operatorKey: string) => hmac(operatorKey, 'ecoute-deployment-secret').toString('hex');

/** A stable fingerprint of a JSON value with sorted keys: "a deep-equal body". */
export function canonicalHash(value: unknown): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return sha256(JSON.stringify(canon(value)));
}
