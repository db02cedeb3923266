/**
 * The public routes' dependencies from settings, and the deployment's settings from its
 * environment: all the public Lambda builds at start-up (runtime.ts adds the staff's).
 */
import type { Context } from 'hono';
import { ORIGIN_MAX_LENGTH, ORIGIN_MESSAGE, originOf } from '#analytics/origin.ts';
import { DEFAULT_REQUEST_BUDGET_MS } from './store/deadline.ts';
import { createDb, type Db } from './store/dynamo.ts';
import type { ClientLimits, PublicDeps } from './deps.ts';
import { createPublicStores } from './public-stores.ts';
import { deriveSecret } from './security.ts';
import { silentNotifier, type Notifier } from './notifier.ts';

export const DEFAULT_CLIENT_LIMITS: ClientLimits = { submissionsPerMinute: 60, lookupsPerMinute: 30 };

export interface PublicSettings {
  table: string;
  operatorKey: string;
  dynamoEndpoint?: string;
  /** The HMAC secret, kept with the data (a file locally, its own secret on AWS); absent: derived from the operator key. */
  secret?: string;
  dbTimeoutMs?: number;
  /** A request's time for all its database calls (DEFAULT_REQUEST_BUDGET_MS unless said). */
  requestBudgetMs?: number;
  clientAddress: (c: Context) => string;
  requestId?: (c: Context) => string | undefined;
  now?: () => Date;
  notifier?: Notifier;
  appOrigins?: readonly string[];
  clientLimits?: Partial<ClientLimits>;
}

export const settingsDb = (s: PublicSettings): Db =>
  createDb({ table: s.table, endpoint: s.dynamoEndpoint, timeoutMs: s.dbTimeoutMs });

export function buildPublicDeps<S extends PublicDeps['stores']>(
  s: PublicSettings,
  db: Db,
  stores: S,
): PublicDeps & { stores: S } {
  return {
    db,
    config: {
      operatorKey: s.operatorKey,
      secret: s.secret ?? deriveSecret(s.operatorKey),
      appOrigins: s.appOrigins ?? [],
      clientLimits: { ...DEFAULT_CLIENT_LIMITS, ...s.clientLimits },
      formerSecrets: [deriveSecret(s.operatorKey)],
      requestBudgetMs: s.requestBudgetMs ?? DEFAULT_REQUEST_BUDGET_MS,
    },
    stores,
    clientAddress: s.clientAddress,
    requestId: s.requestId,
    now: s.now ?? (() => new Date()),
    notifier: s.notifier ?? silentNotifier,
  };
}

/** The public routes' dependencies: their stores only. */
export function publicDeps(s: PublicSettings, db: Db = settingsDb(s)): PublicDeps {
  return buildPublicDeps(s, db, createPublicStores(db));
}

type Env = Record<string, string | undefined>;

/** A whole number from `min` to `max` in `env[name]`, if set; a problem, named, otherwise. */
function wholeNumber(env: Env, name: string, min: number, max: number, problems: string[]): number | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const n = raw.trim() === '' ? Number.NaN : Number(raw);
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  problems.push(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
  return undefined;
}

/** The comma-separated origins of `env[name]`, blanks ignored; each one that is not an origin, named. */
function origins(env: Env, name: string, problems: string[]): string[] {
  const list = (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const found = list.map((s) => (s.length <= ORIGIN_MAX_LENGTH ? originOf(s) : undefined));
  found.forEach((o, i) => {
    if (o === undefined) problems.push(`${name}.${i}: ${ORIGIN_MESSAGE}`);
  });
  return found.filter((o) => o !== undefined);
}

/**
 * The deployment's settings from its environment: `ECOUTE_APP_ORIGINS` (comma-separated origins
 * of its own pages), `ECOUTE_CLIENT_SUBMISSIONS_PER_MINUTE`, `ECOUTE_CLIENT_LOOKUPS_PER_MINUTE` and
 * `ECOUTE_REQUEST_BUDGET_MS` (the stack sets it 2 s short of the API function's timeout).
 * A wrong value stops the start, with the variable named, rather than serving with a guess.
 */
export function deploymentSettings(env: Record<string, string | undefined>) {
  const problems: string[] = [];
  const appOrigins = origins(env, 'ECOUTE_APP_ORIGINS', problems);
  const submissions = wholeNumber(env, 'ECOUTE_CLIENT_SUBMISSIONS_PER_MINUTE', 1, 1_000_000, problems);
  const lookups = wholeNumber(env, 'ECOUTE_CLIENT_LOOKUPS_PER_MINUTE', 1, 1_000_000, problems);
  const budget = wholeNumber(env, 'ECOUTE_REQUEST_BUDGET_MS', 100, 900_000, problems);
  if (problems.length) throw new Error(`bad deployment setting: ${problems.join('; ')}`);
  return {
    appOrigins,
    clientLimits: {
      ...(submissions && { submissionsPerMinute: submissions }),
      ...(lookups && { lookupsPerMinute: lookups }),
    },
    ...(budget && { requestBudgetMs: budget }),
  } satisfies Pick<PublicSettings, 'appOrigins' | 'clientLimits' | 'requestBudgetMs'>;
}
