import { describe, expect, it } from 'vitest';
import { fill, pickLocale } from './i18n.ts';

describe('pickLocale', () => {
  it('takes the exact tag, then its primary language, then the survey default', () => {
    expect(pickLocale('fr-BE', ['fr', 'en', 'fr-BE'], 'fr')).toBe('fr-BE');
    expect(pickLocale('en-GB', ['fr', 'en'], 'fr')).toBe('en');
    expect(pickLocale('de', ['fr', 'en'], 'fr')).toBe('fr');
  });
  it('fills placeholders', () => {
    expect(fill('Question {n} sur {total}', { n: 2, total: 9 })).toBe('Question 2 sur 9');
  });
});
