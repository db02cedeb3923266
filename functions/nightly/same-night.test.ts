/**
 * Two runs of the same night (a unit delivered again, a dispatch retried) never delete each
 * other's report files: a run that fails halfway through a set leaves the set another run of
 * that night wrote whole; a set of an earlier night that it leaves out of step is still removed.
 */
import { randomBytes } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, dayIn } from '#analytics/calendar.ts';
import { syntheticResponses } from '#analytics/synthetic.ts';
import type { Territory } from '../model.ts';
import { nightlyRenderers } from '../report-renderers.ts';
import { createReportFiles, ensureBucket, getReport, reportKey, type ReportFiles } from '../store/reports.ts';
import { testApp } from '../testing/harness.ts';
import { aggregateTerritory, lastClosedMonth } from './job.ts';

let clock = Date.parse('2026-11-30T02:30:00Z');
const now = () => new Date(clock);
let t: Awaited<ReturnType<typeof testApp>>;
let territory: Territory;
let surveyId: string;

beforeAll(async () => {
  t = await testApp({ now });
  const created = await t.createTerritory();
  surveyId = await t.createLiveSurvey(created.id, created.adminKey);
  const day = '2026-10-15';
  await t.deps.stores.responses.putMany(
    syntheticResponses(t.demo, { surveyId, day, count: 6, seed: 7 }).map((r) => ({ ...r, id: crypto.randomUUID() })),
  );
  await t.deps.stores.responses.markDirty(surveyId, day, '2026-10-15T12:00:00Z');
  const stored = await t.deps.stores.territories.get(created.id);
  if (!stored) throw new Error('no territory');
  territory = stored;
});

async function newBucket(): Promise<ReportFiles> {
  const files = createReportFiles({
    bucket: `same-night-${randomBytes(5).toString('hex')}`,
    endpoint: inject('s3Endpoint'),
  });
  await ensureBucket(files);
  return files;
}

/** The same bucket through a client whose every PUT after the first fails, as S3 failing halfway through a set. */
function failingAfterFirstPut(files: ReportFiles): ReportFiles {
  const failing = createReportFiles({ bucket: files.bucket, endpoint: inject('s3Endpoint') });
  let puts = 0;
  failing.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PutObjectCommand' && ++puts > 1) throw new Error('S3 refused the PUT');
      return next(args);
    },
    { step: 'initialize', name: 'failAfterFirstPut' },
  );
  return failing;
}

const night = (files: ReportFiles) =>
  aggregateTerritory({ stores: t.deps.stores, now, files, renderers: nightlyRenderers }, territory);

async function surveyKeys(files: ReportFiles): Promise<string[]> {
  const out = await files.client.send(
    new ListObjectsV2Command({ Bucket: files.bucket, Prefix: `reports/${territory.id}/${surveyId}/` }),
  );
  return (out.Contents ?? []).map((o) => o.Key ?? '').sort();
}

describe('two runs of the same night', () => {
  it("leave each other's report files: a second run failing halfway keeps the set the first wrote whole", async () => {
    const files = await newBucket();
    await night(files);
    const { month } = lastClosedMonth(now(), territory.timeZone);
    const json = await getReport(files, reportKey(territory.id, surveyId, month, 'json'));
    expect(JSON.parse(json ?? '{}').overall.n).toBe(6);
    const written = await surveyKeys(files);
    expect(written).toEqual(['csv', 'html', 'json'].map((f) => reportKey(territory.id, surveyId, month, f as 'csv')));

    clock += 20 * 60_000; // the unit delivered again, later the same night
    await expect(night(failingAfterFirstPut(files))).rejects.toThrow(/kept, written whole by another run/);
    expect(await surveyKeys(files)).toEqual(written);
    expect(await getReport(files, reportKey(territory.id, surveyId, month, 'json'))).toBe(json);
  });

  it('still removes a set of an earlier night that a failing run would leave out of step', async () => {
    const files = await newBucket();
    clock = Date.parse('2026-11-29T02:30:00Z');
    await night(files);
    expect(await surveyKeys(files)).toHaveLength(3);
    clock = Date.parse('2026-11-30T02:30:00Z');
    expect(dayIn(now(), territory.timeZone)).toBe(addDays('2026-11-29', 1));
    await expect(night(failingAfterFirstPut(files))).rejects.toThrow(/were removed/);
    expect(await surveyKeys(files)).toEqual([]);
  });
});
