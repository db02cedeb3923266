/**
 * The public routes' schemas in zod, by name: what /openapi.json publishes for them (and what
 * the staff's routes that take the same parameters parse). The public routes themselves name
 * them through zod-free handles (functions/validation/public-requests.ts): their validators are
 * written without zod, so a visitor's cold start loads none of it, and tests hold each one to
 * its twin here, answer for answer (functions/validation/public-requests.test.ts).
 */
import * as z from '#analytics/zod.ts';
import { ResponseBody, ResponseId, SLUG, Slug } from '#analytics/questionnaire.ts';
import { SuggestionCategory, SuggestionDistrict } from '../model.ts';
import { PublicSuggestion, SubmitInput } from '../suggestion.ts';

/** The error shape of every answer that is not a success. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .register(z.globalRegistry, { id: 'Error' });

/** A survey's id in a path (`{id}`), as every survey route takes it. */
export const SurveyParam = z.object({ id: z.string().check(z.maxLength(64)) });
const SurveyId = z.string().check(z.regex(SLUG, 'not a survey id'));
/** A survey's id in a path (`{id}`), as the survey routes check it: the ids this API makes and takes. */
export const SurveyIdParam = z.object({ id: SurveyId });
/** A response's id in a path, and the receipt that proves it is the caller's. */
export const ResponseParam = z.object({ id: ResponseId });
export const ReceiptQuery = z.object({ receipt: z.string().check(z.maxLength(100)) });
/** A territory's id in a path (`{t}`). */
export const TerritoryParam = z.object({ t: Slug });
/** A suggestion's tracking code in a path. */
export const CodeParam = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(40)).register(z.globalRegistry, { example: 'K7M-4QX-9TD' }),
});

export const LiveSurvey = z.looseObject({ id: z.string(), version: z.int() });
export const Receipt = z.object({ id: z.string(), receipt: z.string() });
export const SuggestionChoices = z.object({
  items: z.array(SuggestionCategory),
  districts: z.array(SuggestionDistrict),
  promisedDays: z.int().register(z.globalRegistry, { example: 15 }),
});
export const SuggestionReceived = z.object({ code: z.string(), emailed: z.optional(z.boolean()) });

export { PublicSuggestion, ResponseBody, SubmitInput };

/** Every schema above by the name the public routes give it (functions/routes/router.ts `named`). */
export const publicSchemas = {
  ErrorSchema,
  SurveyParam,
  SurveyIdParam,
  ResponseParam,
  ReceiptQuery,
  TerritoryParam,
  CodeParam,
  LiveSurvey,
  Receipt,
  SuggestionChoices,
  SuggestionReceived,
  PublicSuggestion,
  ResponseBody,
  SubmitInput,
};
