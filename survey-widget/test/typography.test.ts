/**
 * Every word a visitor or resident reads, checked for its language's typography (typography.ts):
 * the widget's words in French and English, the statuses of the suggestion box, the default
 * categories, the demo barometer as the API stores it, the e-mails of every status, and the
 * pages of the product (the hosted survey page, the demo host pages, the demo privacy notice).
 * The screens test checks the same rules on what Chromium actually shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SurveyDefinition } from '#analytics/questionnaire.ts';
import { statusLabel, SUGGESTION_OUTCOMES, SUGGESTION_STATUSES } from '#analytics/suggestion-statuses.ts';
import { demoSurvey } from '#functions/local/demo.ts';
import { DEFAULT_SUGGESTION_CATEGORIES } from '#functions/model.ts';
import { notificationEmail, type SuggestionNotification } from '#functions/notifier.ts';
import { english } from '../src/en.ts';
import { strings } from '../src/i18n.ts';
import { suggestionStrings } from '../src/suggestions/strings.ts';
import { typographyProblems } from './typography.ts';

type Lang = 'fr' | 'en';
const words = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : words(v)));

/** Every text of a survey definition in one language. */
function surveyTexts(lang: Lang): string[] {
  const def = SurveyDefinition.parse(demoSurvey);
  const texts: string[] = [];
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') {
      const text = (v as Record<string, unknown>)[lang];
      if (typeof text === 'string') texts.push(text);
      else Object.values(v).forEach(collect);
    }
  };
  collect(def);
  return texts;
}

/** Each status (a closed one with each outcome), as an e-mail says it, in one language. */
function emails(lang: Lang): string[] {
  const messages: SuggestionNotification[] = [
    ...SUGGESTION_STATUSES.map((status) => ({ status })),
    ...SUGGESTION_OUTCOMES.map((outcome) => ({ status: 'done' as const, outcome })),
  ].map((m) => ({ to: 'x@example.fr', territory: 't', code: 'K7M-4QX-9TD', at: '', answer: 'Merci.', ...m }));
  return messages.flatMap((m) => {
    const mail = notificationEmail(m, 'mairie@example.fr').Content?.Simple;
    const [subjectFr = '', subjectEn = ''] = (mail?.Subject?.Data ?? '').split(' / ');
    const [bodyFr = '', bodyEn = ''] = (mail?.Body?.Text?.Data ?? '').split('\n\n—\n\n');
    // The e-mail addresses and codes are data; the lines around them are words.
    return (lang === 'fr' ? [subjectFr, bodyFr] : [subjectEn, bodyEn]).flatMap((t) => t.split('\n'));
  });
}

/** The words of a page of ours: no tags, no English parts (checked with English), no comments. */
function pageTexts(path: string): string[] {
  const html = readFileSync(join(import.meta.dirname, '..', path), 'utf8')
    .replace(/<(style|script|head)[\s\S]*?<\/\1>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(section|span) lang="en"[\s\S]*?<\/\1>/g, '');
  return html
    .split(/<[^>]+>/)
    .map((t) =>
      t
        .replace(/&#8239;/g, '\u202f')
        .replace(/&nbsp;/g, '\u00a0')
        .trim(),
    )
    .filter(Boolean);
}

const french: Record<string, string[]> = {
  'the survey’s words': words(strings('fr')),
  'the suggestion box’s words': words(suggestionStrings('fr')),
  'the statuses': [
    ...SUGGESTION_STATUSES.map((s) => statusLabel(s, 'fr')),
    ...SUGGESTION_OUTCOMES.map((o) => statusLabel('done', 'fr', o)),
  ],
  'the default categories': DEFAULT_SUGGESTION_CATEGORIES.map((c) => c.label.fr ?? ''),
  'the demo barometer': surveyTexts('fr'),
  'the e-mails': emails('fr'),
  'the hosted survey page': pageTexts('hosted/survey.html'),
  'the tourism office page': pageTexts('demo/tourisme.html'),
  'the city hall page': pageTexts('demo/mairie.html'),
  'the privacy notice': pageTexts('demo/confidentialite.html'),
};

const englishTexts: Record<string, string[]> = {
  'the survey’s words': words(english.survey),
  'the suggestion box’s words': words(english.box),
  'the statuses': [
    ...SUGGESTION_STATUSES.map((s) => statusLabel(s, 'en')),
    ...SUGGESTION_OUTCOMES.map((o) => statusLabel('done', 'en', o)),
  ],
  'the demo barometer': surveyTexts('en'),
  'the e-mails': emails('en'),
};

describe('French typography', () => {
  it.each(Object.keys(french))('holds in %s', (name) => {
    const texts = french[name] ?? [];
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.flatMap((t) => typographyProblems(t, 'fr'))).toEqual([]);
  });

  it('is what the rules catch: an ordinary space before "?", a straight apostrophe, "Your tracking code :"', () => {
    expect(typographyProblems('Recommanderiez-vous Avignon ?', 'fr')).toHaveLength(1);
    expect(typographyProblems("L'accueil", 'fr')).toHaveLength(1);
    expect(typographyProblems('Votre code : 5 000 jours', 'fr')).toHaveLength(2);
    expect(typographyProblems('Your tracking code :', 'en')).toHaveLength(1);
  });
});

describe('English typography', () => {
  it.each(Object.keys(englishTexts))('holds in %s', (name) => {
    const texts = englishTexts[name] ?? [];
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.flatMap((t) => typographyProblems(t, 'en'))).toEqual([]);
  });
});
