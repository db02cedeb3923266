/**
 * The nightly job under faults: a real child process SIGKILLed halfway, then run again, gives
 * the aggregates of an uninterrupted run; S3 unreachable, S3 failing in the middle of a report
 * set, or a full disk under s3rver end in a clear error and no half-written report set.
 */
import { DeleteBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../local/stack.ts';
import { lastClosedMonth, nightlyRun } from '../nightly/job.ts';
import { nightlyRenderers } from '../report-renderers.ts';
import { createReportFiles, ensureBucket, type ReportFiles } from '../store/reports.ts';
import { testApp } from '../testing/harness.ts';
import { seededResponses, setUpSurvey } from './nightly-data.ts';

const NOW = () => new Date();
/** Days the job has written when it is killed, of the 45 it has to write. */
const WRITTEN_AT_KILL = 3;

async function withResponses() {
  const t = await testApp();
  const surveyId = await setUpSurvey(t);
  const responses = seededResponses(surveyId, NOW(), 45, 40);
  await t.deps.stores.responses.putMany(responses);
  for (const day of new Set(responses.map((r) => r.day)))
    await t.deps.stores.responses.markDirty(surveyId, day, NOW().toISOString());
  const days = [...new Set(responses.map((r) => r.day))].sort();
  const aggregates = async () => ({
    days: await t.deps.stores.aggregates.days(surveyId, days[0]!, days.at(-1)!),
    months: await t.deps.stores.aggregates.months(surveyId, days[0]!, days.at(-1)!),
  });
  const written = async () => (await t.deps.stores.aggregates.days(surveyId, days[0]!, days.at(-1)!)).length;
  return { t, surveyId, days, aggregates, written };
}

async function reportKeys(files: ReportFiles): Promise<string[]> {
  const out = await files.client.send(new ListObjectsV2Command({ Bucket: files.bucket, Prefix: 'reports/' }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

async function bucket(endpoint: string, name: string): Promise<ReportFiles> {
  const files = createReportFiles({ bucket: name, endpoint });
  await ensureBucket(files);
  return files;
}

describe('the nightly job killed halfway', () => {
  it('gives, once run again, exactly the aggregates of a run never interrupted', async () => {
    const reference = await withResponses();
    await nightlyRun({ stores: reference.t.deps.stores, now: NOW });
    const expected = await reference.aggregates();

    const killed = await withResponses();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('nightly-child.ts', import.meta.url))],
      {
        env: {
          ...process.env,
          ECOUTE_TABLE: killed.t.db.table,
          ECOUTE_DYNAMO_ENDPOINT: inject('dynamoEndpoint'),
          ECOUTE_PAUSE_AFTER: String(WRITTEN_AT_KILL),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise((r) => child.once('exit', r));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += String(d);
        if (out.includes('paused')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the nightly job ended (${code}) before it was halfway`)));
    });
    child.kill('SIGKILL');
    await exited;
    expect(await killed.written(), 'days written when the job was killed').toBe(WRITTEN_AT_KILL);
    expect(WRITTEN_AT_KILL).toBeLessThan(killed.days.length);

    await nightlyRun({ stores: killed.t.deps.stores, now: NOW });
    expect(await killed.aggregates()).toEqual(expected);
  });
});

describe('S3 failing during the nightly job', () => {
  it('ends with an error naming the territory when S3 cannot be reached, the aggregates written all the same', async () => {
    const { t, aggregates, days } = await withResponses();
    const dead = createReportFiles({ bucket: 'nowhere', endpoint: `http://127.0.0.1:${await freePort()}` });
    await expect(
      nightlyRun({ stores: t.deps.stores, now: NOW, files: dead, renderers: nightlyRenderers }),
    ).rejects.toThrow(/nightly aggregation failed for 1 territory\(ies\): nightly/);
    expect((await aggregates()).days).toHaveLength(days.length);
  });

  /** A run through a proxy to s3rver that fails every PUT after the first: it must fail and leave no report file. */
  async function runWithS3FailingAfterOneFile(how: 'drop' | 'hang') {
    const { t } = await withResponses();
    const files = await bucket(inject('s3Endpoint'), `${how}-${Date.now()}`);
    const proxy = await failingProxy(inject('s3Endpoint'), (puts) => puts > 1, how);
    try {
      // Without its timeouts a run would wait for a silent S3 past the test's own timeout.
      const through = createReportFiles({ bucket: files.bucket, endpoint: proxy.endpoint, timeoutMs: 1000 });
      await expect(
        nightlyRun({ stores: t.deps.stores, now: NOW, files: through, renderers: nightlyRenderers }),
      ).rejects.toThrow(/nightly aggregation failed/);
      expect(proxy.puts()).toBeGreaterThan(1);
      expect(await reportKeys(files)).toEqual([]);
    } finally {
      proxy.close();
    }
    return { t, files };
  }

  it('leaves no half-written report set when S3 fails after the first file', async () => {
    const { t, files } = await runWithS3FailingAfterOneFile('drop');
    await nightlyRun({ stores: t.deps.stores, now: NOW, files, renderers: nightlyRenderers });
    const month = lastClosedMonth(NOW(), 'Europe/Paris').month;
    expect(await reportKeys(files)).toEqual(
      [
        ...['csv', 'html', 'json'].map((f) => `reports/nightly/nightly-survey/${month}.${f}`),
        ...['html', 'json'].map((f) => `reports/nightly/_suggestions/${month}.${f}`),
      ].sort(),
    );
  });

  it('fails within its timeouts, leaving no half-written set, when S3 stops answering after the first file', async () => {
    await runWithS3FailingAfterOneFile('hang');
  });

  const tiny = join(tmpdir(), `ecoute-full-disk-${process.pid}`);
  /** Why the disk cannot be filled here, or undefined when a small tmpfs is mounted for it. */
  const cannotMount = (() => {
    try {
      mkdirSync(tiny, { recursive: true });
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', tiny], { stdio: 'pipe' });
      return undefined;
    } catch (e) {
      const said = (String((e as { stderr?: unknown }).stderr ?? '').trim() || String(e)).replace(/\s+/g, ' ');
      return `no 256 KB tmpfs to fill, mounting one needs root (${said}); the failing-S3 cases above stand for a full disk meanwhile`;
    }
  })();
  afterAll(() => {
    if (!cannotMount) execFileSync('umount', [tiny]);
    rmSync(tiny, { recursive: true, force: true });
  });

  it('ends with a clear error and no half-written set when the disk under s3rver is full', async (ctx) => {
    if (cannotMount) return ctx.skip(cannotMount);
    const { t } = await withResponses();
    const s3 = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('s3rver-child.ts', import.meta.url)), join(tiny, 's3')],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const endpoint = await new Promise<string>((r) => s3.stdout.once('data', (d) => r(String(d).trim())));
    try {
      const files = await bucket(endpoint, 'full');
      // Fill the disk but for a few kilobytes: the first report file may fit, the set cannot.
      writeFileSync(join(tiny, 'filler'), Buffer.alloc(256 * 1024 - 24 * 1024));
      await expect(nightlyRun({ stores: t.deps.stores, now: NOW, files, renderers: nightlyRenderers })).rejects.toThrow(
        /nightly aggregation failed/,
      );
      rmSync(join(tiny, 'filler'));
      expect(await reportKeys(files)).toEqual([]);
      await files.client.send(new DeleteBucketCommand({ Bucket: files.bucket })).catch(() => undefined);
    } finally {
      s3.kill();
    }
  });
});

/** An HTTP proxy to s3rver that drops (or leaves unanswered) every PUT for which `fail(puts)` holds. */
async function failingProxy(target: string, fail: (puts: number) => boolean, how: 'drop' | 'hang' = 'drop') {
  let puts = 0;
  const to = new URL(target);
  const server: Server = createServer((req, res) => {
    if (req.method === 'PUT' && ++puts && fail(puts)) {
      if (how === 'drop') req.socket.destroy();
      return;
    }
    const upstream = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    puts: () => puts,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
