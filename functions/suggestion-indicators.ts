/**
 * The suggestions of a period as the indicators and the open-data export need them; the same
 * function serves the indicators endpoint and the nightly report (`suggestionIndicatorsFor`).
 */
import { addDays, dayIn } from '#analytics/calendar.ts';
import { suggestionIndicators, type SuggestionIndicators } from '#analytics/suggestions.ts';
import { suggestionSettingsOf, type Territory } from './model.ts';
import type { SuggestionStore } from './store/suggestions.ts';
import { listedDistrict, type SuggestionRecord } from './suggestion.ts';

export interface SuggestionPeriod {
  /** Days (YYYY-MM-DD) in the territory's time zone, inclusive. */
  from: string;
  to: string;
}

/** Each page of the suggestions created on the period's days, in the territory's time zone. */
export async function* suggestionsCreatedIn(
  store: SuggestionStore,
  territory: Territory,
  p: SuggestionPeriod,
): AsyncGenerator<SuggestionRecord[]> {
  // A day in any time zone lies within the UTC days around it; the exact day is checked after.
  for await (const page of store.created(
    territory.id,
    `${addDays(p.from, -1)}T00:00:00`,
    `${addDays(p.to, 1)}T23:59:59.999Z`,
  )) {
    yield page.filter((s) => {
      const day = dayIn(new Date(s.createdAt), territory.timeZone);
      return day >= p.from && day <= p.to;
    });
  }
}

export interface TerritorySuggestionIndicators extends SuggestionIndicators {
  territory: string;
  from: string;
  to: string;
  generatedAt: string;
}

/** The suggestion box indicators of a territory and period, ready for the report JSON. */
export async function suggestionIndicatorsFor(
  store: SuggestionStore,
  territory: Territory,
  p: SuggestionPeriod,
  now: Date,
): Promise<TerritorySuggestionIndicators> {
  const all: SuggestionRecord[] = [];
  for await (const page of suggestionsCreatedIn(store, territory, p)) all.push(...page);
  // Only listed districts go out: an old free-text one counts as unspecified.
  const facts = all.map((s) => ({ ...s, district: listedDistrict(territory.suggestionDistricts, s.district) }));
  const indicators = suggestionIndicators(facts, {
    promisedDays: suggestionSettingsOf(territory).promisedDays,
    asOf: now.toISOString(),
  });
  return { territory: territory.id, from: p.from, to: p.to, generatedAt: now.toISOString(), ...indicators };
}
