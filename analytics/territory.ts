/**
 * A territory's settings as zod schemas: what the operator gives at creation and an admin edits
 * later. Pure, so the API validates with them and the staff console shows the same errors at
 * the field before anything is sent. Written with zod's functional API (./zod.ts), as the public
 * routes parse them.
 */
import * as z from './zod.ts';
import { isTimeZone } from './calendar.ts';
import { ORIGIN_MAX_LENGTH, ORIGIN_MESSAGE, originOf } from './origin.ts';
import { LocalizedText, Locale, Slug } from './questionnaire.ts';
import { RESPONSE_DEFAULTS, SUGGESTION_DEFAULTS } from './territory-settings.ts';

export {
  RESPONSE_DEFAULTS,
  responseSettingsOf,
  SUGGESTION_DEFAULTS,
  suggestionSettingsOf,
} from './territory-settings.ts';

/** `https://www.example.fr` or `http://localhost:8080`: a scheme, a host and maybe a port, nothing after. */
export const Origin = z.pipe(
  z.string().check(
    z.maxLength(ORIGIN_MAX_LENGTH),
    z.refine((s) => originOf(s) !== undefined, ORIGIN_MESSAGE),
  ),
  z.transform((s: string) => new URL(s).origin),
);

export const SuggestionCategory = z.object({ id: Slug, label: LocalizedText });
export type SuggestionCategory = z.infer<typeof SuggestionCategory>;

export const DEFAULT_SUGGESTION_CATEGORIES: SuggestionCategory[] = [
  { id: 'voirie', label: { fr: 'Voirie', en: 'Roads and pavements' } },
  { id: 'proprete', label: { fr: 'Propreté', en: 'Cleanliness' } },
  { id: 'transports', label: { fr: 'Transports', en: 'Transport' } },
  { id: 'culture', label: { fr: 'Culture', en: 'Culture' } },
  { id: 'environnement', label: { fr: 'Environnement', en: 'Environment' } },
  { id: 'securite', label: { fr: 'Sécurité', en: 'Safety' } },
  { id: 'commerces', label: { fr: 'Commerces', en: 'Shops' } },
  { id: 'autre', label: { fr: 'Autre', en: 'Other' } },
];

const promisedDays = z.int().check(z.minimum(1), z.maximum(365));
const retentionMonths = z.int().check(z.minimum(1), z.maximum(120));
const minFillMs = z.int().check(z.minimum(0), z.maximum(600_000));

/** How a territory runs its suggestion box; absent in territories made before it, hence the defaults. */
export const SuggestionSettings = z.object({
  /** The answer delay the city hall promises, in days. */
  promisedDays: z._default(promisedDays, SUGGESTION_DEFAULTS.promisedDays),
  /** Months a done suggestion keeps its contact before DynamoDB's TTL deletes it. */
  retentionMonths: z._default(retentionMonths, SUGGESTION_DEFAULTS.retentionMonths),
  /** A form the widget reports filled faster than this is a robot's. */
  minFillMs: z._default(minFillMs, SUGGESTION_DEFAULTS.minFillMs),
});
export type SuggestionSettings = z.infer<typeof SuggestionSettings>;

const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
const timeZone = z.string().check(z.maxLength(64), z.refine(isTimeZone, 'unknown time zone'));
const allowedOrigins = z.array(Origin).check(z.maxLength(50));
const locales = z.array(Locale).check(z.minLength(1), z.maxLength(20));
const submissionsPerMinute = z.int().check(z.minimum(1), z.maximum(100_000));
const uniqueIds = (items: { id: string }[]) => new Set(items.map((x) => x.id)).size === items.length;
const suggestionCategories = z
  .array(SuggestionCategory)
  .check(z.minLength(1), z.maxLength(50), z.refine(uniqueIds, 'duplicate category id'));

/** A district a resident may pick: an id and its names, like a category. */
export const SuggestionDistrict = SuggestionCategory;
export type SuggestionDistrict = SuggestionCategory;
/** A territory's districts for suggestions: none means residents give none. */
export const SuggestionDistricts = z
  .array(SuggestionDistrict)
  .check(z.maxLength(200), z.refine(uniqueIds, 'duplicate district id'));

const freeTextDays = z.int().check(z.minimum(30), z.maximum(3650));
/** What a territory keeps of survey responses; absent in territories made before it, hence the default. */
export const ResponseSettings = z.object({
  /** Days free-text answers are kept; the nightly job then removes them, numeric answers stay. */
  freeTextDays: z._default(freeTextDays, RESPONSE_DEFAULTS.freeTextDays),
});
export type ResponseSettings = z.infer<typeof ResponseSettings>;

export const TerritoryInput = z.object({
  id: Slug,
  name,
  timeZone: z._default(timeZone, 'Europe/Paris'),
  allowedOrigins,
  locales: z._default(locales, ['fr', 'en']),
  limits: z._default(z.object({ submissionsPerMinute: z._default(submissionsPerMinute, 30) }), {
    submissionsPerMinute: 30,
  }),
  suggestionCategories: z._default(suggestionCategories, DEFAULT_SUGGESTION_CATEGORIES),
  suggestions: z.optional(SuggestionSettings),
  suggestionDistricts: z.optional(SuggestionDistricts),
  responses: z.optional(ResponseSettings),
});
export type TerritoryInput = z.input<typeof TerritoryInput>;

/**
 * What an admin may change after creation: any setting but the id, each one whole (a list
 * given replaces the list). No defaults here, so a field left out keeps its value.
 */
export const TerritoryPatch = z
  .partial(
    z.object({
      name,
      timeZone,
      allowedOrigins,
      locales,
      limits: z.object({ submissionsPerMinute }),
      suggestionCategories,
      suggestions: z.partial(z.object({ promisedDays, retentionMonths, minFillMs })),
      suggestionDistricts: SuggestionDistricts,
      responses: z.partial(z.object({ freeTextDays })),
    }),
  )
  .check(z.refine((p) => Object.keys(p).length > 0, 'change at least one setting'));
export type TerritoryPatch = z.infer<typeof TerritoryPatch>;
