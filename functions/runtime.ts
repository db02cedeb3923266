/** Builds the app's dependencies from settings: the same for Lambda, the local server and tests. */
import type { Context } from 'hono';
import { createDb, type Db } from './store/dynamo.ts';
import { createStores, type Deps, type Work } from './deps.ts';
import { deriveSecret } from './security.ts';
import { silentNotifier, type Notifier } from './notifier.ts';

export interface RuntimeSettings {
  table: string;
  operatorKey: string;
  dynamoEndpoint?: string;
  secret?: string;
  dbTimeoutMs?: number;
  clientAddress: (c: Context) => string;
  requestId?: (c: Context) => string | undefined;
  now?: () => Date;
  notifier?: Notifier;
  work?: Work;
}

export function buildDeps(
  s: RuntimeSettings,
  db: Db = createDb({ table: s.table, endpoint: s.dynamoEndpoint, timeoutMs: s.dbTimeoutMs }),
  /** The stores, when the work queue's worker shares them. */
  stores = createStores(db),
): Deps {
  return {
    db,
    config: { operatorKey: s.operatorKey, secret: s.secret ?? deriveSecret(s.operatorKey) },
    stores,
    clientAddress: s.clientAddress,
    requestId: s.requestId,
    now: s.now ?? (() => new Date()),
    notifier: s.notifier ?? silentNotifier,
    ...(s.work ? { work: s.work } : {}),
  };
}
