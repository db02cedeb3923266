/**
 * Hostile text that was accepted (it is valid text) must stay inert wherever it comes out:
 * the report page escapes it, the CSV files defuse formulas, JSON carries it as a string.
 * Every text of a survey, the territory's name and a response's comment hold injections.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness.ts';
import { INJECTIONS } from './hostile.ts';
import { send } from './world.ts';
import { untypeset } from '../testing/typography.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const t = await testApp({ now: () => NOW });
const evil = (i: number) => INJECTIONS[i % INJECTIONS.length]!;
const text = (i: number) => ({ fr: `${evil(i)} fr`, en: `${evil(i + 1)} en` });
/** Setup goes through the API: every step must succeed, or the checks below would look at nothing. */
async function must(status: number, method: string, path: string, o: Parameters<typeof send>[3]) {
  const r = await send(t.app, method, path, o);
  if (r.status !== status) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}
const admin = (
  await must(201, 'POST', '/v1/territories', {
    key: t.operatorKey,
    body: JSON.stringify({
      id: 'output',
      name: `<b>Ville</b> ${evil(2)}`,
      allowedOrigins: [],
      limits: { submissionsPerMinute: 1000 },
    }),
  })
).adminKey as string;
const survey = {
  id: 'output-survey',
  title: text(0),
  audiences: ['visitor'],
  questions: [
    { id: 'recommend', type: 'nps', required: true, label: text(1) },
    {
      id: 'welcome',
      type: 'rating',
      scale: { min: 1, max: 5 },
      label: text(2),
      measures: { index: 'satisfaction', dimension: 'welcome' },
    },
    {
      id: 'image',
      type: 'differential',
      scale: { min: 1, max: 7 },
      left: text(3),
      right: text(4),
      label: text(5),
      measures: { index: 'image', dimension: 'place' },
    },
    { id: 'versus', type: 'comparison', competitor: evil(6).slice(0, 80), label: text(7) },
    {
      id: 'origin',
      type: 'choice',
      options: [
        { id: 'here', label: text(8) },
        { id: 'away', label: text(9) },
      ],
      label: text(10),
    },
    { id: 'comment', type: 'text', maxLength: 500, label: text(11) },
  ],
};
await must(201, 'POST', '/v1/territories/output/surveys', { key: admin, body: JSON.stringify(survey) });
await must(200, 'POST', '/v1/surveys/output-survey/status', { key: admin, body: '{"status":"live"}' });
const RESPONSES = 12;
for (let i = 0; i < RESPONSES; i++) {
  const body = {
    id: crypto.randomUUID(),
    audience: 'visitor',
    locale: 'fr',
    submittedAt: '2026-11-20T10:00:00+01:00',
    answers: {
      recommend: i % 11,
      welcome: 1 + (i % 5),
      image: 1 + (i % 7),
      versus: 1 + (i % 5),
      origin: i % 2 ? 'here' : 'away',
      comment: evil(i),
    },
  };
  await must(201, 'POST', '/v1/surveys/output-survey/responses', { body: JSON.stringify(body) });
}
expect(
  await must(200, 'POST', '/v1/territories/output/aggregations', {
    key: admin,
    body: '{"from":"2026-11-20","to":"2026-11-20"}',
  }),
).toEqual({ days: 1, responses: RESPONSES });
const period = 'from=2026-11-01&to=2026-11-22';

describe('hostile text on its way out', () => {
  it('is escaped in the report page: no tag, handler or script URL of ours comes out live', async () => {
    const page = await send(t.app, 'GET', `/v1/surveys/output-survey/report.html?${period}`, { key: admin });
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(/<script|<img|<b>Ville|onerror=|javascript:/i);
    expect(page.text).toContain('&lt;script&gt;');
  });

  it('is defused in the report CSV and the raw export: no cell a spreadsheet would run', async () => {
    for (const path of [`/v1/surveys/output-survey/report.csv?${period}`, '/v1/surveys/output-survey/responses.csv']) {
      const csv = await send(t.app, 'GET', path, { key: admin });
      expect(csv.status, path).toBe(200);
      const cells = csv.text.split(/\r\n/).flatMap((line) => line.split(/[,;](?=(?:[^"]*"[^"]*")*[^"]*$)/));
      for (const cell of cells) expect(cell.replace(/^"/, ''), path).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
    }
  });

  it('reaches the outputs it is checked in: the competitor in the report, every comment in the raw export', async () => {
    const report = await send(t.app, 'GET', `/v1/surveys/output-survey/report?${period}`, { key: admin });
    expect(report.status).toBe(200);
    expect(report.json.overall.n).toBe(RESPONSES);
    expect(Object.keys(report.json.overall.relativeValue)).toEqual([survey.questions[3]?.competitor]);
    const raw = await send(t.app, 'GET', '/v1/surveys/output-survey/responses.csv', { key: admin });
    expect(raw.text.split('\r\n').filter((line) => /^[0-9a-f]{8}-/.test(line))).toHaveLength(RESPONSES);
    for (let i = 0; i < RESPONSES; i++) {
      // Formula-like texts come out behind an apostrophe; quotes are doubled.
      const kept = evil(i).replaceAll('"', '""');
      expect(raw.text.includes(kept) || raw.text.includes(`'${kept}`), evil(i)).toBe(true);
    }
  });

  it('comes back as the very same string in JSON', async () => {
    const definition = await send(t.app, 'GET', '/v1/surveys/output-survey');
    // Titles are typeset when saved (’ for ', no-break spaces before French ; : ! ?): nothing else changes.
    const plain = (t: Record<string, string>) =>
      Object.fromEntries(Object.entries(t).map(([k, v]) => [k, untypeset(v)]));
    expect(plain(definition.json.title)).toEqual(plain(survey.title));
    expect(definition.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
