/**
 * A territory's settings as zod schemas: what the operator gives at creation and an admin edits
 * later. Pure, so the API validates with them and the staff console shows the same errors at
 * the field before anything is sent.
 */
import * as z from 'zod';
import { isTimeZone } from './calendar.ts';
import { LocalizedText, Locale, Slug } from './questionnaire.ts';

/** `https://www.example.fr` or `http://localhost:8080`: a scheme, a host and maybe a port, nothing after. */
export const Origin = z
  .string()
  .max(200)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'expected an origin such as https://www.example.fr (scheme, host and port only)')
  .transform((s) => new URL(s).origin);

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

const promisedDays = z.int().min(1).max(365);
const retentionMonths = z.int().min(1).max(120);
const minFillMs = z.int().min(0).max(600_000);

/** How a territory runs its suggestion box; absent in territories made before it, hence the defaults. */
export const SuggestionSettings = z.object({
  /** The answer delay the city hall promises, in days. */
  promisedDays: promisedDays.default(15),
  /** Months a done suggestion keeps its contact before DynamoDB's TTL deletes it. */
  retentionMonths: retentionMonths.default(12),
  /** A form the widget reports filled faster than this is a robot's. */
  minFillMs: minFillMs.default(3000),
});
export type SuggestionSettings = z.infer<typeof SuggestionSettings>;
export const suggestionSettingsOf = (t: { suggestions?: Partial<SuggestionSettings> }): SuggestionSettings =>
  SuggestionSettings.parse(t.suggestions ?? {});

const name = z.string().trim().min(1).max(200);
const timeZone = z.string().max(64).refine(isTimeZone, 'unknown time zone');
const allowedOrigins = z.array(Origin).max(50);
const locales = z.array(Locale).min(1).max(20);
const submissionsPerMinute = z.int().min(1).max(100_000);
const uniqueIds = (items: { id: string }[]) => new Set(items.map((x) => x.id)).size === items.length;
const suggestionCategories = z.array(SuggestionCategory).min(1).max(50).refine(uniqueIds, 'duplicate category id');

/** A district a resident may pick: an id and its names, like a category. */
export const SuggestionDistrict = SuggestionCategory;
export type SuggestionDistrict = SuggestionCategory;
/** A territory's districts for suggestions: none means residents give none. */
export const SuggestionDistricts = z.array(SuggestionDistrict).max(200).refine(uniqueIds, 'duplicate district id');

const freeTextDays = z.int().min(30).max(3650);
/** What a territory keeps of survey responses; absent in territories made before it, hence the default. */
export const ResponseSettings = z.object({
  /** Days free-text answers are kept; the nightly job then removes them, numeric answers stay. */
  freeTextDays: freeTextDays.default(365),
});
export type ResponseSettings = z.infer<typeof ResponseSettings>;
export const responseSettingsOf = (t: { responses?: Partial<ResponseSettings> }): ResponseSettings =>
  ResponseSettings.parse(t.responses ?? {});

export const TerritoryInput = z.object({
  id: Slug,
  name,
  timeZone: timeZone.default('Europe/Paris'),
  allowedOrigins,
  locales: locales.default(['fr', 'en']),
  limits: z.object({ submissionsPerMinute: submissionsPerMinute.default(30) }).default({ submissionsPerMinute: 30 }),
  suggestionCategories: suggestionCategories.default(DEFAULT_SUGGESTION_CATEGORIES),
  suggestions: SuggestionSettings.optional(),
  suggestionDistricts: SuggestionDistricts.optional(),
  responses: ResponseSettings.optional(),
});
export type TerritoryInput = z.input<typeof TerritoryInput>;

/**
 * What an admin may change after creation: any setting but the id, each one whole (a list
 * given replaces the list). No defaults here, so a field left out keeps its value.
 */
export const TerritoryPatch = z
  .object({
    name,
    timeZone,
    allowedOrigins,
    locales,
    limits: z.object({ submissionsPerMinute }),
    suggestionCategories,
    suggestions: z.object({ promisedDays, retentionMonths, minFillMs }).partial(),
    suggestionDistricts: SuggestionDistricts,
    responses: z.object({ freeTextDays }).partial(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'change at least one setting');
export type TerritoryPatch = z.infer<typeof TerritoryPatch>;
