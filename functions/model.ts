/**
 * The API's own records (territories, keys, surveys), as zod schemas with derived types, in zod's
 * functional API (analytics/zod.ts): the public routes load this module.
 */
import * as z from '#analytics/zod.ts';
import type { SurveyDefinition } from '#analytics/questionnaire.ts';
import type { TerritoryInput } from '#analytics/territory.ts';

export const Role = z.enum(['admin', 'evaluator', 'moderator']);
export type Role = z.infer<typeof Role>;

export {
  DEFAULT_SUGGESTION_CATEGORIES,
  Origin,
  ResponseSettings,
  responseSettingsOf,
  SuggestionDistrict,
  SuggestionDistricts,
  SuggestionCategory,
  SuggestionSettings,
  TerritoryInput,
  TerritoryPatch,
  suggestionSettingsOf,
} from '#analytics/territory.ts';
export type Territory = z.infer<typeof TerritoryInput> & { createdAt: string; updatedAt?: string };

export const KeyInput = z.object({ role: Role, label: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)) });

export interface ApiKeyRecord {
  id: string;
  territory: string;
  role: Role;
  label: string;
  createdAt: string;
  /** When the key was last used, to the hour (recorded at most once an hour: see TerritoryStore.touchKey). */
  lastUsedAt?: string;
}

export const SurveyStatus = z.enum(['draft', 'live', 'closed']);

export { LATE_SUBMISSION_MS } from './late-submissions.ts';
export type SurveyStatus = z.infer<typeof SurveyStatus>;

export interface SurveyRecord {
  /**
   * Where the survey is stored: its public id once it has gone live, and `{territory}~{id}`
   * before, so that a draft's id is its territory's alone (functions/store/surveys.ts).
   */
  id: string;
  /** The id the API shows, while it differs from `id` (until the survey first goes live). */
  name?: string;
  territory: string;
  status: SurveyStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
}

/** The survey's id as the API shows it. */
export const surveyIdOf = (s: SurveyRecord): string => s.name ?? s.id;

/** The survey's record as the API shows it: its public id, not where it is stored. */
export function surveyView(s: SurveyRecord): SurveyRecord {
  const { name: _name, ...rest } = s;
  return { ...rest, id: surveyIdOf(s) };
}

export interface SurveyVersionRecord {
  surveyId: string;
  version: number;
  definition: SurveyDefinition;
  createdAt: string;
  /** When a newer version replaced it; it stays answerable for 30 days after. */
  replacedAt?: string;
}
