/**
 * Suggestion box indicators (METHODOLOGY.md, "Suggestion box indicators"): counts by category,
 * district and status, time to the first answer, the share answered within the promised delay
 * and the most frequent words per category. Data in, numbers out.
 */
import { meaningfulWords } from './suggestion-text.ts';

const DAY_MS = 86_400_000;

/** What the indicators need of one suggestion (never its contact). */
export interface SuggestionFacts {
  category: string;
  district?: string;
  status: string;
  /** ISO instants. */
  createdAt: string;
  /** When it first left `received`/`in_review` for an outcome (answered, planned, declined, duplicate). */
  firstAnswerAt?: string;
  text: string;
  /** Hidden as abusive by a moderator: counted apart, nowhere else. */
  hidden?: boolean;
}

export interface IndicatorOptions {
  /** The territory's promise, in days (15 by default). */
  promisedDays: number;
  /** The instant the indicators are computed at: decides which unanswered ones are overdue. */
  asOf: string;
  /** How many words per category (10 by default). */
  topWords?: number;
}

export interface WordCount {
  word: string;
  count: number;
}

export interface SuggestionIndicators {
  /** Suggestions counted (hidden ones excepted). */
  n: number;
  hidden: number;
  byCategory: Record<string, number>;
  /** `unspecified` for those without a district. */
  byDistrict: Record<string, number>;
  byStatus: Record<string, number>;
  /** Days from submission to the first answer, over the answered ones; null when none. */
  firstAnswer: { n: number; medianDays: number | null; p90Days: number | null };
  /**
   * Among the suggestions that are due (answered, or unanswered past the promised delay):
   * how many were answered within it. Unanswered ones not yet due are left out: they may still keep the promise.
   */
  withinPromise: { promisedDays: number; due: number; inTime: number; share: number | null };
  topWords: Record<string, WordCount[]>;
}

export const UNSPECIFIED_DISTRICT = 'unspecified';

/** Quantile with linear interpolation between order statistics (R's type 7, Excel's PERCENTILE.INC). */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * A word shows in the indicators only if at least this many distinct suggestions use it. Masks
 * catch e-mails and phone numbers, not the names, addresses and nicknames people also write;
 * a word that several residents wrote independently is the street, the park, the problem, and
 * rarely someone. Suggestions stand in for residents (there are no accounts): five, the
 * smallest group INSEE and most statistical offices publish, counted per suggestion however
 * often one text repeats the word.
 */
export const MIN_SUGGESTIONS_PER_WORD = 5;

/**
 * The `limit` most frequent meaningful words of some texts, among those at least
 * `minTexts` of them use; ties in French alphabetical order.
 */
export function mostFrequentWords(
  texts: readonly string[],
  limit: number,
  minTexts = MIN_SUGGESTIONS_PER_WORD,
): WordCount[] {
  const counts = new Map<string, number>();
  const usedBy = new Map<string, number>();
  for (const text of texts) {
    const words = meaningfulWords(text);
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    for (const w of new Set(words)) usedBy.set(w, (usedBy.get(w) ?? 0) + 1);
  }
  return [...counts]
    .filter(([word]) => (usedBy.get(word) ?? 0) >= minTexts)
    .map(([word, count]) => ({ word, count }))
    .sort((x, y) => y.count - x.count || x.word.localeCompare(y.word, 'fr'))
    .slice(0, limit);
}

export function suggestionIndicators(
  suggestions: readonly SuggestionFacts[],
  o: IndicatorOptions,
): SuggestionIndicators {
  const shown = suggestions.filter((s) => !s.hidden);
  const byCategory: Record<string, number> = {};
  const byDistrict: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  const textsByCategory = new Map<string, string[]>();
  const delays: number[] = [];
  const asOf = Date.parse(o.asOf);
  const promiseMs = o.promisedDays * DAY_MS;
  let due = 0;
  let inTime = 0;

  for (const s of shown) {
    increment(byCategory, s.category);
    increment(byDistrict, s.district?.trim() || UNSPECIFIED_DISTRICT);
    increment(byStatus, s.status);
    textsByCategory.set(s.category, [...(textsByCategory.get(s.category) ?? []), s.text]);
    const created = Date.parse(s.createdAt);
    if (s.firstAnswerAt) {
      const delay = Date.parse(s.firstAnswerAt) - created;
      delays.push(delay / DAY_MS);
      due++;
      if (delay <= promiseMs) inTime++;
    } else if (asOf - created > promiseMs) {
      due++;
    }
  }

  delays.sort((a, b) => a - b);
  const topWords: Record<string, WordCount[]> = {};
  for (const [category, texts] of textsByCategory) topWords[category] = mostFrequentWords(texts, o.topWords ?? 10);
  return {
    n: shown.length,
    hidden: suggestions.length - shown.length,
    byCategory,
    byDistrict,
    byStatus,
    firstAnswer: { n: delays.length, medianDays: quantile(delays, 0.5), p90Days: quantile(delays, 0.9) },
    withinPromise: { promisedDays: o.promisedDays, due, inTime, share: due ? inTime / due : null },
    topWords,
  };
}
