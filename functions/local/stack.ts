/**
 * The local stack's real components: DynamoDB Local (AWS's emulator, the jar shipped in the
 * amplify-dynamodb-simulator package, run on Java 17+) and s3rver for the S3 API. Used by
 * `npm start`, the tests and the benchmarks alike, so what is tested is what runs. Both listen
 * on 127.0.0.1 only: neither has any authentication, so another machine must not reach them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import S3rver from 's3rver';
import { endLeftoverDynamo, rememberDynamo } from './leftover.ts';

const require = createRequire(import.meta.url);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
}

export interface RunningService {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface DynamoLocalOptions {
  /** Folder for the database file; omitted means in memory. */
  dbPath?: string;
  port?: number;
}

/** The only address the local services listen on. */
export const LOOPBACK = '127.0.0.1';

function dynamoJarFolder(): string {
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

/**
 * The jar (1.25) has no option for the address and listens on every interface: it is started
 * through Jetty's XmlConfiguration with dynamodb-loopback.xml, which sets the address before
 * the server opens. Without `-cors` it allows no origin, so no web page a developer visits can
 * reach the database through their browser either (exposure.test.ts checks both).
 */
function dynamoArgs(port: number, dbPath: string | undefined): string[] {
  if (dbPath?.includes('\t')) throw new Error(`DynamoDB Local: the data folder's path may not hold a tab: ${dbPath}`);
  const folder = dynamoJarFolder();
  const cli = ['-port', String(port), '-sharedDb', '-disableTelemetry'];
  cli.push(...(dbPath ? ['-dbPath', dbPath] : ['-inMemory']));
  return [
    `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
    '-Xms64m',
    '-cp',
    join(folder, 'DynamoDBLocal.jar'),
    'org.eclipse.jetty.xml.XmlConfiguration',
    `dynamo.args=${cli.join('\t')}`,
    `dynamo.host=${LOOPBACK}`,
    join(dirname(fileURLToPath(import.meta.url)), 'dynamodb-loopback.xml'),
  ];
}

/** Starts DynamoDB Local and resolves once it answers. */
export async function startDynamoLocal(
  options: DynamoLocalOptions = {},
): Promise<RunningService & { process: ChildProcess }> {
  const port = options.port ?? (await freePort());
  if (options.dbPath) {
    mkdirSync(options.dbPath, { recursive: true, mode: 0o700 });
    await endLeftoverDynamo(options.dbPath);
  }
  // A process group of its own: Ctrl-C in the terminal signals the whole foreground group, and
  // Java would die at once under a night or a back-fill still writing. The start stops it itself,
  // after the work queue has drained (product.ts), and the guard below ends it if node exits.
  const child = spawn('java', dynamoArgs(port, options.dbPath), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  if (options.dbPath) rememberDynamo(options.dbPath, child.pid);
  // Whatever ends this process (an uncaught error, process.exit), Java does not outlive it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  child.once('exit', () => process.removeListener('exit', orphanGuard));
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const endpoint = `http://${LOOPBACK}:${port}`;
  const answers = async () => {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited: ${output.slice(-500)}`);
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        authorization:
          'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: '{}',
    });
    return res.ok;
  };
  try {
    await waitFor(answers, 'DynamoDB Local');
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    endpoint,
    port,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Starts s3rver storing under `directory`. */
export async function startS3Local(directory: string, port?: number): Promise<RunningService> {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const server = new S3rver({ port: port ?? (await freePort()), address: LOOPBACK, directory, silent: true });
  const addr = await server.run();
  return {
    endpoint: `http://${LOOPBACK}:${addr.port}`,
    port: addr.port,
    stop: () => server.close(),
  };
}
