/**
 * The retention of free-text answers (the territory's `responses.freeTextDays`, 365 by
 * default): each night, the responses of the days that have just passed it lose their
 * free-text answers; numeric and choice answers stay, so the aggregates and any later
 * recomputation of them are unchanged. The comment digests of those days (the reports' selection
 * and count of comments) are deleted with them. The nightly job, not DynamoDB's TTL: a TTL deletes
 * whole items, so the numeric answers would go too, and a day recomputed afterwards (a late
 * response, a re-run) would lose them from the indices.
 */
import { addDays, dayIn } from '#analytics/calendar.ts';
import type { StoredResponse, SurveyDefinition } from '#analytics/questionnaire.ts';
import type { Stores } from '../deps.ts';
import { responseSettingsOf, type SurveyRecord, type Territory } from '../model.ts';

/** A response without the answers to its version's text questions; undefined when it has none. */
function withoutFreeText(r: StoredResponse, definition: SurveyDefinition | undefined): StoredResponse | undefined {
  const texts = (definition?.questions ?? []).filter((q) => q.type === 'text' && Object.hasOwn(r.answers, q.id));
  if (texts.length === 0) return undefined;
  const answers = { ...r.answers };
  for (const q of texts) delete answers[q.id];
  return { ...r, answers };
}

/** Removes the free text of every day from the last one done up to the cut-off; returns how many responses changed. */
export async function expireFreeText(
  ctx: { stores: Stores; now: () => Date; signal?: AbortSignal },
  territory: Territory,
  survey: SurveyRecord,
): Promise<number> {
  const { textExpiry, responses, surveys, comments } = ctx.stores;
  const today = dayIn(ctx.now(), territory.timeZone);
  const cutoff = addDays(today, -(responseSettingsOf(territory).freeTextDays + 1));
  const done = await textExpiry.through(survey.id);
  // Never done: from the oldest day a response can have (30 days before the survey, or its first aggregate).
  const created = addDays(dayIn(new Date(survey.createdAt), territory.timeZone), -31);
  const first = await textExpiry.firstAggregatedDay(survey.id);
  let day = done ? addDays(done, 1) : first && first < created ? first : created;
  if (day > cutoff) return 0;
  const definitions = new Map((await surveys.versions(survey.id)).map((v) => [v.version, v.definition]));
  let changed = 0;
  for (; day <= cutoff; day = addDays(day, 1)) {
    ctx.signal?.throwIfAborted();
    for (const r of await responses.day(survey.id, day)) {
      const trimmed = withoutFreeText(r, definitions.get(r.version));
      if (!trimmed) continue;
      await textExpiry.rewrite(trimmed);
      changed++;
    }
    // The comments drawn from that day go too, from the day's digest and its month's.
    await comments.deleteDay(survey.id, day);
    await comments.rollUpMonth(survey.id, day.slice(0, 7));
    // Day by day: a run stopped halfway goes on from here the next night.
    await textExpiry.setThrough(survey.id, day);
  }
  return changed;
}
