import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness.ts';

let clock = new Date('2026-11-01T00:00:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
let town: { id: string; adminKey: string };
let evaluator: string;
const DAY = 86_400_000;

/**
 * The fixture, by hand (Europe/Paris, period 2026-11-01 … 2026-11-30, computed on 2026-12-01):
 * first answers after 2, 10, 20 and 4 days → sorted 2, 4, 10, 20: median (type 7) 4 + 0.5·6 = 7,
 * 90th percentile 10 + 0.7·10 = 17. Due: the four answered and D (26 days without an answer);
 * E (3 days old) is not due yet. In time (≤ 15 days): A, B, F → 3/5 = 0.6.
 */
const FIXTURE = [
  {
    name: 'A',
    at: '2026-11-02T09:00:00Z',
    category: 'voirie',
    district: 'Centre',
    text: 'Le trottoir de la rue est défoncé, trottoir dangereux',
    outcome: ['answered', 2],
  },
  {
    name: 'B',
    at: '2026-11-03T09:00:00Z',
    category: 'voirie',
    district: 'Centre',
    text: "Trottoir glissant près de l'école",
    outcome: ['planned', 10],
  },
  {
    name: 'C',
    at: '2026-11-04T09:00:00Z',
    category: 'proprete',
    district: 'Gare',
    text: 'Déchets partout, appelez le 06 12 34 56 78',
    outcome: ['declined', 20],
  },
  {
    name: 'D',
    at: '2026-11-05T09:00:00Z',
    category: 'proprete',
    text: 'Déchets sur le trottoir, mail : paul.durand@example.fr',
    review: true,
  },
  { name: 'E', at: '2026-11-28T09:00:00Z', category: 'culture', district: 'Gare', text: 'Un festival de jazz' },
  {
    name: 'F',
    at: '2026-11-06T09:00:00Z',
    category: 'culture',
    district: 'Centre',
    text: 'Ouvrir la médiathèque le dimanche',
    outcome: ['answered', 4],
    done: true,
  },
  { name: 'G', at: '2026-11-07T09:00:00Z', category: 'autre', text: 'Insultes', hide: true },
  // 23:30 in Paris on 31 October and 00:30 on 1 December: outside the period.
  { name: 'H', at: '2026-10-31T22:30:00Z', category: 'voirie', text: 'Avant la période' },
  { name: 'I', at: '2026-11-30T23:30:00Z', category: 'voirie', text: 'Après la période' },
] as const;

beforeAll(async () => {
  t = await testApp({ now: () => clock });
  town = await t.createTerritory({
    limits: { submissionsPerMinute: 1000 },
    suggestionDistricts: [
      { id: 'centre', label: { fr: 'Centre' } },
      { id: 'gare', label: { fr: 'Gare' } },
    ],
  });
  const key = (
    await t.call('POST', `/v1/territories/${town.id}/keys`, {
      key: town.adminKey,
      body: { role: 'moderator', label: 'Mod' },
    })
  ).json.key;
  evaluator = (
    await t.call('POST', `/v1/territories/${town.id}/keys`, {
      key: town.adminKey,
      body: { role: 'evaluator', label: 'Eval' },
    })
  ).json.key;
  for (const s of FIXTURE) {
    clock = new Date(s.at);
    const body = { category: s.category, text: s.text, ...('district' in s ? { district: s.district } : {}) };
    const code = (await t.call('POST', `/v1/territories/${town.id}/suggestions`, { body })).json.code as string;
    const move = async (status: string, at: number, answer?: string) => {
      clock = new Date(at);
      const res = await t.call('PATCH', `/v1/suggestions/${code}`, {
        key,
        body: { status, ...(answer ? { answer } : {}) },
      });
      if (res.status !== 200) throw new Error(`${s.name} ${status}: ${res.text}`);
    };
    const created = Date.parse(s.at);
    if ('review' in s || 'outcome' in s) await move('in_review', created + 3_600_000);
    if ('outcome' in s) await move(s.outcome[0], created + s.outcome[1] * DAY, 'Réponse de la mairie');
    if ('done' in s) await move('done', created + 30 * DAY);
    if ('hide' in s) await t.call('POST', `/v1/suggestions/${code}/visibility`, { key, body: { hidden: true } });
  }
  clock = new Date('2026-12-01T12:00:00Z');
});

describe('GET /v1/territories/:t/suggestions/indicators', () => {
  it('matches the hand computation of the fixture', async () => {
    const res = await t.call('GET', `/v1/territories/${town.id}/suggestions/indicators?from=2026-11-01&to=2026-11-30`, {
      key: evaluator,
    });
    expect(res.status).toBe(200);
    const r = res.json;
    expect(r).toMatchObject({ territory: town.id, from: '2026-11-01', to: '2026-11-30', n: 6, hidden: 1 });
    expect(r.byCategory).toEqual({ voirie: 2, proprete: 2, culture: 2 });
    expect(r.byDistrict).toEqual({ centre: 3, gare: 2, unspecified: 1 });
    expect(r.byStatus).toEqual({ answered: 1, planned: 1, declined: 1, in_review: 1, received: 1, done: 1 });
    expect(r.firstAnswer.n).toBe(4);
    expect(r.firstAnswer.medianDays).toBeCloseTo(7, 9);
    expect(r.firstAnswer.p90Days).toBeCloseTo(17, 9);
    expect(r.withinPromise).toEqual({ promisedDays: 15, due: 5, inTime: 3, share: 0.6 });
    // No word here is used by five suggestions (MIN_SUGGESTIONS_PER_WORD): none is shown.
    expect(r.topWords).toEqual({ voirie: [], proprete: [], culture: [] });
    const words = Object.values(r.topWords as Record<string, { word: string }[]>).flatMap((list) =>
      list.map((w) => w.word),
    );
    expect(words.join(' ')).not.toMatch(/paul|durand|example|\d/);
  });

  it('refuses a reversed period', async () => {
    const res = await t.call('GET', `/v1/territories/${town.id}/suggestions/indicators?from=2026-11-30&to=2026-11-01`, {
      key: evaluator,
    });
    expect(res.status).toBe(400);
  });
});

describe('GET /v1/territories/:t/suggestions.csv', () => {
  it('exports one row per visible suggestion of the period, without text, contact or code', async () => {
    const res = await t.call('GET', `/v1/territories/${town.id}/suggestions.csv?from=2026-11-01&to=2026-11-30`, {
      key: evaluator,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'reference,createdDay,category,district,status,firstAnswerDay,daysToFirstAnswer,answeredWithinPromise,duplicate',
    );
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.includes(',declined,'))).toMatch(
      /^[0-9a-f]{16},2026-11-04,proprete,gare,declined,2026-11-24,20\.00,no,no$/,
    );
    expect(res.text).not.toMatch(/Déchets|trottoir|paul|06 12|Insultes|[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}/);
  });
});
