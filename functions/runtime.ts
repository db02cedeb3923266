/** Builds the app's dependencies from settings: the same for Lambda, the local server and tests. */
import type { Context } from 'hono';
import { createDb, type Db } from './store/dynamo.ts';
import { createStores, type Deps } from './deps.ts';
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
  /** Where the hosted survey pages are served from (the widget's distribution), if not the API's own origin. */
  pageOrigins?: readonly string[];
}

export function buildDeps(
  s: RuntimeSettings,
  db: Db = createDb({ table: s.table, endpoint: s.dynamoEndpoint, timeoutMs: s.dbTimeoutMs }),
): Deps {
  return {
    db,
    config: {
      operatorKey: s.operatorKey,
      secret: s.secret ?? deriveSecret(s.operatorKey),
      pageOrigins: s.pageOrigins ?? [],
    },
    stores: createStores(db),
    clientAddress: s.clientAddress,
    requestId: s.requestId,
    now: s.now ?? (() => new Date()),
    notifier: s.notifier ?? silentNotifier,
  };
}
