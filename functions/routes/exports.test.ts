import { inject, beforeAll, describe, expect, it } from 'vitest';
import { syntheticResponses } from '#analytics/synthetic.ts';
import { fileLinks } from '../store/presign.ts';
import { S3RVER_CREDENTIALS } from '../store/reports.ts';
import { testApp } from '../testing/harness.ts';
import { parseCsv } from '../testing/reports.ts';
import { INLINE_EXPORT_BYTES } from './response-export.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let territory: { id: string; adminKey: string };
let surveyId: string;
const ids = new Set<string>();
/** Lambda's limit on a response: the export must go past it. */
const LAMBDA_RESPONSE_BYTES = 6 * 1024 * 1024;
const DAYS = ['2026-11-02', '2026-11-03', '2026-11-04'];
const PER_DAY = 2000;

beforeAll(async () => {
  t = await testApp();
  territory = await t.createTerritory();
  surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
  // 6 000 answers with a long comment each (quotes and a line break in it): about 9 MB of CSV, so two parts of a multipart upload.
  for (const [k, day] of DAYS.entries()) {
    const answers = syntheticResponses(t.demo, { surveyId, day, count: PER_DAY, seed: 7 + k }).map((r, i) => ({
      ...r,
      id: crypto.randomUUID(),
      answers: { ...r.answers, comment: `Avis n°${i}, "très" long\n${'é'.repeat(640)}` },
    }));
    await t.deps.stores.responses.putMany(answers);
    for (const r of answers) ids.add(r.id);
  }
}, 120_000);

describe('raw exports larger than a Lambda answer', () => {
  it('answers 202 with an export job, whose file in S3 holds every response, behind a short-lived link', async () => {
    const res = await t.call('GET', `/v1/surveys/${surveyId}/responses.csv?from=2026-11-01&to=2026-11-05`, {
      key: territory.adminKey,
    });
    expect(res.status).toBe(202);
    expect(res.text.length).toBeLessThan(2000);
    const location = res.headers.get('location') ?? '';
    expect(location).toBe(`/v1/surveys/${surveyId}/exports/${res.json.id}`);
    expect(res.json).toMatchObject({ kind: 'export', surveyId, from: '2026-11-01', to: '2026-11-05' });

    await t.workDone();
    const job = await t.call('GET', location, { key: territory.adminKey });
    expect(job.status).toBe(200);
    expect(job.json).toMatchObject({ status: 'done', rows: ids.size, progress: { done: 1, failed: 0, total: 1 } });
    expect(job.json.bytes).toBeGreaterThan(LAMBDA_RESPONSE_BYTES);
    // Past one 8 MiB part: the multipart upload's assembly is what is read back below.
    expect(job.json.bytes).toBeGreaterThan(8 * 1024 * 1024);
    // The link lives 15 minutes from when it was read.
    const left = Date.parse(job.json.expiresAt) - Date.now();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(15 * 60_000);

    const file = await fetch(job.json.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${surveyId}-responses.csv"`);
    const body = Buffer.from(await file.arrayBuffer());
    expect(body.length).toBe(job.json.bytes);
    const [header, ...rows] = parseCsv(body.toString('utf8'), ',');
    expect(header?.slice(0, 2)).toEqual(['id', 'surveyId']);
    expect(rows).toHaveLength(ids.size);
    expect(new Set(rows.map((r) => r[0]))).toEqual(ids);
    const comment = header?.indexOf('comment') ?? -1;
    expect(rows[0]?.[comment]).toMatch(/^Avis n°\d+, "très" long\né{640}$/);
  }, 120_000);

  // s3rver does not check Signature V4 (functions/store/presign.test.ts checks it), but checks the expiry.
  it('refuses a link that has expired', async () => {
    const started = await t.call('POST', `/v1/surveys/${surveyId}/exports`, {
      key: territory.adminKey,
      body: { from: '2026-11-02', to: '2026-11-02' },
    });
    expect(started.status).toBe(202);
    await t.workDone();
    const job = await t.call('GET', started.headers.get('location') ?? '', { key: territory.adminKey });
    const file = `exports/${territory.id}/${surveyId}/${started.json.id}.csv`;
    const links = (now: Date) =>
      fileLinks({
        bucket: t.work.exports.bucket,
        region: 'eu-west-3',
        endpoint: inject('s3Endpoint'),
        credentials: S3RVER_CREDENTIALS,
        now: () => now,
      });
    const fresh = await links(new Date()).link(file, 'x.csv');
    expect((await fetch(fresh.url)).status).toBe(200);
    const old = await links(new Date(Date.now() - 16 * 60_000)).link(file, 'x.csv');
    expect((await fetch(old.url)).status).toBe(403);
    expect(job.json.rows).toBe(PER_DAY);
  }, 60_000);

  it('answers a small export whole (200), the same bytes as its file', async () => {
    const small = await t.call('GET', `/v1/surveys/${surveyId}/responses.csv?from=2026-11-03&to=2026-11-03`, {
      key: territory.adminKey,
    });
    expect(small.status).toBe(200);
    expect(Buffer.byteLength(small.text)).toBeLessThan(INLINE_EXPORT_BYTES);
    const started = await t.call('POST', `/v1/surveys/${surveyId}/exports`, {
      key: territory.adminKey,
      body: { from: '2026-11-03', to: '2026-11-03' },
    });
    await t.workDone();
    const job = await t.call('GET', started.headers.get('location') ?? '', { key: territory.adminKey });
    expect(await (await fetch(job.json.url)).text()).toBe(small.text);
  }, 60_000);

  it('is for admins of the territory only, and another territory sees the same 404 as an unknown job', async () => {
    const started = await t.call('POST', `/v1/surveys/${surveyId}/exports`, {
      key: territory.adminKey,
      body: { from: '2026-11-04', to: '2026-11-04' },
    });
    const other = await t.createTerritory();
    const otherSurvey = await t.createLiveSurvey(other.id, other.adminKey);
    const theirs = await t.call('GET', `/v1/surveys/${surveyId}/exports/${started.json.id}`, { key: other.adminKey });
    const crossed = await t.call('GET', `/v1/surveys/${otherSurvey}/exports/${started.json.id}`, {
      key: other.adminKey,
    });
    const unknown = await t.call('GET', `/v1/surveys/${otherSurvey}/exports/${crypto.randomUUID()}`, {
      key: other.adminKey,
    });
    expect([theirs.status, crossed.status, unknown.status]).toEqual([404, 404, 404]);
    expect(crossed.json).toEqual(unknown.json);
    expect((await t.call('POST', `/v1/surveys/${surveyId}/exports`, { key: other.adminKey, body: {} })).status).toBe(
      404,
    );
    await t.workDone();
  });
});
