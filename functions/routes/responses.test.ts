import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { newResponseId, testApp } from '../testing/harness.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
let territory: { id: string; adminKey: string };
let surveyId: string;
const ORIGIN = 'https://www.office-tourisme.example';

beforeAll(async () => {
  t = await testApp({ now: () => NOW });
  territory = await t.createTerritory({ limits: { submissionsPerMinute: 10_000 } });
  surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
});

const valid = (over: Record<string, unknown> = {}) => ({
  id: newResponseId(),
  audience: 'visitor',
  locale: 'fr',
  answers: { recommend: 9, sat_welcome: 4, origin: 'france', interests: ['festival'], comment: 'Très bien' },
  ...over,
});

async function storedCount(): Promise<number> {
  const out = await t.db.client.send(
    new ScanCommand({
      TableName: t.db.table,
      FilterExpression: 'begins_with(PK, :r)',
      ExpressionAttributeValues: { ':r': { S: 'R#' } },
    }),
  );
  return out.Count ?? 0;
}

describe('POST /v1/surveys/:id/responses', () => {
  it('stores a response and answers 201 with a receipt; the same body again answers 200 with the same receipt', async () => {
    const body = valid();
    const first = await t.call('POST', `/v1/surveys/${surveyId}/responses`, { body });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ id: body.id, receipt: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    const again = await t.call('POST', `/v1/surveys/${surveyId}/responses`, { body });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
  });

  it('answers 409 when the id comes back with another body', async () => {
    const body = valid();
    expect((await t.call('POST', `/v1/surveys/${surveyId}/responses`, { body })).status).toBe(201);
    const other = await t.call('POST', `/v1/surveys/${surveyId}/responses`, {
      body: { ...body, answers: { recommend: 2 } },
    });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe('conflict');
  });

  it('stores exactly one copy when twenty identical requests race', async () => {
    const before = await storedCount();
    const body = valid();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.call('POST', `/v1/surveys/${surveyId}/responses`, { body })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(await storedCount()).toBe(before + 1);
  });

  it('names every invalid answer and stores nothing', async () => {
    const before = await storedCount();
    const res = await t.call('POST', `/v1/surveys/${surveyId}/responses`, {
      body: valid({
        audience: 'resident',
        answers: {
          recommend: 11,
          sat_welcome: 3.5,
          sat_accommodation: 4,
          origin: 'mars',
          interests: ['festival', 'festival'],
          comment: 'x'.repeat(1001),
          nope: 1,
        },
      }),
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    const byPath = Object.fromEntries(
      res.json.error.issues.map((i: { path: string; message: string }) => [i.path, i.message]),
    );
    expect(byPath).toEqual({
      'answers.recommend': '11 is off the scale 0–10',
      'answers.sat_welcome': 'expected a whole number from 1 to 5',
      'answers.sat_accommodation': 'this question is not asked to "resident"',
      'answers.origin': 'not an option: mars',
      'answers.interests': 'an option is chosen twice',
      'answers.comment': '1001 characters, at most 1000 allowed',
      'answers.nope': 'unknown question',
    });
    expect(await storedCount()).toBe(before);
  });

  it('refuses a missing required answer', async () => {
    const res = await t.call('POST', `/v1/surveys/${surveyId}/responses`, {
      body: valid({ answers: { sat_welcome: 4 } }),
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([{ path: 'answers.recommend', message: 'an answer is required' }]);
  });

  it('counts characters, not UTF-16 units, against maxLength', async () => {
    const res = await t.call('POST', `/v1/surveys/${surveyId}/responses`, {
      body: valid({ answers: { recommend: 8, comment: '🌻'.repeat(1000) } }),
    });
    expect(res.status).toBe(201);
  });

  it('accepts submittedAt within the last 30 days and up to 5 minutes ahead, and refuses the rest', async () => {
    const at = (iso: string) =>
      t.call('POST', `/v1/surveys/${surveyId}/responses`, { body: valid({ submittedAt: iso }) });
    expect((await at('2026-10-25T09:00:00+01:00')).status).toBe(201);
    expect((await at('2026-11-23T10:04:00Z')).status).toBe(201);
    const late = await at('2026-10-20T09:00:00+01:00');
    expect(late.status).toBe(400);
    expect(late.json.error.issues[0].path).toBe('submittedAt');
    expect((await at('2026-11-23T10:06:00Z')).status).toBe(400);
    expect((await at('2026-11-23T10:00:00')).status).toBe(400);
  });

  it('counts a response for the day of submittedAt in the territory time zone', async () => {
    const body = valid({ submittedAt: '2026-11-22T23:30:00Z' });
    await t.call('POST', `/v1/surveys/${surveyId}/responses`, { body });
    const stored = await t.deps.stores.responses.get(body.id);
    expect(stored?.day).toBe('2026-11-23');
  });

  it('answers 404 for a draft survey and 409 for a response dated after closing, but keeps earlier ones', async () => {
    const created = await t.call('POST', `/v1/territories/${territory.id}/surveys`, {
      key: territory.adminKey,
      body: t.demo,
    });
    const draft = created.json.id;
    expect((await t.call('POST', `/v1/surveys/${draft}/responses`, { body: valid() })).status).toBe(404);
    await t.call('POST', `/v1/surveys/${draft}/status`, { key: territory.adminKey, body: { status: 'live' } });
    await t.call('POST', `/v1/surveys/${draft}/status`, { key: territory.adminKey, body: { status: 'closed' } });
    expect((await t.call('POST', `/v1/surveys/${draft}/responses`, { body: valid() })).status).toBe(409);
    const queued = await t.call('POST', `/v1/surveys/${draft}/responses`, {
      body: valid({ submittedAt: '2026-11-20T18:00:00+01:00' }),
    });
    expect(queued.status).toBe(201);
  });

  it('checks answers against the version they name, while it is answerable', async () => {
    const id = await t.createLiveSurvey(territory.id, territory.adminKey);
    const v2 = { ...t.demo, questions: t.demo.questions.filter((q) => q.id !== 'comment') };
    expect((await t.call('PUT', `/v1/surveys/${id}`, { key: territory.adminKey, body: v2 })).json.version).toBe(2);
    const old = await t.call('POST', `/v1/surveys/${id}/responses`, { body: valid({ version: 1 }) });
    expect(old.status).toBe(201);
    const current = await t.call('POST', `/v1/surveys/${id}/responses`, { body: valid() });
    expect(current.status).toBe(400);
    expect(current.json.error.issues).toEqual([{ path: 'answers.comment', message: 'unknown question' }]);
    const unknown = await t.call('POST', `/v1/surveys/${id}/responses`, { body: valid({ version: 7 }) });
    expect(unknown.status).toBe(400);
  });

  it('takes the same JSON labelled text/plain (a CORS simple request, no preflight), and only on public submissions', async () => {
    const body = valid();
    const plain = {
      raw: JSON.stringify(body),
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      origin: ORIGIN,
    };
    const first = await t.call('POST', `/v1/surveys/${surveyId}/responses`, plain);
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    // The same response sent as JSON is the same response: a replay, with the same receipt.
    const json = await t.call('POST', `/v1/surveys/${surveyId}/responses`, { body });
    expect(json.status).toBe(200);
    expect(json.json).toEqual(first.json);
    const foreign = await t.call('POST', `/v1/surveys/${surveyId}/responses`, {
      ...plain,
      raw: JSON.stringify(valid()),
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    const broken = await t.call('POST', `/v1/surveys/${surveyId}/responses`, { ...plain, raw: '{"id": ' });
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toBe('validation_failed');
    const keyed = await t.call('PUT', `/v1/surveys/${surveyId}`, {
      key: territory.adminKey,
      raw: JSON.stringify(t.demo),
      headers: { 'content-type': 'text/plain' },
    });
    expect(keyed.status).toBe(415);
    expect(keyed.json.error.code).toBe('unsupported_media_type');
  });

  it('refuses other media types, malformed JSON and oversized bodies with the error shape', async () => {
    const path = `/v1/surveys/${surveyId}/responses`;
    const media = await t.call('POST', path, {
      raw: 'recommend=9',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(media.status).toBe(415);
    expect(media.json.error.code).toBe('unsupported_media_type');
    const broken = await t.call('POST', path, { raw: '{"id": ' });
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toBe('validation_failed');
    const huge = await t.call('POST', path, {
      body: valid({ answers: { recommend: 9, comment: 'x'.repeat(70_000) } }),
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('payload_too_large');
    expect((await t.call('GET', '/health')).status).toBe(200);
  });
});

describe('answers keyed like Object.prototype members', () => {
  const questions = [
    { id: 'constructor', type: 'nps', required: true, label: { fr: 'Constructeur ?' } },
    { id: 'hasownproperty', type: 'text', maxLength: 100, label: { fr: 'Un mot ?' } },
    { id: 'tostring', type: 'text', maxLength: 100, label: { fr: 'Un autre ?' } },
  ];
  let id: string;
  beforeAll(async () => {
    id = await t.createLiveSurvey(territory.id, territory.adminKey, { ...t.demo, questions } as never);
  });

  it('does not let a required question named constructor be skipped', async () => {
    const res = await t.call('POST', `/v1/surveys/${id}/responses`, { body: valid({ answers: {} }) });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([{ path: 'answers.constructor', message: 'an answer is required' }]);
  });

  it('refuses an answer keyed __proto__ as an unknown question and stores nothing', async () => {
    const before = await storedCount();
    const body = valid({ answers: { constructor: 9 } });
    const raw = JSON.stringify(body).replace('"answers":{', '"answers":{"__proto__":4,');
    const res = await t.call('POST', `/v1/surveys/${id}/responses`, { raw });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([{ path: 'answers.__proto__', message: 'unknown question' }]);
    expect(await storedCount()).toBe(before);
  });

  it('exports an unanswered question as an empty cell, never an inherited member', async () => {
    const body = valid({ answers: { constructor: 9 } });
    expect((await t.call('POST', `/v1/surveys/${id}/responses`, { body })).status).toBe(201);
    const csv = await t.call('GET', `/v1/surveys/${id}/responses.csv`, { key: territory.adminKey });
    const row = csv.text.split('\r\n').find((r) => r.startsWith(body.id));
    expect(row?.endsWith(',9,,')).toBe(true);
    expect(csv.text).not.toContain('native code');
  });
});

describe('CORS and origins', () => {
  it("serves the territory's origins with CORS headers, refuses others with 403, and serves requests without Origin", async () => {
    const path = `/v1/surveys/${surveyId}/responses`;
    const allowed = await t.call('POST', path, { body: valid(), origin: ORIGIN });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const before = await storedCount();
    const evil = await t.call('POST', path, { body: valid(), origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.json.error.code).toBe('forbidden');
    expect(await storedCount()).toBe(before);
    const preflight = await t.call('OPTIONS', path, {
      origin: ORIGIN,
      headers: { 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const bad = await t.call('POST', path, { body: valid({ audience: 'martian' }), origin: ORIGIN });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });
});

describe('submission limits', () => {
  it('answers 429 with Retry-After past the limit, counting refused submissions, per client', async () => {
    const small = await t.createTerritory({ limits: { submissionsPerMinute: 3 } });
    const id = await t.createLiveSurvey(small.id, small.adminKey);
    t.setAddress('198.51.100.20');
    const path = `/v1/surveys/${id}/responses`;
    expect((await t.call('POST', path, { body: valid({ audience: 'nobody' }) })).status).toBe(400);
    expect((await t.call('POST', path, { body: valid() })).status).toBe(201);
    expect((await t.call('POST', path, { body: valid() })).status).toBe(201);
    const limited = await t.call('POST', path, { body: valid() });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    t.setAddress('198.51.100.21');
    expect((await t.call('POST', path, { body: valid() })).status).toBe(201);
    t.setAddress('203.0.113.7');
  });
});

describe('DELETE /v1/responses/:id', () => {
  it('erases a response with its receipt, and a wrong receipt is 404', async () => {
    const body = valid();
    const { json } = await t.call('POST', `/v1/surveys/${surveyId}/responses`, { body });
    expect((await t.call('DELETE', `/v1/responses/${body.id}?receipt=wrong`)).status).toBe(404);
    expect((await t.call('DELETE', `/v1/responses/${body.id}?receipt=${json.receipt}`)).status).toBe(204);
    expect(await t.deps.stores.responses.get(body.id)).toBeUndefined();
    expect((await t.call('DELETE', `/v1/responses/${body.id}?receipt=${json.receipt}`)).status).toBe(404);
  });

  it("marks the erased response's day for the next aggregation", async () => {
    // A clock of its own: the erasure comes the day after the answer, once the night cleared its day.
    let clock = new Date('2026-11-23T10:00:00Z');
    const app = await testApp({ now: () => clock });
    const mine = await app.createTerritory();
    const own = await app.createLiveSurvey(mine.id, mine.adminKey);
    const body = valid({ submittedAt: '2026-11-20T10:00:00+01:00' });
    const { status, json } = await app.call('POST', `/v1/surveys/${own}/responses`, { body });
    expect(status).toBe(201);
    const marks = app.deps.stores.responses;
    // As the nightly job does once the day is aggregated, the next night.
    clock = new Date('2026-11-24T02:30:00Z');
    for (const mark of await marks.dirtyDays(own)) expect(await marks.clearDirty(own, mark, clock)).toBe(true);
    expect(await marks.dirtyDays(own)).toEqual([]);
    expect((await app.call('DELETE', `/v1/responses/${body.id}?receipt=${json.receipt}`)).status).toBe(204);
    expect((await marks.dirtyDays(own)).map((d) => d.day)).toEqual(['2026-11-20']);
  });
});

describe('GET /v1/surveys/:id/responses.csv', () => {
  it('exports RFC 4180 rows, id first, quoting what needs it and defusing formulas', async () => {
    const own = await t.createLiveSurvey(territory.id, territory.adminKey);
    const a = valid({ answers: { recommend: 10, comment: 'Bien, "vraiment"\nà revoir' } });
    const b = valid({ answers: { recommend: 3, comment: '=HYPERLINK("x")' } });
    for (const body of [a, b]) await t.call('POST', `/v1/surveys/${own}/responses`, { body });
    const res = await t.call('GET', `/v1/surveys/${own}/responses.csv`, { key: territory.adminKey });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const [header, ...rest] = res.text.split('\r\n');
    expect(header?.split(',').slice(0, 2)).toEqual(['id', 'surveyId']);
    expect(res.text).toContain('"Bien, ""vraiment""\nà revoir"');
    expect(res.text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(rest.filter((r) => r.startsWith(a.id) || r.startsWith(b.id))).toHaveLength(2);
  });

  it('is for admins of the territory only', async () => {
    const other = await t.createTerritory();
    expect((await t.call('GET', `/v1/surveys/${surveyId}/responses.csv`, { key: other.adminKey })).status).toBe(404);
    expect((await t.call('GET', `/v1/surveys/${surveyId}/responses.csv`)).status).toBe(401);
  });
});

describe('privacy of the table', () => {
  it('stores no raw IP address, no key and no receipt anywhere', async () => {
    const { json } = await t.call('POST', `/v1/surveys/${surveyId}/responses`, { body: valid() });
    const all = JSON.stringify((await t.db.client.send(new ScanCommand({ TableName: t.db.table }))).Items);
    expect(all).not.toContain('203.0.113.7');
    expect(all).not.toContain('198.51.100.2');
    expect(all).not.toContain(territory.adminKey);
    expect(all).not.toContain(json.receipt);
  });
});
