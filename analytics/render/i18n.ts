/** The words of the rendered reports: French first, English with lang=en. */
import { addDays } from '../calendar.ts';
import type { IndexResult, WithheldReason } from '../report-schema.ts';
import type { Lang } from './format.ts';
import { EN } from './strings-en.ts';
import { FR } from './strings-fr.ts';

export { type Format, formatter, type Lang } from './format.ts';

export type Strings = typeof FR;
export const stringsFor = (lang: Lang): Strings => (lang === 'en' ? EN : FR);

/** A period of whole months cannot be told to use whole months: a cut block then spans several. */
const wholeMonths = (from: string, to: string) => from.endsWith('-01') && addDays(to, 1).endsWith('-01');

/** The words for one report: the advice on a withheld period's edges depends on the period. */
export function stringsForReport(report: { from: string; to: string }, lang: Lang): Strings {
  const words = stringsFor(lang);
  return wholeMonths(report.from, report.to)
    ? { ...words, reasons: { ...words.reasons, edges: words.edgesWholeMonths } }
    : words;
}

export const audienceLabel = (t: Strings, audience: string): string =>
  audience === 'all' ? t.all : (t.audiences[audience] ?? audience);
export const dimensionLabel = (t: Strings, dimension: string): string => t.dimensions[dimension] ?? dimension;
export const indexLabel = (t: Strings, index: string): string => t.indices[index] ?? index;

/** Why a figure is withheld, in words; reports written before reasons existed withheld for thinness only. */
export const reasonOf = (i: { withheld?: WithheldReason | undefined }): WithheldReason => i.withheld ?? 'thin';

/** "masqué : moins de 30 réponses effectives", or the short form a chart has room for. */
export const withheldWords = (t: Strings, i: Pick<IndexResult, 'withheld' | 'n'>, short = false): string =>
  i.n === 0 ? t.noAnswer : `${t.withheld}${t.colon}${(short ? t.shortReasons : t.reasons)[reasonOf(i)]}`;
