/** Who is calling: the operator, a territory's key, nobody, or a key that is no key (malformed, unknown, revoked). */
import type { Caller, Deps } from '../deps.ts';
import { sameSecret, sha256 } from '../security.ts';

export async function callerOf(deps: Deps, header: string | undefined): Promise<Caller> {
  const m = /^Bearer\s+(\S{8,200})$/i.exec(header ?? '');
  if (!m?.[1]) {
    if (header !== undefined) return { kind: 'invalid', reason: 'the Authorization header must be "Bearer KEY"' };
    return { kind: 'anonymous' };
  }
  const key = m[1];
  if (sameSecret(key, deps.config.operatorKey)) return { kind: 'operator' };
  const record = await deps.stores.territories.keyByHash(sha256(key));
  if (!record) return { kind: 'invalid', reason: 'this key is unknown or revoked' };
  return { kind: 'key', key: record };
}
