/**
 * The demo territory of a new data folder: created through the API itself (so it is what a
 * city would get), with a live survey and, for the reports, a synthetic history.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, dayIn } from '#analytics/calendar.ts';
import { askedTo, SurveyDefinition, type Audience, type StoredResponse } from '#analytics/questionnaire.ts';
import { seededRandom, syntheticAnswers } from '#analytics/synthetic.ts';
import type { App } from '../app.ts';
import type { Deps } from '../deps.ts';
import { inPool } from '../pool.ts';
import { demoSurvey } from './demo.ts';

export interface DemoSeed {
  territory: string;
  adminKey: string;
  surveyId: string;
}

export const DEMO_TERRITORY = 'demo';
export const DEMO_SURVEY_ID = 'avignon-2026';

async function call(app: App, key: string, method: string, path: string, body: unknown) {
  const res = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`seeding ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, string>;
}

export async function seedDemo(o: {
  app: App;
  deps: Deps;
  dataDir: string;
  operatorKey: string;
  hostOrigin: string;
  historyDays: number;
}): Promise<DemoSeed> {
  const file = join(o.dataDir, 'demo.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoSeed;
  const origins = [o.hostOrigin, o.hostOrigin.replace('localhost', '127.0.0.1')];
  const { adminKey } = await call(o.app, o.operatorKey, 'POST', '/v1/territories', {
    id: DEMO_TERRITORY,
    name: 'Avignon (démo)',
    allowedOrigins: origins,
    limits: { submissionsPerMinute: 120 },
  });
  if (!adminKey) throw new Error('seeding: no admin key');
  await call(o.app, adminKey, 'POST', `/v1/territories/${DEMO_TERRITORY}/surveys`, {
    ...demoSurvey,
    id: DEMO_SURVEY_ID,
    // The demo city's privacy notice, on its own (second-origin) site.
    privacyUrl: `${o.hostOrigin}/confidentialite.html`,
  });
  await call(o.app, adminKey, 'POST', `/v1/surveys/${DEMO_SURVEY_ID}/status`, { status: 'live' });
  if (o.historyDays > 0) await seedHistory(o.deps, o.historyDays);
  const seed = { territory: DEMO_TERRITORY, adminKey, surveyId: DEMO_SURVEY_ID };
  writeFileSync(file, JSON.stringify(seed, null, 2), { mode: 0o600 });
  return seed;
}

/** A year and more of plausible answers, with a welcome campaign that lifts the last months. */
async function seedHistory(deps: Deps, days: number): Promise<void> {
  const definition = SurveyDefinition.parse(demoSurvey);
  const random = seededRandom(2026);
  const today = dayIn(deps.now(), 'Europe/Paris');
  const audiences: Audience[] = ['visitor', 'visitor', 'visitor', 'resident', 'resident', 'investor'];
  const responses: StoredResponse[] = [];
  for (let back = days; back >= 1; back--) {
    const day = addDays(today, -back);
    const count = 4 + Math.floor(random() * 9);
    for (let i = 0; i < count; i++) {
      const audience = audiences[Math.floor(random() * audiences.length)] ?? 'visitor';
      const answers = syntheticAnswers(definition, back < 90 ? () => Math.min(0.999, random() * 1.1) : random);
      for (const q of definition.questions) if (!askedTo(q, audience)) delete answers[q.id];
      responses.push({
        id: crypto.randomUUID(),
        surveyId: DEMO_SURVEY_ID,
        version: 1,
        audience,
        locale: random() < 0.75 ? 'fr' : 'en',
        channel: random() < 0.8 ? 'web' : 'kiosk',
        submittedAt: `${day}T11:00:00+01:00`,
        day,
        answers,
      });
    }
  }
  await deps.stores.responses.putMany(responses);
  const now = deps.now().toISOString();
  const dirty = [...new Set(responses.map((r) => r.day))];
  await inPool(dirty, 16, (day) => deps.stores.responses.markDirty(DEMO_SURVEY_ID, day, now));
}
