/**
 * Typography of the texts people read, by the rules of their language. French: a narrow
 * no-break space (U+202F) before ? ! ; and » and after «, a no-break space (U+00A0) before a
 * colon. English: no space before those marks. Both: one apostrophe, ’. Only where a word ends
 * or a space is, so `https://`, `9:30` and `?x=1` stay as they are.
 *
 * Non-ASCII characters in a regular expression are written as escapes: esbuild escapes them in
 * strings but not in regular expression literals, and one such character in a Lambda's bundle makes
 * Node decode the whole file and V8 hold it as a two-byte string (tests/lambda-bundles.test.ts).
 */

const NARROW = '\u202f';
const NBSP = '\u00a0';

export function typeset(text: string, lang: string): string {
  const s = text.replace(/'/g, '’');
  if (lang.toLowerCase().startsWith('fr'))
    return s
      .replace(/(\S)[ \u00a0]?([?!;\u00bb])(?=\s|$)/g, `$1${NARROW}$2`)
      .replace(/\u00ab[ \u00a0]?/g, `«${NARROW}`)
      .replace(/(\S)[ \u202f]?:(?=\s|$)/g, `$1${NBSP}:`);
  return s.replace(/(\S)\s+([?!:;])(?=\s|$)/g, '$1$2');
}

/** Every language of a localized text typeset by its own rules. */
export function typesetAll<T extends Record<string, string>>(texts: T): T {
  return Object.fromEntries(Object.entries(texts).map(([lang, s]) => [lang, typeset(s, lang)])) as T;
}
