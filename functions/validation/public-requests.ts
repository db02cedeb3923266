/**
 * The public routes' requests, validated without zod: the twins of the schemas of
 * functions/routes/public-schemas.ts, same names, same answers (public-requests.test.ts holds
 * them to it), so a visitor's cold start loads none of zod. The zod imports here are types only,
 * erased at build. A change to a twin is a change here too, or that test fails.
 */
import { AUDIENCES, CHANNELS, LOCALE, RESPONSE_ID, SLUG } from '#analytics/questionnaire-rules.ts';
import type * as z from '#analytics/zod.ts';
import type * as twins from '../routes/public-schemas.ts';
import {
  array,
  email,
  enumOf,
  int,
  isoDatetimeWithOffset,
  literal,
  maxLength,
  minLength,
  nul,
  number,
  object,
  optional,
  pattern,
  record,
  refuseOwnKey,
  string,
  trim,
  union,
  validator,
  withDefault,
} from './kit.ts';

// The patterns of analytics/questionnaire.ts (Slug, Locale, ResponseId) and of public-schemas.ts
// (a survey's id), from the zod-free module they share; the messages are theirs too, and the
// test checks each pattern against its twin's.
const slug = string(pattern(SLUG, 'expected 2–64 lowercase letters, digits and hyphens'));
const locale = string(pattern(LOCALE, 'expected a BCP 47 language tag such as fr or fr-BE'));
const responseId = string(pattern(RESPONSE_ID, 'expected a ULID or a UUID'));
const audience = enumOf(AUDIENCES);
const channel = enumOf(CHANNELS);

const answerValue = union(number, string(), array(string(), 50), nul);
/** A `__proto__` key is refused before the record, which would drop it silently (as Answers does). */
const answerRecord = record(string(maxLength(64)), answerValue, (answers) =>
  Object.keys(answers).length <= 200 ? undefined : 'at most 200 answers',
);
const answers = refuseOwnKey('__proto__', 'unknown question', answerRecord);

export const SurveyParam = validator<z.output<typeof twins.SurveyParam>>(
  'SurveyParam',
  object({ id: string(maxLength(64)) }),
);
export const SurveyIdParam = validator<z.output<typeof twins.SurveyIdParam>>(
  'SurveyIdParam',
  object({ id: string(pattern(SLUG, 'not a survey id')) }),
);
export const ResponseParam = validator<z.output<typeof twins.ResponseParam>>(
  'ResponseParam',
  object({ id: responseId }),
);
export const ReceiptQuery = validator<z.output<typeof twins.ReceiptQuery>>(
  'ReceiptQuery',
  object({ receipt: string(maxLength(100)) }),
);
export const TerritoryParam = validator<z.output<typeof twins.TerritoryParam>>('TerritoryParam', object({ t: slug }));
export const CodeParam = validator<z.output<typeof twins.CodeParam>>(
  'CodeParam',
  object({ code: string(minLength(1), maxLength(40)) }),
);
export const ResponseBody = validator<z.output<typeof twins.ResponseBody>>(
  'ResponseBody',
  object({
    id: responseId,
    audience,
    locale,
    answers,
    channel: withDefault(channel, 'web'),
    submittedAt: optional(isoDatetimeWithOffset()),
    version: optional(int(1, 1_000_000)),
  }),
);
export const SubmitInput = validator<z.output<typeof twins.SubmitInput>>(
  'SubmitInput',
  object({
    category: string(minLength(1), maxLength(64)),
    text: string(trim, minLength(1), maxLength(5000)),
    district: optional(string(trim, maxLength(100))),
    contact: optional(
      object({
        email: email(maxLength(254)),
        consent: literal(true, 'contact is kept only with consent: true'),
      }),
    ),
    website: optional(string(maxLength(2000))),
    elapsedMs: optional(number),
  }),
);
