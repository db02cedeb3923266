/**
 * Comments for the reports: each day's digest is made from its responses when the day is
 * aggregated, a month's is the merge of its days, and a report reads only month digests.
 *
 * The selection is a bottom-k draw: each comment gets a rank (readable ones first, then a hash),
 * a cell keeps its k lowest, and the k lowest of a union are the k lowest of its parts' k lowest,
 * so a month's or a period's selection is exact from the days' and the same on every rerun; a text
 * written alike by several respondents is quoted once, at its lowest rank. The
 * hash mixes in every response id of the day: a respondent cannot choose an id that gets drawn.
 *
 * Disclosure: an audience-month counts only when at least DISCLOSURE_THRESHOLD respondents were
 * asked the question that month and, at a period's first or last month, its answers all fall
 * inside the period (as the figures' rule does with months). A month digest keeps no selection of
 * a thinner cell; a report neither shows its comments nor counts them, and the total is the sum
 * of the audience-months shown, so no subtraction isolates a thin one.
 */
import type { CommentCell, CommentDigest, CommentPick, CommentsResult } from './comments-schema.ts';
import { DISCLOSURE_THRESHOLD } from './disclosure.ts';
import {
  AUDIENCES,
  type Audience,
  answerOf,
  askedTo,
  type StoredResponse,
  type SurveyDefinition,
} from './questionnaire.ts';
import { maskContactDetails } from './suggestion-text.ts';

/** Comments kept per question, audience and day or month, and shown per audience in a report. */
export const PICKS_PER_CELL = 5;
/** A shown comment is at most this long (cut at a word, with an ellipsis). */
export const COMMENT_MAX_CHARS = 300;
/** Shorter comments are drawn only when too few longer ones are there. */
const READABLE_MIN_CHARS = 20;
const TIER = 2 ** 32;

/** FNV-1a, 32 bits: a stable, well-spread draw (not a secret; the day's ids make it unpredictable). */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const cleaned = (text: string) => maskContactDetails(text).replace(/\s+/g, ' ').trim();

/** The text as shown: contact details masked, spacing collapsed, cut at a word past the limit. */
export const commentExcerpt = (text: string) => excerptOf(cleaned(text));

