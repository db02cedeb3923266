/** The API's own records (territories, keys, surveys), as zod schemas with derived types. */
import * as z from 'zod';
import { isTimeZone } from '#analytics/calendar.ts';
import { LocalizedText, Locale, Slug, type SurveyDefinition } from '#analytics/questionnaire.ts';
import { Objective, WeightingTargets } from '#analytics/report-schema.ts';

export const Role = z.enum(['admin', 'evaluator', 'moderator']);
export type Role = z.infer<typeof Role>;

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
/** A district a resident may pick: an id and its names, like a category. */
export const SuggestionDistrict = SuggestionCategory;
export type SuggestionDistrict = SuggestionCategory;

const uniqueIds = (items: { id: string }[]) => new Set(items.map((x) => x.id)).size === items.length;

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

/** How a territory runs its suggestion box; absent in territories made before it, hence the defaults. */
export const SuggestionSettings = z.object({
  /** The answer delay the city hall promises, in days. */
  promisedDays: z.int().min(1).max(365).default(15),
  /** Months a done suggestion keeps its contact before DynamoDB's TTL deletes it. */
  retentionMonths: z.int().min(1).max(120).default(12),
  /** A form the widget reports filled faster than this is a robot's. */
  minFillMs: z.int().min(0).max(600_000).default(3000),
});
export type SuggestionSettings = z.infer<typeof SuggestionSettings>;
export const suggestionSettingsOf = (t: { suggestions?: Partial<SuggestionSettings> }): SuggestionSettings =>
  SuggestionSettings.parse(t.suggestions ?? {});

/** What a territory keeps of survey responses; absent in territories made before it, hence the default. */
export const ResponseSettings = z.object({
  /** Days free-text answers are kept; the nightly job then removes them, numeric answers stay. */
  freeTextDays: z.int().min(30).max(3650).default(365),
});
export type ResponseSettings = z.infer<typeof ResponseSettings>;
export const responseSettingsOf = (t: { responses?: Partial<ResponseSettings> }): ResponseSettings =>
  ResponseSettings.parse(t.responses ?? {});

/** A territory's districts for suggestions: none means residents give none. */
export const SuggestionDistricts = z.array(SuggestionDistrict).max(200).refine(uniqueIds, 'duplicate district id');

export const TerritoryInput = z.object({
  id: Slug,
  name: z.string().trim().min(1).max(200),
  timeZone: z.string().max(64).refine(isTimeZone, 'unknown time zone').default('Europe/Paris'),
  allowedOrigins: z.array(Origin).max(50),
  locales: z.array(Locale).min(1).max(20).default(['fr', 'en']),
  limits: z
    .object({ submissionsPerMinute: z.int().min(1).max(100_000).default(30) })
    .default({ submissionsPerMinute: 30 }),
  suggestionCategories: z
    .array(SuggestionCategory)
    .min(1)
    .max(50)
    .refine(uniqueIds, 'duplicate category id')
    .default(DEFAULT_SUGGESTION_CATEGORIES),
  suggestions: SuggestionSettings.optional(),
  suggestionDistricts: SuggestionDistricts.optional(),
  responses: ResponseSettings.optional(),
});
export type Territory = z.infer<typeof TerritoryInput> & { createdAt: string };

export const KeyInput = z.object({ role: Role, label: z.string().trim().min(1).max(100) });

export interface ApiKeyRecord {
  id: string;
  territory: string;
  role: Role;
  label: string;
  createdAt: string;
}

export const SurveyStatus = z.enum(['draft', 'live', 'closed']);
export type SurveyStatus = z.infer<typeof SurveyStatus>;

export interface SurveyRecord {
  id: string;
  territory: string;
  status: SurveyStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
}

export interface SurveyVersionRecord {
  surveyId: string;
  version: number;
  definition: SurveyDefinition;
  createdAt: string;
  /** When a newer version replaced it; it stays answerable for 30 days after. */
  replacedAt?: string;
}

/** What an admin sets for a survey's reports: population targets and objectives. */
export const SurveySettings = z.object({
  weighting: WeightingTargets.optional(),
  objectives: z.array(Objective).max(100).optional(),
});
export type SurveySettings = z.infer<typeof SurveySettings>;
