/**
 * Typography of the texts people read, by the rules of their language. French: a narrow
 * no-break space (U+202F) before ? ! ; and » and after «, a no-break space (U+00A0) before a
 * colon. English: no space before those marks. Both: one apostrophe, ’. Only where a word ends
 * or a space is, so `https://`, `9:30` and `?x=1` stay as they are.
 */

const NARROW = '\u202f';
const NBSP = '\u00a0';

export function typeset(text: string, lang: string): string {
  const s = text.replace(/'/g, '’');
  if (lang.toLowerCase().startsWith('fr'))
    return s
      .replace(/(\S)[ \u00a0]?([?!;»])(?=\s|$)/g, `$1${NARROW}$2`)
      .replace(/«[ \u00a0]?/g, `«${NARROW}`)
      .replace(/(\S)[ \u202f]?:(?=\s|$)/g, `$1${NBSP}:`);
  return s.replace(/(\S)\s+([?!:;])(?=\s|$)/g, '$1$2');
}

/** Every language of a localized text typeset by its own rules. */
export function typesetAll<T extends Record<string, string>>(texts: T): T {
  return Object.fromEntries(Object.entries(texts).map(([lang, s]) => [lang, typeset(s, lang)])) as T;
}
