/**
 * The suggestion box's own model: tracking codes, the lifecycle, and the records the store
 * keeps. Schemas live here, in zod's functional API (analytics/zod.ts) as the public routes parse
 * them; types derive from them.
 */
import * as z from '#analytics/zod.ts';
import { SUGGESTION_OUTCOMES, SUGGESTION_STATUSES } from '#analytics/suggestion-statuses.ts';

export {
  canMove,
  canonicalCode,
  listedDistrict,
  monthsLater,
  newTrackingCode,
  OUTCOMES,
  publicView,
} from './suggestion-rules.ts';

export const SuggestionStatus = z.enum(SUGGESTION_STATUSES);
export type SuggestionStatus = z.infer<typeof SuggestionStatus>;
export const SuggestionOutcome = z.enum(SUGGESTION_OUTCOMES);
export type SuggestionOutcome = z.infer<typeof SuggestionOutcome>;

export const SubmitInput = z
  .object({
    category: z.string().check(z.minLength(1), z.maxLength(64)),
    text: z.string().check(z.trim(), z.minLength(1), z.maxLength(5000)),
    district: z.optional(z.string().check(z.trim(), z.maxLength(100))),
    contact: z.optional(
      z.object({
        email: z.email().check(z.maxLength(254)),
        consent: z.literal(true, 'contact is kept only with consent: true'),
      }),
    ),
    /** The widget's honeypot: a field people never see, so only robots fill it. */
    website: z.optional(z.string().check(z.maxLength(2000))),
    /** Milliseconds between the form being shown and sent, as the widget measured it (a clock jump may make it negative: not judged then). */
    elapsedMs: z.optional(z.number()),
  })
  .register(z.globalRegistry, { id: 'SuggestionInput' });
export type SubmitInput = z.infer<typeof SubmitInput>;

export const PublicAnswer = z.object({ text: z.string(), at: z.string() });

/**
 * The public view: what the resident holding the code may read. Their own text with contact
 * details masked, the town hall's answer as written; never the district or the contact.
 */
export const PublicSuggestion = z
  .object({
    code: z.string(),
    status: SuggestionStatus,
    /** The town hall's outcome, kept once the suggestion is closed (`done`). */
    outcome: z.optional(SuggestionOutcome),
    /** The status in words, as staff and e-mails say it ("Non retenue — clôturée"). */
    label: z.object({ fr: z.string(), en: z.string() }),
    category: z.string(),
    /** The resident's text, e-mail addresses and phone numbers masked. */
    text: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    answer: z.optional(PublicAnswer),
    /**
     * Merged into another resident's suggestion, which is followed instead: where that one
     * stands, never its code (a code is its resident's key to it).
     */
    merged: z.optional(z.object({ status: SuggestionStatus, updatedAt: z.string(), answer: z.optional(PublicAnswer) })),
  })
  .register(z.globalRegistry, { id: 'PublicSuggestion' });
export type PublicView = z.infer<typeof PublicSuggestion>;

/** The moderators' view of a suggestion (the contact apart). */
export const SuggestionRecord = z
  .object({
    code: z.string(),
    territory: z.string(),
    category: z.string(),
    text: z.string(),
    district: z.optional(z.string()),
    status: SuggestionStatus,
    /** The outcome it reached (answered, planned, declined, duplicate), which closing keeps. */
    outcome: z.optional(SuggestionOutcome),
    createdAt: z.string(),
    updatedAt: z.string(),
    answer: z.optional(PublicAnswer),
    firstAnswerAt: z.optional(z.string()),
    doneAt: z.optional(z.string()),
    hidden: z.optional(z.boolean()),
    mergedInto: z.optional(z.string()),
    hasContact: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'Suggestion' });
export type SuggestionRecord = z.infer<typeof SuggestionRecord>;

export const HistoryAction = z.enum([
  'received',
  'status',
  'answer',
  'note',
  'hide',
  'show',
  'merge',
  'contact_erased',
]);

/** One change, with who made it (the key's label and id) and when. */
export const HistoryEntry = z
  .object({
    at: z.string(),
    action: HistoryAction,
    by: z.optional(z.string()),
    keyId: z.optional(z.string()),
    from: z.optional(SuggestionStatus),
    to: z.optional(SuggestionStatus),
    answer: z.optional(z.string()),
    note: z.optional(z.string()),
    into: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'SuggestionHistoryEntry' });
export type HistoryEntry = z.infer<typeof HistoryEntry>;
