/** The API's own records (territories, keys, surveys), as zod schemas with derived types. */
import * as z from 'zod';
import type { SurveyDefinition } from '#analytics/questionnaire.ts';
import type { TerritoryInput } from '#analytics/territory.ts';
import { Objective, WeightingTargets } from '#analytics/report-schema.ts';

export const Role = z.enum(['admin', 'evaluator', 'moderator']);
export type Role = z.infer<typeof Role>;

export {
  DEFAULT_SUGGESTION_CATEGORIES,
  Origin,
  SuggestionCategory,
  SuggestionSettings,
  TerritoryInput,
  TerritoryPatch,
  suggestionSettingsOf,
} from '#analytics/territory.ts';
export type Territory = z.infer<typeof TerritoryInput> & { createdAt: string; updatedAt?: string };

export const KeyInput = z.object({ role: Role, label: z.string().trim().min(1).max(100) });

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
