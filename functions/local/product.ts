/**
 * The whole product on one machine with the real components: DynamoDB Local and s3rver under
 * a data folder, the Hono app on @hono/node-server (API, widget script, staff console), and a
 * second origin serving the demo host pages, so the widget crosses origins as it does in the
 * field. `npm start` and the end-to-end tests both run this.
 */
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createApp } from '../app.ts';
import { fileNotifier } from '../notifier.ts';
import { nightlyRenderers } from '../report-renderers.ts';
import { createStores } from '../deps.ts';
import { buildDeps } from '../runtime.ts';
import { createDb, ensureTable } from '../store/dynamo.ts';
import { S3RVER_CREDENTIALS, createReportFiles, ensureBucket } from '../store/reports.ts';
import { publicFiles, SurveyPublisher } from '../store/public-surveys.ts';
import { keptValue, prepareDataDir } from './data-dir.ts';
import { freePort, LOOPBACK, startDynamoLocal, startS3Local } from './stack.ts';
import { hostPagesApp, localPagesApp } from './pages.ts';
import { DEMO_SURVEY_ID, DEMO_TERRITORY, seedDemo, type DemoSeed } from './seed.ts';
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
  /** Told what a long start is doing (seeding), for the person waiting. */
  progress?: (message: string) => void;
  /** Aborting stops the start where it is and stops what it had started. */
  signal?: AbortSignal;
}

export interface Product {
  apiUrl: string;
  hostUrl: string;
  operatorKey: string;
  /** The demo territory; undefined when seeding failed this time (`seedFailure` says why; the next start carries on). */
  demo: DemoSeed | undefined;
  seedFailure?: string;
  /** Where DynamoDB Local and s3rver listen (on the loopback address only). */
  endpoints: { dynamo: string; s3: string };
  dynamo: { stop(): Promise<void>; start(): Promise<void> };
  stop(): Promise<void>;
}

export const TABLE = 'ecoute';
export const REPORTS_BUCKET = 'ecoute-reports';
export const EXPORTS_BUCKET = 'ecoute-exports';
/** The widget's bucket, of which the local server serves `surveys/` as CloudFront does (pages.ts). */
export const WIDGET_BUCKET = 'ecoute-widget';

const operatorKeyFor = (dataDir: string, given: string | undefined) =>
  given ?? keptValue(join(dataDir, 'operator-key'), () => `operator_${randomBytes(24).toString('base64url')}`);

/** The HMAC secret behind receipts: made once, kept with the data, never changed with the operator key. */
const hmacSecretOf = (dataDir: string) =>
  keptValue(join(dataDir, 'hmac-secret'), () => randomBytes(32).toString('hex'));

function listen(
  fetch: (req: Request, env: unknown) => Response | Promise<Response>,
  port: number,
): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port, hostname: LOOPBACK }, () => resolve(server));
  });
}

const close = (s: ServerType) => new Promise<void>((r) => s.close(() => r()));

/**
 * Starts everything, seeds the demo on a first start, and only then opens the ports: once the
 * API answers, it is ready. A seeding failure is reported (`seedFailure`) and the product
 * serves without its demo; any other failure, or an abort, stops what had started.
 */
export async function startProduct(o: ProductOptions): Promise<Product> {
  prepareDataDir(o.dataDir);
  const port = o.port ?? (await freePort());
  const hostPort = o.hostPort ?? (await freePort());
  const apiUrl = `http://${LOOPBACK}:${port}`;
  const hostUrl = `http://localhost:${hostPort}`;
  const operatorKey = operatorKeyFor(o.dataDir, o.operatorKey);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };

  try {
    const dynamoDir = join(o.dataDir, 'dynamodb');
    let dynamo = await startDynamoLocal({ dbPath: dynamoDir });
    stops.push(() => dynamo.stop());
    const dynamoPort = dynamo.port;
    const s3 = await startS3Local(join(o.dataDir, 's3'));
    stops.push(() => s3.stop());
    o.signal?.throwIfAborted();
    const db = createDb({ table: TABLE, endpoint: dynamo.endpoint, timeoutMs: o.dbTimeoutMs ?? 2000 });
    const files = createReportFiles({ bucket: REPORTS_BUCKET, endpoint: s3.endpoint });
    await ensureTable(db);
    await ensureBucket(files);
    await ensureBucket(createReportFiles({ bucket: WIDGET_BUCKET, endpoint: s3.endpoint }));
    const surveyFiles = publicFiles({
      bucket: WIDGET_BUCKET,
      region: 'eu-west-3',
      endpoint: s3.endpoint,
      credentials: S3RVER_CREDENTIALS,
      // Serving a page's widget from a busy laptop: no request budget to keep here, unlike a Lambda's.
      timeoutMs: 10_000,
    });

    const stores = createStores(db);
    const now = () => new Date();
    // The local stand-in for SQS and the worker Lambda: back-fills, exports and each territory's night.
    const work = await startLocalWork({
      stores,
      now,
      s3Endpoint: s3.endpoint,
      bucket: EXPORTS_BUCKET,
      reports: { files, renderers: nightlyRenderers, publisher: new SurveyPublisher(surveyFiles, stores.surveys) },
    });
    stops.push(() => work.queue.stop());
    const deps = buildDeps(
      {
        table: TABLE,
        operatorKey,
        secret: hmacSecretOf(o.dataDir),
        clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
        notifier: fileNotifier(join(o.dataDir, 'notifications.jsonl')),
        now,
        work,
        publicFiles: surveyFiles,
        // No gateway ends a local request at 10 s, and a busy laptop's DynamoDB Local is slower
        // than the real one: a minute, not the Lambda's 8 s, before a request gives up with a 503.
        requestBudgetMs: 60_000,
      },
      db,
      stores,
    );
    const app = createApp(deps);
    app.route('/', localPagesApp({ apiUrl, hostUrl, surveyFiles }));

    let demo: DemoSeed | undefined;
    let seedFailure: string | undefined;
    try {
      demo = await seedDemo({
        app,
        // Bulk writes on a busy laptop may take longer than an API request is allowed to: seeding waits.
        deps: {
          ...deps,
          stores: createStores(createDb({ table: TABLE, endpoint: dynamo.endpoint, timeoutMs: 30_000 })),
        },
        dataDir: o.dataDir,
        operatorKey,
        hostOrigin: hostUrl,
        historyDays: o.demoHistoryDays ?? 400,
        progress: o.progress,
        signal: o.signal,
      });
    } catch (e) {
      if (o.signal?.aborted) throw e;
      seedFailure = e instanceof Error ? e.message : String(e);
    }
    o.signal?.throwIfAborted();

    const api = await listen(app.fetch, port);
    stops.push(() => close(api));
    const pages = demo ?? { territory: DEMO_TERRITORY, surveyId: DEMO_SURVEY_ID };
    const host = await listen(hostPagesApp({ apiUrl, demo: pages }).fetch, hostPort);
    stops.push(() => close(host));
    const timer = startNightlyTimer({ stores, now, queue: work.queue });
    stops.push(() => timer.stop());

    return {
      apiUrl,
      hostUrl,
      operatorKey,
      demo,
      ...(seedFailure && { seedFailure }),
      endpoints: { dynamo: dynamo.endpoint, s3: s3.endpoint },
      dynamo: {
        stop: () => dynamo.stop(),
        async start() {
          dynamo = await startDynamoLocal({ dbPath: dynamoDir, port: dynamoPort });
        },
      },
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
