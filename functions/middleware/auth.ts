/** Who is calling: the operator, a territory's key, nobody, or a key that is no key (malformed, unknown, revoked). */
import type { Caller, PublicDeps } from '../deps.ts';
import { log } from '../log.ts';
import type { ApiKeyRecord } from '../model.ts';
import { sameSecret, sha256 } from '../security.ts';

export async function callerOf(deps: PublicDeps, header: string | undefined): Promise<Caller> {
  const m = /^Bearer\s+(\S{8,200})$/i.exec(header ?? '');
  if (!m?.[1]) {
    if (header !== undefined) return { kind: 'invalid', reason: 'the Authorization header must be "Bearer KEY"' };
    return { kind: 'anonymous' };
  }
  const key = m[1];
  if (sameSecret(key, deps.config.operatorKey)) return { kind: 'operator' };
  const hash = sha256(key);
  const record = await deps.stores.territories.keyByHash(hash);
  if (!record) return { kind: 'invalid', reason: 'this key is unknown or revoked' };
  await noteUse(deps, hash, record);
  return { kind: 'key', key: record };
}

const HOUR_MS = 3_600_000;

/**
 * Keeps `lastUsedAt` within the hour for the admins' list of keys: a write only when the
 * recorded use is older than an hour (conditional, so concurrent requests write once). It is
 * bookkeeping: a failure is logged and the request goes on.
 */
async function noteUse(deps: PublicDeps, hash: string, record: ApiKeyRecord): Promise<void> {
  const now = deps.now();
  const since = new Date(now.getTime() - HOUR_MS).toISOString();
  if (record.lastUsedAt && record.lastUsedAt >= since) return;
  try {
    await deps.stores.territories.touchKey(hash, now.toISOString(), since);
  } catch (e) {
    log('warn', 'key use not recorded', { name: e instanceof Error ? e.name : 'unknown' });
  }
}
