/** The same month of responses, to the byte, for the nightly fault tests' two tables. */
import type { StoredResponse } from '#analytics/questionnaire.ts';
import { addDays, dayIn } from '#analytics/calendar.ts';
import type { testApp } from '../testing/harness.ts';
import { SURVEY } from './world.ts';

export async function setUpSurvey(t: Awaited<ReturnType<typeof testApp>>): Promise<string> {
  const territory = await t.call('POST', '/v1/territories', {
    key: t.operatorKey,
    body: { id: 'nightly', name: 'Nightly', allowedOrigins: [] },
  });
  if (territory.status !== 201) throw new Error(`territory: ${territory.status}`);
  const adminKey = territory.json.adminKey as string;
  const created = await t.call('POST', '/v1/territories/nightly/surveys', {
    key: adminKey,
    body: { ...SURVEY, id: 'nightly-survey' },
  });
  if (created.status !== 201) throw new Error(`survey: ${created.status}`);
  await t.call('POST', '/v1/surveys/nightly-survey/status', { key: adminKey, body: { status: 'live' } });
  return 'nightly-survey';
}

/** `perDay` responses on each of the `days` days before `now` (Europe/Paris), answers from a fixed sequence. */
export function seededResponses(surveyId: string, now: Date, days: number, perDay: number): StoredResponse[] {
  let seed = 42;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % n;
  };
  const today = dayIn(now, 'Europe/Paris');
  const out: StoredResponse[] = [];
  for (let d = 1; d <= days; d++) {
    const day = addDays(today, -d);
    for (let i = 0; i < perDay; i++) {
      out.push({
        id: `00000000-0000-4000-8000-${String(d * 1000 + i).padStart(12, '0')}`,
        surveyId,
        version: 1,
        audience: next(3) === 0 ? 'resident' : 'visitor',
        locale: next(2) === 0 ? 'fr' : 'en',
        channel: 'web',
        submittedAt: `${day}T12:00:00+01:00`,
        day,
        answers: {
          recommend: next(11),
          welcome: 1 + next(5),
          origin: next(2) === 0 ? 'fr' : 'abroad',
          interests: next(2) === 0 ? ['food'] : ['food', 'art'],
        },
      });
    }
  }
  return out;
}
