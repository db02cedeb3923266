/** Who is calling: the operator, a territory's key, or nobody; and the role checks on top. */
import type { Context, MiddlewareHandler } from 'hono';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.ts';
import type { AppEnv, Caller, Deps } from '../deps.ts';
import type { ApiKeyRecord, Role } from '../model.ts';
import { log } from '../log.ts';
import { sameSecret, sha256 } from '../security.ts';

export function identify(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('caller', await callerOf(deps, c.req.header('authorization')));
    await next();
  };
}

async function callerOf(deps: Deps, header: string | undefined): Promise<Caller> {
  const m = /^Bearer\s+(\S{8,200})$/i.exec(header ?? '');
  if (!m?.[1]) {
    if (header !== undefined) throw new UnauthorizedError('the Authorization header must be "Bearer KEY"');
    return { kind: 'anonymous' };
  }
  const key = m[1];
  if (sameSecret(key, deps.config.operatorKey)) return { kind: 'operator' };
  const hash = sha256(key);
  const record = await deps.stores.territories.keyByHash(hash);
  if (!record) throw new UnauthorizedError('this key is unknown or revoked');
  await noteUse(deps, hash, record);
  return { kind: 'key', key: record };
}

const HOUR_MS = 3_600_000;

/**
 * Keeps `lastUsedAt` within the hour for the admins' list of keys: a write only when the
 * recorded use is older than an hour (conditional, so concurrent requests write once). It is
 * bookkeeping: a failure is logged and the request goes on.
 */
async function noteUse(deps: Deps, hash: string, record: ApiKeyRecord): Promise<void> {
  const now = deps.now();
  const since = new Date(now.getTime() - HOUR_MS).toISOString();
  if (record.lastUsedAt && record.lastUsedAt >= since) return;
  try {
    await deps.stores.territories.touchKey(hash, now.toISOString(), since);
  } catch (e) {
    log('warn', 'key use not recorded', { name: e instanceof Error ? e.name : 'unknown' });
  }
}

export function requireOperator(c: Context<AppEnv>): void {
  const caller = c.get('caller');
  if (caller.kind === 'anonymous') throw new UnauthorizedError();
  if (caller.kind !== 'operator') throw new ForbiddenError('only the operator key may do this');
}

/**
 * The caller must hold one of `roles` in `territory`. Another territory's key gets 404 for
 * `what`, as if the thing did not exist.
 */
export function requireRole(c: Context<AppEnv>, territory: string, roles: Role[], what: string): ApiKeyRecord {
  const caller = c.get('caller');
  if (caller.kind === 'anonymous') throw new UnauthorizedError();
  if (caller.kind === 'operator') throw new ForbiddenError('the operator key creates territories; use a territory key');
  if (caller.key.territory !== territory) throw new NotFoundError(what);
  if (!roles.includes(caller.key.role))
    throw new ForbiddenError(`this needs the ${roles.join(' or ')} role; this key is ${caller.key.role}`);
  return caller.key;
}
