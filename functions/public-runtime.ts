/**
 * The public routes' dependencies from settings, and the deployment's settings from its
 * environment: all the public Lambda builds at start-up (runtime.ts adds the staff's).
 */
import type { Context } from 'hono';
import * as z from '#analytics/zod.ts';
import { DEFAULT_REQUEST_BUDGET_MS } from './store/deadline.ts';
import { createDb, type Db } from './store/dynamo.ts';
import type { ClientLimits, PublicDeps } from './deps.ts';
import { createPublicStores } from './public-stores.ts';
import { Origin } from './model.ts';
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

const PerMinute = z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000)));
const DeploymentEnv = z.object({
  ECOUTE_APP_ORIGINS: z.pipe(
    z.pipe(
      z.optional(z.string()),
      z.transform((list: string | undefined) =>
        (list ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ),
    z.array(Origin),
  ),
  ECOUTE_CLIENT_SUBMISSIONS_PER_MINUTE: PerMinute,
  ECOUTE_CLIENT_LOOKUPS_PER_MINUTE: PerMinute,
  ECOUTE_REQUEST_BUDGET_MS: z.optional(z.coerce.number().check(z.int(), z.minimum(100), z.maximum(900_000))),
});

/**
 * The deployment's settings from its environment: `ECOUTE_APP_ORIGINS` (comma-separated origins
 * of its own pages), `ECOUTE_CLIENT_SUBMISSIONS_PER_MINUTE`, `ECOUTE_CLIENT_LOOKUPS_PER_MINUTE` and
 * `ECOUTE_REQUEST_BUDGET_MS` (the stack sets it 2 s short of the API function's timeout).
 * A wrong value stops the start, with the variable named, rather than serving with a guess.
 */
export function deploymentSettings(env: Record<string, string | undefined>) {
  const parsed = DeploymentEnv.safeParse(env);
  if (!parsed.success)
    throw new Error(
      `bad deployment setting: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const e = parsed.data;
  return {
    appOrigins: e.ECOUTE_APP_ORIGINS,
    clientLimits: {
      ...(e.ECOUTE_CLIENT_SUBMISSIONS_PER_MINUTE && { submissionsPerMinute: e.ECOUTE_CLIENT_SUBMISSIONS_PER_MINUTE }),
      ...(e.ECOUTE_CLIENT_LOOKUPS_PER_MINUTE && { lookupsPerMinute: e.ECOUTE_CLIENT_LOOKUPS_PER_MINUTE }),
    },
    ...(e.ECOUTE_REQUEST_BUDGET_MS && { requestBudgetMs: e.ECOUTE_REQUEST_BUDGET_MS }),
  } satisfies Pick<PublicSettings, 'appOrigins' | 'clientLimits' | 'requestBudgetMs'>;
}
