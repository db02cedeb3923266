/**
 * Comments as stored beside the aggregates (a digest per day and per month) and as a report
 * shows them. A digest holds, per text question and audience, how many were asked and how many
 * wrote something, and a bounded, masked selection of what they wrote; never one entry per
 * respondent. Types are derived from these schemas.
 */
import * as z from './zod.ts';
import { Audience } from './questionnaire.ts';

/** The language a comment was written in: the primary subtag of its respondent's locale (`en` of `en-GB`). */
export const CommentLanguage = z.string().check(z.regex(/^[a-z]{2,3}$/));

/**
 * One comment kept for a selection: its draw (lower first), its masked excerpt, its day, and the
 * language its respondent answered in (absent from digests written before it was kept).
 */
export const CommentPick = z.object({
  rank: z.number().check(z.nonnegative()),
  text: z.string(),
  day: z.iso.date(),
  lang: z.optional(CommentLanguage),
});
export type CommentPick = z.infer<typeof CommentPick>;

export const CommentCell = z.object({
  /** Respondents whose version and audience asked the question. */
  asked: z.int().check(z.nonnegative()),
  /** Of them, those who wrote something. */
  count: z.int().check(z.nonnegative()),
  /** First and last day of the month with a respondent asked: the period edges' test. */
  first: z.int().check(z.minimum(1), z.maximum(31)),
  last: z.int().check(z.minimum(1), z.maximum(31)),
  picks: z.array(CommentPick),
});
export type CommentCell = z.infer<typeof CommentCell>;

/** Text question id → audience → its cell, over one day or one month. */
export const CommentDigest = z.record(z.string(), z.partialRecord(Audience, CommentCell));
export type CommentDigest = z.infer<typeof CommentDigest>;

/**
 * Why comments are left out: `thin`, the audience-month had fewer respondents asked than the
 * disclosure threshold; `edges`, the period cuts the month between its answers.
 */
export const CommentWithheld = z.enum(['thin', 'edges']);

/** An audience's comments over a period: `count` null when none of its months may be shown. */
export const CommentAudience = z.object({
  count: z.nullable(z.int().check(z.nonnegative())),
  /** Some of its months (all when count is null) left out: `thin` (under the threshold) or `edges`. */
  withheld: z.optional(CommentWithheld),
});

/** A text question's comments over a period's whole months. */
export const CommentsResult = z.object({
  question: z.string(),
  /** Comments of the audience-months shown; null when none may be shown (`withheld` says why). */
  count: z.nullable(z.int().check(z.nonnegative())),
  byAudience: z.partialRecord(Audience, CommentAudience),
  /** A few comments, contact details masked, from the audience-months counted. */
  shown: z.array(
    z.object({
      text: z.string(),
      month: z.string(),
      audience: Audience,
      /** The language of the text, when known: a page in another language marks it as such. */
      lang: z.optional(CommentLanguage),
    }),
  ),
  withheld: z.optional(CommentWithheld),
});
export type CommentsResult = z.infer<typeof CommentsResult>;
