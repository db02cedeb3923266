/**
 * The suggestion box's rules that need no schema: tracking codes, the lifecycle's moves, what
 * the holder of a code sees, districts and the contact's TTL. Without zod, so the public Lambda,
 * which validates without it, can use them; the schemas and the types they give live in
 * suggestion.ts, which re-exports all of this.
 */
import { randomBytes } from 'node:crypto';
import { NEXT_STATUSES, SUGGESTION_OUTCOMES, statusLabel } from '#analytics/suggestion-statuses.ts';
import { maskContactDetails } from '#analytics/suggestion-text.ts';
import type { PublicView, SuggestionRecord, SuggestionStatus } from './suggestion.ts';

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

/** The outcomes a resident hears back with; the first of them is "the first answer". */
export const OUTCOMES: readonly SuggestionStatus[] = SUGGESTION_OUTCOMES;

export const canMove = (from: SuggestionStatus, to: SuggestionStatus) => NEXT_STATUSES[from].includes(to);

/** The town hall's answer as written: a service's own phone number or address is meant to be read. */
const publicAnswer = (answer: SuggestionRecord['answer']) =>
  answer ? { answer: { text: answer.text, at: answer.at } } : {};

/**
 * What the holder of the code sees. The town hall's answer is shown as written (moderators are
 * warned when an answer carries contact details: `hasContactDetails`); the resident's text has
 * its contact details masked. `into` is the suggestion it was merged into, if any: where that
 * one stands, never its code.
 */
export function publicView(s: SuggestionRecord, into?: SuggestionRecord): PublicView {
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
