/**
 * The whole product on one machine with the real components: DynamoDB Local and s3rver under
 * a data folder, the Hono app on @hono/node-server (API, widget script, staff console), and a
 * second origin serving the demo host pages, so the widget crosses origins as it does in the
 * field. `npm start` and the end-to-end tests both run this.
 */
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createApp } from '../app.ts';
import { fileNotifier } from '../notifier.ts';
import { nightlyRenderers } from '../report-renderers.ts';
import { createStores } from '../deps.ts';
import { buildDeps } from '../runtime.ts';
import { createDb, ensureTable } from '../store/dynamo.ts';
import { createReportFiles, ensureBucket } from '../store/reports.ts';
import { freePort, startDynamoLocal, startS3Local } from './stack.ts';
import { hostPagesApp, localPagesApp } from './pages.ts';
import { seedDemo, type DemoSeed } from './seed.ts';
import { startNightlyTimer } from './timer.ts';
import { startLocalWork } from './work.ts';

export interface ProductOptions {
  dataDir: string;
  port?: number;
  hostPort?: number;
  operatorKey?: string;
  /** Synthetic history for the demo survey (days back from today); 0 for none. */
  demoHistoryDays?: number;
  /** Milliseconds before a DynamoDB call is abandoned (503 then). */
  dbTimeoutMs?: number;
}

export interface Product {
  apiUrl: string;
  hostUrl: string;
  operatorKey: string;
  demo: DemoSeed;
  dynamo: { stop(): Promise<void>; start(): Promise<void> };
  stop(): Promise<void>;
}

export const TABLE = 'ecoute';
export const REPORTS_BUCKET = 'ecoute-reports';
export const EXPORTS_BUCKET = 'ecoute-exports';

function operatorKeyFor(dataDir: string, given: string | undefined): string {
  if (given) return given;
  const file = join(dataDir, 'operator-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = `operator_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

function listen(
  fetch: (req: Request, env: unknown) => Response | Promise<Response>,
  port: number,
): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(server));
  });
}

const close = (s: ServerType) => new Promise<void>((r) => s.close(() => r()));

export async function startProduct(o: ProductOptions): Promise<Product> {
  mkdirSync(o.dataDir, { recursive: true });
  const port = o.port ?? (await freePort());
  const hostPort = o.hostPort ?? (await freePort());
  const apiUrl = `http://127.0.0.1:${port}`;
  const hostUrl = `http://localhost:${hostPort}`;
  const operatorKey = operatorKeyFor(o.dataDir, o.operatorKey);

  const dynamoDir = join(o.dataDir, 'dynamodb');
  let dynamo = await startDynamoLocal({ dbPath: dynamoDir });
  const dynamoPort = dynamo.port;
  const s3 = await startS3Local(join(o.dataDir, 's3'));
  const db = createDb({ table: TABLE, endpoint: dynamo.endpoint, timeoutMs: o.dbTimeoutMs ?? 2000 });
  const files = createReportFiles({ bucket: REPORTS_BUCKET, endpoint: s3.endpoint });
  await ensureTable(db);
  await ensureBucket(files);

  const stores = createStores(db);
  const now = () => new Date();
  const work = await startLocalWork({
    stores,
    now,
    s3Endpoint: s3.endpoint,
    bucket: EXPORTS_BUCKET,
    reports: { files, renderers: nightlyRenderers },
  });
  const deps = buildDeps(
    {
      table: TABLE,
      operatorKey,
      clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
      notifier: fileNotifier(join(o.dataDir, 'notifications.jsonl')),
      now,
      work,
    },
    db,
    stores,
  );
  const app = createApp(deps);
  app.route('/', localPagesApp({ apiUrl, hostUrl }));
  const api = await listen(app.fetch, port);

  const demo = await seedDemo({
    app,
    deps,
    dataDir: o.dataDir,
    operatorKey,
    hostOrigin: hostUrl,
    historyDays: o.demoHistoryDays ?? 400,
  });
  const host = await listen(hostPagesApp({ apiUrl, demo }).fetch, hostPort);
  const timer = startNightlyTimer({ stores, now, queue: work.queue });

  return {
    apiUrl,
    hostUrl,
    operatorKey,
    demo,
    dynamo: {
      stop: () => dynamo.stop(),
      async start() {
        dynamo = await startDynamoLocal({ dbPath: dynamoDir, port: dynamoPort });
      },
    },
    async stop() {
      await timer.stop();
      await work.queue.stop();
      await Promise.all([close(api), close(host)]);
      await Promise.all([dynamo.stop(), s3.stop()]);
    },
  };
}
