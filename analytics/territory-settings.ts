/**
 * A territory's settings that have defaults, read without zod: what the public routes need of a
 * stored territory (the schemas that check them on the way in are territory.ts's, which uses
 * these defaults and re-exports all of this).
 */
import type { ResponseSettings, SuggestionSettings } from './territory.ts';

/** For territories made before these settings existed, or that never set them. */
export const SUGGESTION_DEFAULTS = { promisedDays: 15, retentionMonths: 12, minFillMs: 3000 };
export const RESPONSE_DEFAULTS = { freeTextDays: 365 };

/** A stored territory's suggestion settings (checked when written), each absent one at its default. */
export const suggestionSettingsOf = (t: { suggestions?: Partial<SuggestionSettings> }): SuggestionSettings => ({
  promisedDays: t.suggestions?.promisedDays ?? SUGGESTION_DEFAULTS.promisedDays,
  retentionMonths: t.suggestions?.retentionMonths ?? SUGGESTION_DEFAULTS.retentionMonths,
  minFillMs: t.suggestions?.minFillMs ?? SUGGESTION_DEFAULTS.minFillMs,
});
/** A stored territory's response settings (checked when written), each absent one at its default. */
export const responseSettingsOf = (t: { responses?: Partial<ResponseSettings> }): ResponseSettings => ({
  freeTextDays: t.responses?.freeTextDays ?? RESPONSE_DEFAULTS.freeTextDays,
});
