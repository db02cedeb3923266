/**
 * Surveys' public files beside the widget (`surveys/{id}.json` in its bucket; s3rver here):
 * written when a survey goes live, changes version or closes, read back anonymously as
 * CloudFront reads them, and written again by the night when a request could not.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { aggregateTerritory } from '../nightly/job.ts';
import { publicFiles, SurveyPublisher, type PublicFiles } from '../store/public-surveys.ts';
import { S3RVER_CREDENTIALS } from '../store/reports.ts';
import { newResponseId, testApp } from '../testing/harness.ts';
import { type Counted, countedIn, withCapturedLogs } from '../testing/logs.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let territory: { id: string; adminKey: string };

beforeAll(async () => {
  t = await testApp({ publish: true });
  territory = await t.createTerritory();
});

/** The file as anyone reads it: an unsigned GET, as CloudFront's origin request would be. */
async function published(id: string) {
  const res = await fetch(`${inject('s3Endpoint')}/${t.widgetBucket}/surveys/${id}.json`);
  if (res.status !== 200) return { status: res.status, cacheControl: null, json: undefined };
  return {
    status: res.status,
    cacheControl: res.headers.get('cache-control'),
    type: res.headers.get('content-type'),
    json: (await res.json()) as Record<string, unknown>,
  };
}

const draft = (id: string, label = 'Recommanderiez-vous le territoire') => ({
  id,
  title: { fr: 'Visiteurs', en: 'Visitors' },
  audiences: ['visitor'],
  questions: [{ id: 'recommend', type: 'nps', required: true, label: { fr: label } }],
});

async function createDraft(id: string) {
  const res = await t.call('POST', `/v1/territories/${territory.id}/surveys`, {
    key: territory.adminKey,
    body: draft(id),
  });
  expect(res.status).toBe(201);
}

const setStatus = (id: string, status: 'live' | 'closed') =>
  t.call('POST', `/v1/surveys/${id}/status`, { key: territory.adminKey, body: { status } });

describe('a survey’s public file', () => {
  it('is not written for a draft, nor when a draft changes', async () => {
    await createDraft('brouillon-pub');
    const replaced = await t.call('PUT', '/v1/surveys/brouillon-pub', {
      key: territory.adminKey,
      body: draft('brouillon-pub', 'Autre libellé'),
    });
    expect(replaced.status).toBe(200);
    expect((await published('brouillon-pub')).status).not.toBe(200);
  });

  it('is written when the survey goes live: what the API’s GET answers, cached a minute', async () => {
    await createDraft('visiteurs-pub');
    expect((await setStatus('visiteurs-pub', 'live')).status).toBe(200);
    const file = await published('visiteurs-pub');
    expect(file.status).toBe(200);
    expect(file.cacheControl).toBe('public, max-age=60');
    expect(file.type).toBe('application/json');
    const api = await t.call('GET', '/v1/surveys/visiteurs-pub');
    expect(api.status).toBe(200);
    expect(file.json).toEqual(api.json);
    expect(file.json).toMatchObject({
      id: 'visiteurs-pub',
      version: 1,
      title: { fr: 'Visiteurs', en: 'Visitors' },
      questions: [{ id: 'recommend', label: { fr: 'Recommanderiez-vous le territoire' } }],
    });
  });

  it('moves to a new version when the live survey is replaced', async () => {
    const res = await t.call('PUT', '/v1/surveys/visiteurs-pub', {
      key: territory.adminKey,
      body: draft('visiteurs-pub', 'Conseilleriez-vous le territoire'),
    });
    expect(res.status).toBe(200);
    const file = await published('visiteurs-pub');
    expect(file.json).toMatchObject({
      version: 2,
      questions: [{ label: { fr: 'Conseilleriez-vous le territoire' } }],
    });
    expect(file.json).toEqual((await t.call('GET', '/v1/surveys/visiteurs-pub')).json);
  });

  it('says the survey is closed once it is, and is live again when it reopens', async () => {
    expect((await setStatus('visiteurs-pub', 'closed')).status).toBe(200);
    expect((await published('visiteurs-pub')).json).toEqual({ id: 'visiteurs-pub', status: 'closed' });
    expect((await setStatus('visiteurs-pub', 'live')).status).toBe(200);
    expect((await published('visiteurs-pub')).json).toMatchObject({ id: 'visiteurs-pub', version: 2 });
  });
});

