/**
 * What every answer tells the browser (OWASP ASVS 5.0 level 1): HTTPS for a year at least
 * (3.4.1), its content type with the charset of text (4.1.1), never sniffed, and exports as
 * downloads rather than pages (3.2.1).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: string;
let survey: string;

beforeAll(async () => {
  t = await testApp();
  const town = await t.createTerritory();
  admin = town.adminKey;
  survey = await t.createLiveSurvey(town.id, town.adminKey);
});

const answers = () => [
  t.call('GET', '/health'),
  t.call('GET', '/openapi.json'),
  t.call('GET', '/v1/surveys/nowhere-at-all'),
  t.call('POST', `/v1/surveys/${survey}/responses`, { raw: '{' }),
  t.call('GET', `/v1/surveys/${survey}/responses.csv`, { key: admin }),
];

describe('every answer', () => {
  it('asks for HTTPS for at least a year and forbids sniffing', async () => {
    for (const res of await Promise.all(answers())) {
      const hsts = res.headers.get('strict-transport-security') ?? '';
      expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('says its content type, with the charset of text, and sends exports as downloads', async () => {
    const [health, , missing, malformed, csv] = await Promise.all(answers());
    for (const json of [health, missing, malformed])
      expect(json?.headers.get('content-type')).toMatch(/^application\/json/);
    expect(csv?.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv?.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
  });
});
