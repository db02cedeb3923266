/**
 * The demo territory of a new data folder: created through the API itself (so it is what a
 * city would get), with a live survey and, for the reports, a synthetic history.
 *
 * Seeding takes a while on a first start and may be stopped at any point (Ctrl-C, a crash), so
 * every step can run again: `demo.json` records the admin key and the day the history ends as
 * soon as the territory exists, and says `"seeding"` until the last step is done; the history's
 * ids come from a seeded generator, so writing it again overwrites the same responses. A
 * territory made by a start stopped before `demo.json` was written gets a new admin key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, dayIn } from '#analytics/calendar.ts';
import { askedTo, SurveyDefinition, type Audience, type StoredResponse } from '#analytics/questionnaire.ts';
import { inLanguage, seededRandom, syntheticAnswers } from '#analytics/synthetic.ts';
import type { App } from '../app.ts';
import type { Deps } from '../deps.ts';
import { inPool } from '../pool.ts';
import { newApiKey, newKeyId, sha256 } from '../security.ts';
import { writePrivateFile } from './data-dir.ts';
import { demoSurvey } from './demo.ts';

export interface DemoSeed {
  territory: string;
  adminKey: string;
  surveyId: string;
}

/** What `demo.json` holds while seeding is under way. */
interface SeedState extends DemoSeed {
  seeding?: { historyUntil: string };
}

export const DEMO_TERRITORY = 'demo';
export const DEMO_SURVEY_ID = 'avignon-2026';

async function call(app: App, key: string, method: string, path: string, body: unknown, tolerate?: number) {
  const res = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status === tolerate) return undefined;
  if (!res.ok) throw new Error(`seeding ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, string>;
}

export interface SeedOptions {
  app: App;
  deps: Deps;
  dataDir: string;
  operatorKey: string;
  hostOrigin: string;
  historyDays: number;
  /** Told what the seeding is doing, for the person waiting. */
  progress?: (message: string) => void;
  /** Checked between steps: a stopped start stops seeding there. */
  signal?: AbortSignal;
}

export async function seedDemo(o: SeedOptions): Promise<DemoSeed> {
  const file = join(o.dataDir, 'demo.json');
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SeedState) : undefined;
  if (kept && !kept.seeding) return kept;
  o.progress?.(kept ? 'carrying on with the demo territory an earlier start left unfinished…' : 'seeding the demo…');
  const state: SeedState = kept ?? {
    territory: DEMO_TERRITORY,
    adminKey: await demoAdminKey(o),
    surveyId: DEMO_SURVEY_ID,
    seeding: { historyUntil: dayIn(o.deps.now(), 'Europe/Paris') },
  };
  writePrivateFile(file, JSON.stringify(state, null, 2));
  o.progress?.('demo territory created; now its live survey and a year of synthetic answers…');
  o.signal?.throwIfAborted();
  await call(
    o.app,
    state.adminKey,
    'POST',
    `/v1/territories/${DEMO_TERRITORY}/surveys`,
    {
      ...demoSurvey,
      id: DEMO_SURVEY_ID,
      // The demo city's privacy notice, on its own (second-origin) site.
      privacyUrl: `${o.hostOrigin}/confidentialite.html`,
    },
    409,
  );
  await call(o.app, state.adminKey, 'POST', `/v1/surveys/${DEMO_SURVEY_ID}/status`, { status: 'live' });
  if (o.historyDays > 0 && state.seeding) await seedHistory(o, state.seeding.historyUntil);
  const seed: DemoSeed = { territory: state.territory, adminKey: state.adminKey, surveyId: state.surveyId };
  writePrivateFile(file, JSON.stringify(seed, null, 2));
  return seed;
}

/** The demo territory's admin key: from creating it, or a new one when a stopped start created it already. */
async function demoAdminKey(o: SeedOptions): Promise<string> {
  const origins = [o.hostOrigin, o.hostOrigin.replace('localhost', '127.0.0.1')];
  const created = await call(
    o.app,
    o.operatorKey,
    'POST',
    '/v1/territories',
    {
      id: DEMO_TERRITORY,
      name: 'Avignon (démo)',
      allowedOrigins: origins,
      limits: { submissionsPerMinute: 120 },
      suggestionDistricts: [
        { id: 'intra-muros', label: { fr: 'Intra-muros', en: 'Within the walls' } },
        { id: 'montfavet', label: { fr: 'Montfavet' } },
        { id: 'saint-ruf', label: { fr: 'Saint-Ruf' } },
        { id: 'nord-rocade', label: { fr: 'Nord Rocade' } },
      ],
    },
    409,
  );
  if (created?.adminKey) return created.adminKey;
  const adminKey = newApiKey();
  await o.deps.stores.territories.addKey(sha256(adminKey), {
    id: newKeyId(),
    territory: DEMO_TERRITORY,
    role: 'admin',
    label: 'demo admin key (after an interrupted first start)',
    createdAt: o.deps.now().toISOString(),
  });
  return adminKey;
}

/** A UUID drawn from the seeded generator: the same history gets the same ids every time. */
function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** A year and more of plausible answers up to `until`, with a welcome campaign that lifts the last months. */
async function seedHistory(o: SeedOptions, until: string): Promise<void> {
  const definition = SurveyDefinition.parse(demoSurvey);
  const random = seededRandom(2026);
  const audiences: Audience[] = ['visitor', 'visitor', 'visitor', 'resident', 'resident', 'investor'];
  const byMonth = new Map<string, StoredResponse[]>();
  for (let back = o.historyDays; back >= 1; back--) {
    const day = addDays(until, -back);
    const count = 4 + Math.floor(random() * 9);
    for (let i = 0; i < count; i++) {
      const audience = audiences[Math.floor(random() * audiences.length)] ?? 'visitor';
      const answers = syntheticAnswers(definition, back < 90 ? () => Math.min(0.999, random() * 1.1) : random);
      for (const q of definition.questions) if (!askedTo(q, audience)) delete answers[q.id];
      const month = day.slice(0, 7);
      const id = seededUuid(random);
      const locale = random() < 0.75 ? 'fr' : 'en';
      byMonth.set(month, [
        ...(byMonth.get(month) ?? []),
        {
          id,
          surveyId: DEMO_SURVEY_ID,
          version: 1,
          audience,
          locale,
          channel: random() < 0.8 ? 'web' : 'kiosk',
          submittedAt: `${day}T11:00:00+01:00`,
          day,
          answers: inLanguage(answers, locale),
        },
      ]);
    }
  }
  for (const [month, responses] of byMonth) {
    o.signal?.throwIfAborted();
    o.progress?.(`synthetic answers of ${month}…`);
    await o.deps.stores.responses.putMany(responses);
    const days = [...new Set(responses.map((r) => r.day))];
    // Each day marked as arriving on that day, as its answers say they were sent: a mark stays
    // until its arrival day is over, so marks dated today would keep the whole history "not
    // counted yet" in every report until tomorrow's night, though the first run counts it.
    await inPool(days, 16, (day) => o.deps.stores.responses.markDirty(DEMO_SURVEY_ID, day, `${day}T12:00:00.000Z`));
  }
}
