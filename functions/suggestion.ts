/**
 * The suggestion box's own model: tracking codes, the lifecycle, and the records the store
 * keeps. Schemas live here, in zod's functional API (analytics/zod.ts) as the public routes parse
 * them; types derive from them.
 */
import { randomBytes } from 'node:crypto';
import * as z from '#analytics/zod.ts';
import {
  NEXT_STATUSES,
  SUGGESTION_OUTCOMES,
  SUGGESTION_STATUSES,
  statusLabel,
} from '#analytics/suggestion-statuses.ts';
import { maskContactDetails } from '#analytics/suggestion-text.ts';

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand cannot be misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 9;

/** A new tracking code such as `K7M-4QX-9TD`: 45 random bits, nothing sequential to guess from. */
export function newTrackingCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]);
  return `${chars.slice(0, 3).join('')}-${chars.slice(3, 6).join('')}-${chars.slice(6).join('')}`;
}

/**
 * A code as typed by a person, in canonical form, or undefined when it cannot be one: case,
 * spaces and dashes ignored, O read as 0 and I or L as 1 (Crockford's decoding rules).
 */
export function canonicalCode(typed: string): string | undefined {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH || [...s].some((ch) => !ALPHABET.includes(ch))) return undefined;
  return `${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6)}`;
}

export const SuggestionStatus = z.enum(SUGGESTION_STATUSES);
export type SuggestionStatus = z.infer<typeof SuggestionStatus>;
export const SuggestionOutcome = z.enum(SUGGESTION_OUTCOMES);
export type SuggestionOutcome = z.infer<typeof SuggestionOutcome>;

/** The outcomes a resident hears back with; the first of them is "the first answer". */
export const OUTCOMES: readonly SuggestionStatus[] = SUGGESTION_OUTCOMES;

export const canMove = (from: SuggestionStatus, to: SuggestionStatus) => NEXT_STATUSES[from].includes(to);

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

/** The town hall's answer as written: a service's own phone number or address is meant to be read. */
const publicAnswer = (answer: SuggestionRecord['answer']) =>
  answer ? { answer: { text: answer.text, at: answer.at } } : {};

/**
 * What the holder of the code sees. The town hall's answer is shown as written (moderators are
 * warned when an answer carries contact details: `hasContactDetails`); the resident's text has
 * its contact details masked. `into` is the suggestion it was merged into, if any: where that
 * one stands, never its code.
 */
export function publicView(s: SuggestionRecord, into?: SuggestionRecord): z.infer<typeof PublicSuggestion> {
  const { code, status, outcome, category, text, createdAt, updatedAt, answer } = s;
  return {
    code,
    status,
    ...(outcome ? { outcome } : {}),
    label: { fr: statusLabel(status, 'fr', outcome), en: statusLabel(status, 'en', outcome) },
    category,
    text: maskContactDetails(text),
    createdAt,
    updatedAt,
    ...publicAnswer(answer),
    ...(into && { merged: { status: into.status, updatedAt: into.updatedAt, ...publicAnswer(into.answer) } }),
  };
}

/**
 * The listed district a resident's `district` names (its id, or one of its names in any case),
 * or undefined: free text never becomes a district. Also how an old suggestion's free-text
 * district is read for the open data and the indicators, so only listed districts go out.
 */
export function listedDistrict(
  districts: readonly { id: string; label: Record<string, string | undefined> }[] | undefined,
  given: string | undefined,
): string | undefined {
  const wanted = given?.normalize('NFC').trim().toLocaleLowerCase('fr');
  if (!wanted) return undefined;
  return districts?.find(
    (d) =>
      d.id === wanted || Object.values(d.label).some((l) => l?.normalize('NFC').toLocaleLowerCase('fr') === wanted),
  )?.id;
}

/** Epoch seconds `months` after an instant: the TTL of contact data. */
export function monthsLater(iso: string, months: number): number {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return Math.floor(d.getTime() / 1000);
}
