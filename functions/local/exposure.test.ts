/**
 * `npm start` on a laptop in a café: nothing it runs may be reached from another machine
 * (DynamoDB Local and s3rver have no authentication at all), and the data folder, which holds
 * residents' answers and e-mails, is its owner's alone.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalProduct } from '../testing/product.ts';

type Product = Awaited<ReturnType<typeof startLocalProduct>>;

/**
 * The addresses of this machine that are not loopback. A machine without any (a sandbox with
 * loopback only) is tested through 127.0.0.2: another address, which a socket bound to
 * 127.0.0.1 alone refuses just the same.
 */
function otherAddresses(): string[] {
  const found = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && !a.address.startsWith('fe80'))
    .map((a) => a!.address);
  return found.length > 0 ? found : ['127.0.0.2'];
}

/** Whether a TCP connection to the address and port is accepted. */
function reaches(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const portOf = (url: string) => Number(new URL(url).port);

describe('npm start listens on the loopback address only', () => {
  let product: Product;
  beforeAll(async () => {
    product = await startLocalProduct();
  });
  afterAll(() => product.stop());

  it.each(otherAddresses())(
    'refuses DynamoDB Local, s3rver, the API and the host pages through %s',
    async (address) => {
      // The control: a socket on every interface is reachable through this address.
      const control = createServer().listen(0, '::');
      await new Promise((r) => control.once('listening', r));
      const controlPort = (control.address() as { port: number }).port;
      try {
        expect(await reaches(address, controlPort)).toBe(true);
      } finally {
        control.close();
      }
      const services = {
        dynamo: product.endpoints.dynamo,
        s3: product.endpoints.s3,
        api: product.apiUrl,
        host: product.hostUrl,
      };
      for (const [name, url] of Object.entries(services)) {
        expect({ name, loopback: await reaches('127.0.0.1', portOf(url)) }).toEqual({ name, loopback: true });
        expect({ name, other: await reaches(address, portOf(url)) }).toEqual({ name, other: false });
      }
    },
  );

  it('answers no browser preflight from DynamoDB Local (a web page cannot read the database either)', async () => {
    const res = await fetch(product.endpoints.dynamo, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://any-page.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-amz-target',
      },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the data folder', () => {
  const modes = (dir: string): { path: string; mode: string }[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => {
      const path = join(e.parentPath, e.name);
      return { path, mode: (statSync(path).mode & 0o777).toString(8) };
    });

  it('is readable by its owner only, folders 0700 and files 0600, even one made world-readable before', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ecoute-modes-'));
    try {
      // A folder from before this rule: world-readable, with a file in it.
      chmodSync(dataDir, 0o755);
      mkdirSync(join(dataDir, 's3'), { mode: 0o755 });
      writeFileSync(join(dataDir, 'notifications.jsonl'), '', { mode: 0o644 });
      chmodSync(join(dataDir, 'notifications.jsonl'), 0o644);
      const product = await startLocalProduct({ dataDir, demoHistoryDays: 3 });
      await product.stop();
      const all = [{ path: dataDir, mode: (statSync(dataDir).mode & 0o777).toString(8) }, ...modes(dataDir)];
      expect(all.some((e) => e.path.endsWith('shared-local-instance.db'))).toBe(true);
      expect(all.some((e) => e.path.includes('ecoute-reports'))).toBe(true);
      for (const entry of all) {
        const expected = statSync(entry.path).isDirectory() ? '700' : '600';
        expect(entry).toEqual({ path: entry.path, mode: expected });
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