describe('when the file cannot be written', () => {
  /** s3rver answers NoSuchBucket for every write: S3 down, or a permission missing. */
  const broken = () =>
    publicFiles({
      bucket: 'no-such-bucket-here',
      region: 'eu-west-3',
      endpoint: inject('s3Endpoint'),
      credentials: S3RVER_CREDENTIALS,
    });

  it('the survey still goes live and takes answers (the widget falls back to the API); the failure is counted and logged without personal data; the night writes the file', async () => {
    const working = t.deps.publisher;
    t.deps.publisher = new SurveyPublisher(broken(), t.deps.stores.surveys);
    const lines: string[] = [];
    let live: Awaited<ReturnType<typeof setStatus>>;
    try {
      await createDraft('hors-ligne-pub');
      live = await withCapturedLogs(lines, () => setStatus('hors-ligne-pub', 'live'));
    } finally {
      t.deps.publisher = working;
    }
    // The answer a working bucket gives (docs/api.md), nothing about the file.
    expect(live.status).toBe(200);
    expect(live.json).toEqual({ id: 'hors-ligne-pub', status: 'live', version: 1 });
    expect(countedIn(lines)).toEqual([
      {
        name: 'SurveyFileWritesFailed',
        namespace: 'Ecoute-local',
        dimensions: ['service'],
        service: 'ecoute',
        reason: undefined,
        territory: territory.id,
      },
    ]);
    const warned = lines
      .flatMap((chunk) => chunk.split('\n'))
      .filter((l) => l.includes('survey file not written'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(warned).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'survey file not written; the nightly job will',
        surveyId: 'hors-ligne-pub',
      }),
    ]);
    // No key, address or bucket credential in what was logged.
    const logged = lines.join('');
    for (const secret of [territory.adminKey, t.operatorKey, '203.0.113.7', S3RVER_CREDENTIALS.secretAccessKey])
      expect(logged).not.toContain(secret);

    expect((await published('hors-ligne-pub')).status).not.toBe(200);
    expect((await t.call('GET', '/v1/surveys/hors-ligne-pub')).status).toBe(200);
    const answer = await t.call('POST', '/v1/surveys/hors-ligne-pub/responses', {
      origin: 'https://www.office-tourisme.example',
      body: { id: newResponseId(), audience: 'visitor', locale: 'fr', answers: { recommend: 9 } },
    });
    expect(answer.status).toBe(201);

    const written = await night();
    expect(written.keys).toContain('surveys/hors-ligne-pub.json');
    expect(written.counted).toContainEqual(
      expect.objectContaining({ name: 'SurveyFilesRepublished', dimensions: ['service'], territory: territory.id }),
    );
    expect((await published('hors-ligne-pub')).json).toEqual((await t.call('GET', '/v1/surveys/hors-ligne-pub')).json);
  });

  it('the night writes again an out-of-date file, and leaves alone one that is right', async () => {
    const files = t.surveyFiles as PublicFiles;
    await files.put('surveys/visiteurs-pub.json', JSON.stringify({ id: 'visiteurs-pub', status: 'closed' }));
    const writes = await night();
    expect((await published('visiteurs-pub')).json).toMatchObject({ id: 'visiteurs-pub', version: 2 });
    expect(writes.keys).toContain('surveys/visiteurs-pub.json');
    // Every file is right now: a second night writes nothing, and counts nothing republished.
    const again = await night();
    expect(again.keys).toEqual([]);
    expect(again.counted.map((c) => c.name)).not.toContain('SurveyFilesRepublished');
  });

  it('a night that cannot write a file fails, so the queue tries it again', async () => {
    const record = await t.deps.stores.territories.get(territory.id);
    if (!record) throw new Error('no territory');
    const publisher = new SurveyPublisher(broken(), t.deps.stores.surveys);
    const lines: string[] = [];
    await withCapturedLogs(lines, () =>
      expect(aggregateTerritory({ stores: t.deps.stores, now: () => new Date(), publisher }, record)).rejects.toThrow(
        /survey files not written: .*visiteurs-pub/,
      ),
    );
    // One for each published survey of the territory (both live ones), and the territory failed.
    const counted = countedIn(lines).map((c) => [c.name, c.territory]);
    expect(counted.filter(([name]) => name === 'SurveyFileWritesFailed')).toEqual([
      ['SurveyFileWritesFailed', territory.id],
      ['SurveyFileWritesFailed', territory.id],
    ]);
    expect(counted).toContainEqual(['NightlyUnitsFailed', territory.id]);
  });
});

/** Runs the territory's night with a publisher that counts its writes; answers the keys written and the counters. */
async function night(): Promise<{ keys: string[]; counted: Counted[] }> {
  const files = t.surveyFiles as PublicFiles;
  const writes: string[] = [];
  const counting: PublicFiles = {
    get: (key) => files.get(key),
    put: (key, body) => {
      writes.push(key);
      return files.put(key, body);
    },
  };
  const record = await t.deps.stores.territories.get(territory.id);
  if (!record) throw new Error('no territory');
  const lines: string[] = [];
  await withCapturedLogs(lines, () =>
    aggregateTerritory(
      { stores: t.deps.stores, now: () => new Date(), publisher: new SurveyPublisher(counting, t.deps.stores.surveys) },
      record,
    ),
  );
  return { keys: writes, counted: countedIn(lines) };
}