function excerptOf(masked: string): string {
  if (masked.length <= COMMENT_MAX_CHARS) return masked;
  // Never half a surrogate pair (an emoji cut in two).
  const cut = masked.slice(0, COMMENT_MAX_CHARS - 1).replace(/[\uD800-\uDBFF]$/, '');
  const space = cut.lastIndexOf(' ');
  return `${(space > COMMENT_MAX_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** `en` of `en-GB`: what a page's `lang` attribute needs to read a quote in its own language. */
const languageOf = (locale: string) => /^[a-z]{2,3}(?=-|$)/.exec(locale)?.[0];

const byRank = (a: CommentPick, b: CommentPick) =>
  a.rank - b.rank || (a.day < b.day ? -1 : a.day > b.day ? 1 : a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
/**
 * The k lowest-ranked distinct texts, each at its lowest rank: a text many respondents wrote alike
 * is quoted once. Still exact under merges: a text among a union's k lowest is among the k lowest
 * of the part that holds its lowest rank, since whatever precedes it there precedes it in the union.
 */
function lowest<P extends CommentPick>(picks: P[]): P[] {
  const seen = new Set<string>();
  const out: P[] = [];
  for (const p of picks.sort(byRank)) {
    if (seen.has(p.text)) continue;
    seen.add(p.text);
    out.push(p);
    if (out.length === PICKS_PER_CELL) break;
  }
  return out;
}

/** One day's digest from its responses and the definitions of their versions. */
export function dayCommentDigest(
  day: string,
  responses: readonly StoredResponse[],
  definitions: ReadonlyMap<number, SurveyDefinition>,
): CommentDigest {
  const salt = fnv1a(
    responses
      .map((r) => r.id)
      .sort()
      .join('|'),
  );
  const date = Number(day.slice(8, 10));
  const digest: CommentDigest = {};
  for (const r of responses) {
    for (const q of definitions.get(r.version)?.questions ?? []) {
      if (q.type !== 'text' || !askedTo(q, r.audience)) continue;
      const byAudience = (digest[q.id] ??= {});
      const cell = (byAudience[r.audience] ??= { asked: 0, count: 0, first: date, last: date, picks: [] });
      cell.asked++;
      const answer = answerOf(r.answers, q.id);
      if (typeof answer !== 'string' || answer.trim() === '') continue;
      cell.count++;
      const clean = cleaned(answer);
      const tier = clean.length >= READABLE_MIN_CHARS && clean.length <= COMMENT_MAX_CHARS ? 0 : 1;
      const lang = languageOf(r.locale);
      cell.picks.push({
        rank: tier * TIER + fnv1a(`${r.id}|${q.id}`, salt),
        text: excerptOf(clean),
        day,
        ...(lang ? { lang } : {}),
      });
    }
  }
  for (const byAudience of Object.values(digest))
    for (const cell of Object.values(byAudience)) cell.picks = lowest(cell.picks);
  return digest;
}

function mergeCells(a: CommentCell, b: CommentCell): CommentCell {
  return {
    asked: a.asked + b.asked,
    count: a.count + b.count,
    first: Math.min(a.first, b.first),
    last: Math.max(a.last, b.last),
    picks: lowest([...a.picks, ...b.picks]),
  };
}

/**
 * A month's digest from its days' digests: their exact merge, without the selection of any
 * audience asked fewer than the threshold (its count stays, for the rule; a report hides it).
 */
export function monthCommentDigest(days: readonly CommentDigest[]): CommentDigest {
  const out: CommentDigest = {};
  for (const digest of days) {
    for (const [q, byAudience] of Object.entries(digest)) {
      const merged = (out[q] ??= {});
      for (const a of AUDIENCES) {
        const cell = byAudience[a];
        if (!cell) continue;
        const before = merged[a];
        merged[a] = before ? mergeCells(before, cell) : { ...cell, picks: lowest([...cell.picks]) };
      }
    }
  }
  for (const byAudience of Object.values(out))
    for (const cell of Object.values(byAudience)) if (cell.asked < DISCLOSURE_THRESHOLD) cell.picks = [];
  return out;
}

export interface MonthComments {
  /** `YYYY-MM`. */
  month: string;
  digest: CommentDigest;
}

type Fate = 'counted' | 'thin' | 'edges' | 'outside';

/** Whether an audience-month counts for a period: the disclosure rule applied to one cell. */
function fateOf(cell: CommentCell, month: string, period: { from: string; to: string }): Fate {
  const low = month === period.from.slice(0, 7) ? Number(period.from.slice(8, 10)) : 1;
  const high = month === period.to.slice(0, 7) ? Number(period.to.slice(8, 10)) : 31;
  if (cell.last < low || cell.first > high) return 'outside';
  if (cell.first < low || cell.last > high) return 'edges';
  return cell.asked < DISCLOSURE_THRESHOLD ? 'thin' : 'counted';
}

/**
 * Each text question's comments over a period: counts and a selection of at most PICKS_PER_CELL
 * per audience, from the audience-months the rule lets through.
 */
export function reportComments(
  period: { from: string; to: string },
  months: readonly MonthComments[],
  questions: readonly string[],
): CommentsResult[] {
  const inPeriod = months.filter((m) => m.month >= period.from.slice(0, 7) && m.month <= period.to.slice(0, 7));
  return questions.map((question) => {
    const byAudience: CommentsResult['byAudience'] = {};
    const shown: CommentsResult['shown'] = [];
    for (const audience of AUDIENCES) {
      let count: number | null = null;
      let leftOut: 'thin' | 'edges' | undefined;
      const picks: (CommentPick & { month: string })[] = [];
      for (const { month, digest } of inPeriod) {
        const cell = digest[question]?.[audience];
        if (!cell) continue;
        const fate = fateOf(cell, month, period);
        if (fate === 'outside') continue;
        if (fate !== 'counted') {
          leftOut = leftOut === 'thin' || fate === 'thin' ? 'thin' : 'edges';
          continue;
        }
        count = (count ?? 0) + cell.count;
        picks.push(...cell.picks.map((p) => ({ ...p, month })));
      }
      if (count === null && !leftOut) continue;
      byAudience[audience] = { count, ...(leftOut ? { withheld: leftOut } : {}) };
      shown.push(...shownOf(picks, audience));
    }
    return resultOf(question, byAudience, shown);
  });
}

function shownOf(picks: (CommentPick & { month: string })[], audience: Audience): CommentsResult['shown'] {
  return lowest(picks)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : byRank(a, b)))
    .map((p) => ({ text: p.text, month: p.month, audience, ...(p.lang ? { lang: p.lang } : {}) }));
}

function resultOf(
  question: string,
  byAudience: CommentsResult['byAudience'],
  shown: CommentsResult['shown'],
): CommentsResult {
  const groups = Object.values(byAudience);
  const counted = groups.filter((g) => g.count !== null);
  if (counted.length === 0 && groups.length > 0) {
    const withheld = groups.some((g) => g.withheld === 'thin') ? 'thin' : 'edges';
    return { question, count: null, byAudience, shown, withheld };
  }
  return { question, count: counted.reduce((s, g) => s + (g.count ?? 0), 0), byAudience, shown };
}

/**
 * The comments without their quotations, counts kept: for report files that are kept longer than
 * the free text itself (the monthly files in the reports bucket).
 */
export const countsOnly = (comments: readonly CommentsResult[]): CommentsResult[] =>
  comments.map((c) => ({ ...c, shown: [] }));

/** The text questions a report lists: the definition's, in its order. */
export const textQuestionsOf = (definition: SurveyDefinition) =>
  definition.questions.filter((q) => q.type === 'text').map((q) => q.id);
