/**
 * The suggestion box's own model: tracking codes, the lifecycle, and the records the store
 * keeps. Schemas live here; types derive from them.
 */
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { NEXT_STATUSES, SUGGESTION_OUTCOMES, SUGGESTION_STATUSES } from '#analytics/suggestion-statuses.ts';
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

/** The outcomes a resident hears back with; the first of them is "the first answer". */
export const OUTCOMES: readonly SuggestionStatus[] = SUGGESTION_OUTCOMES;

export const canMove = (from: SuggestionStatus, to: SuggestionStatus) => NEXT_STATUSES[from].includes(to);

export const SubmitInput = z
  .object({
    category: z.string().min(1).max(64),
    text: z.string().trim().min(1).max(5000),
    district: z.string().trim().max(100).optional(),
    contact: z
      .object({ email: z.email().max(254), consent: z.literal(true, 'contact is kept only with consent: true') })
      .optional(),
    /** The widget's honeypot: a field people never see, so only robots fill it. */
    website: z.string().max(2000).optional(),
    /** Milliseconds between the form being shown and sent, as the widget measured it (a clock jump may make it negative: not judged then). */
    elapsedMs: z.number().optional(),
  })
  .meta({ id: 'SuggestionInput' });
export type SubmitInput = z.infer<typeof SubmitInput>;

export const PublicAnswer = z.object({ text: z.string(), at: z.string() });

/** The public view: what anyone with the code may read. No text, district or contact. */
export const PublicSuggestion = z
  .object({
    code: z.string(),
    status: SuggestionStatus,
    category: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    answer: PublicAnswer.optional(),
    /**
     * Merged into another resident's suggestion, which is followed instead: where that one
     * stands, never its code (a code is its resident's key to it).
     */
    merged: z.object({ status: SuggestionStatus, updatedAt: z.string(), answer: PublicAnswer.optional() }).optional(),
  })
  .meta({ id: 'PublicSuggestion' });

/** The moderators' view of a suggestion (the contact apart). */
export const SuggestionRecord = z
  .object({
    code: z.string(),
    territory: z.string(),
    category: z.string(),
    text: z.string(),
    district: z.string().optional(),
    status: SuggestionStatus,
    createdAt: z.string(),
    updatedAt: z.string(),
    answer: PublicAnswer.optional(),
    firstAnswerAt: z.string().optional(),
    doneAt: z.string().optional(),
    hidden: z.boolean().optional(),
    mergedInto: z.string().optional(),
    hasContact: z.boolean(),
  })
  .meta({ id: 'Suggestion' });
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
    by: z.string().optional(),
    keyId: z.string().optional(),
    from: SuggestionStatus.optional(),
    to: SuggestionStatus.optional(),
    answer: z.string().optional(),
    note: z.string().optional(),
    into: z.string().optional(),
  })
  .meta({ id: 'SuggestionHistoryEntry' });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

const publicAnswer = (answer: SuggestionRecord['answer']) =>
  answer ? { answer: { text: maskContactDetails(answer.text), at: answer.at } } : {};

/**
 * What anyone with the code sees; an answer that quotes an address or number shows it masked.
 * `into` is the suggestion it was merged into, if any.
 */
export function publicView(s: SuggestionRecord, into?: SuggestionRecord): z.infer<typeof PublicSuggestion> {
  const { code, status, category, createdAt, updatedAt, answer } = s;
  return {
    code,
    status,
    category,
    createdAt,
    updatedAt,
    ...publicAnswer(answer),
    ...(into && { merged: { status: into.status, updatedAt: into.updatedAt, ...publicAnswer(into.answer) } }),
  };
}

/** Epoch seconds `months` after an instant: the TTL of contact data. */
export function monthsLater(iso: string, months: number): number {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return Math.floor(d.getTime() / 1000);
}
