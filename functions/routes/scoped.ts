/**
 * What the access layer found for a route's declaration (functions/middleware/access.ts), for
 * its handler. The handler runs only when it was found, so a miss here is a route declaring one
 * thing and reading another: a bug, answered 500 and logged.
 */
import type { Context } from 'hono';
import type { AppEnv, Scope } from '../deps.ts';
import type { ApiKeyRecord } from '../model.ts';

export class UndeclaredScopeError extends Error {
  override readonly name = 'UndeclaredScopeError';
  constructor(what: string) {
    super(`the route reads a ${what} its declaration does not find`);
  }
}

function found<K extends keyof Scope>(c: Context<AppEnv>, what: K): NonNullable<Scope[K]> {
  const value = c.get('scope')[what];
  if (value === undefined) throw new UndeclaredScopeError(what);
  return value as NonNullable<Scope[K]>;
}

export const scopedTerritory = (c: Context<AppEnv>) => found(c, 'territory');
export const scopedSurvey = (c: Context<AppEnv>) => ({ survey: found(c, 'survey'), territory: found(c, 'territory') });
export const scopedSuggestion = (c: Context<AppEnv>) => found(c, 'suggestion');
export const scopedResponse = (c: Context<AppEnv>) => found(c, 'response');

/** The key calling a keyed route. */
export function callerKey(c: Context<AppEnv>): ApiKeyRecord {
  const caller = c.get('caller');
  if (caller.kind !== 'key') throw new UndeclaredScopeError('key');
  return caller.key;
}
