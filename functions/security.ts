/**
 * Secrets handling: keys are random and only their SHA-256 is stored; receipts and client
 * identities are HMACs under the deployment's secret, so neither a receipt nor an IP address
 * is ever stored, and comparisons run in constant time.
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

export function receiptMatches(secret: string, responseId: string, receipt: string, besideIn?: string): boolean {
  const expected = Buffer.from(receiptFor(secret, responseId, besideIn));
  const given = Buffer.from(receipt);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A client's identity for the submission limits: an HMAC of its address that changes every
 * day, so no raw address is stored and no address can be followed across days.
 */
export const clientIdentity = (secret: string, address: string, day: string) =>
  hmac(secret, `client|${day}|${address}`).subarray(0, 16).toString('hex');

/** The deployment secret: given, or derived from the operator key. */
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
