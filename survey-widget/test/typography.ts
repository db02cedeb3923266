/**
 * Typography rules a reader would notice, as checks. French: a narrow no-break space (U+202F)
 * before ? ! ; » and after «, a no-break space (U+00A0) before a colon and between a number
 * and what follows it (5 000, 30 jours, 9 h), one apostrophe (’). English: no space before
 * ? ! : ;, one apostrophe.
 */

const RULES: Record<'fr' | 'en', [RegExp, string][]> = {
  fr: [
    [/'/, 'a straight apostrophe (use ’)'],
    [/(?<![\u202f?!…])[?!;»]/, 'no narrow no-break space before ? ! ; »'],
    [/«(?!\u202f)/, 'no narrow no-break space after «'],
    [/(?<![\u00a0\u202f]):(?=\s|$)/, 'no no-break space before :'],
    [/\d (?=\d|jours?\b|h\b|%|€|km\b|min\b)/, 'an ordinary space inside a number'],
  ],
  en: [
    [/'/, 'a straight apostrophe (use ’)'],
    [/\s[?!:;]/, 'a space before ? ! : ;'],
  ],
};

/** What is wrong with a text by its language's rules (empty when nothing). */
export function typographyProblems(text: string, lang: 'fr' | 'en'): string[] {
  return RULES[lang].filter(([rule]) => rule.test(text)).map(([, what]) => `${what}: ${JSON.stringify(text)}`);
}
