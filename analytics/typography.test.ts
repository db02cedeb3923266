import { describe, expect, it } from 'vitest';
import { SurveyDefinition } from './questionnaire.ts';
import { typeset } from './typography.ts';

describe('typeset', () => {
  it('sets French by the French rules: narrow no-break spaces before ? ! ; and inside « », a no-break space before a colon', () => {
    expect(typeset("Qu'en pensez-vous ?", 'fr')).toBe('Qu’en pensez-vous\u202f?');
    expect(typeset('Bravo!', 'fr-BE')).toBe('Bravo\u202f!');
    expect(typeset('Note : « très bien »', 'fr')).toBe('Note\u00a0: «\u202ftrès bien\u202f»');
    expect(typeset('Un; deux', 'fr')).toBe('Un\u202f; deux');
  });
  it('leaves addresses, hours and text already set alone', () => {
    for (const s of ['https://www.avignon.fr/?q=1', 'Ouvert à 9:30', 'Déjà\u202f? Oui\u00a0: bien'])
      expect(typeset(s, 'fr')).toBe(s);
  });
  it('sets English by the English rules: no space before the marks, one apostrophe', () => {
    expect(typeset("Your tracking code : it's here !", 'en')).toBe('Your tracking code: it’s here!');
  });
});

describe('a survey definition', () => {
  it('is stored typeset, each language by its own rules', () => {
    const def = SurveyDefinition.parse({
      title: { fr: "L'avis des visiteurs", en: "Visitors' views" },
      audiences: ['visitor'],
      questions: [
        { id: 'q', type: 'nps', label: { fr: 'Recommanderiez-vous Avignon ?', en: 'Would you recommend it ?' } },
      ],
    });
    expect(def.title).toEqual({ fr: 'L’avis des visiteurs', en: 'Visitors’ views' });
    expect(def.questions[0]?.label).toEqual({
      fr: 'Recommanderiez-vous Avignon\u202f?',
      en: 'Would you recommend it?',
    });
  });
});
