import { describe, expect, it } from 'vitest';
import { maskContactDetails, meaningfulWords, normalizeForDedupe } from './suggestion-text.ts';
import { MIN_SUGGESTIONS_PER_WORD, mostFrequentWords, quantile, suggestionIndicators } from './suggestions.ts';

describe('maskContactDetails', () => {
  it.each([
    ['écrivez à jean.dupont+mairie@exemple.fr merci', 'écrivez à [e-mail] merci'],
    ['06 12 34 56 78', '[téléphone]'],
    ['tel: 06.12.34.56.78.', 'tel: [téléphone].'],
    ['+33 6 12 34 56 78 ou 0033612345678', '[téléphone] ou [téléphone]'],
    ['+33 (0)4 90 12 34 56', '[téléphone]'],
    ['+44 20 7946 0958', '[téléphone]'],
  ])('masks %s', (text, masked) => {
    expect(maskContactDetails(text)).toBe(masked);
  });

  it('leaves dates, house numbers, postcodes and amounts alone', () => {
    const text = 'Le 12/03/2026, au 14 rue Carnot, 84000 Avignon, pour 1 500 euros';
    expect(maskContactDetails(text)).toBe(text);
  });
});

describe('normalizeForDedupe', () => {
  it('ignores case, spacing and punctuation, not accents', () => {
    expect(normalizeForDedupe('  Trop de  BRUIT !!\n')).toBe(normalizeForDedupe('trop de bruit'));
    expect(normalizeForDedupe('pâte')).not.toBe(normalizeForDedupe('pate'));
  });
});

describe('meaningfulWords', () => {
  it('drops stop words in French and English, elisions, short words and contact details', () => {
    expect(
      meaningfulWords("L'éclairage de la rue n'est pas assez fort, the street is too dark; paul@ex.fr 06 12 34 56 78"),
    ).toEqual(['éclairage', 'rue', 'assez', 'fort', 'street', 'dark']);
  });

  it('keeps hyphenated words whole', () => {
    expect(meaningfulWords('Un rond-point dangereux')).toEqual(['rond-point', 'dangereux']);
  });
});

describe('quantile (type 7)', () => {
  it('interpolates between order statistics', () => {
    expect(quantile([2, 4, 10, 20], 0.5)).toBe(7);
    expect(quantile([2, 4, 10, 20], 0.9)).toBeCloseTo(17, 12);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('mostFrequentWords', () => {
  it('orders by count, then alphabetically in French', () => {
    expect(mostFrequentWords(['banc école banc', 'arbre été'], 3, 1)).toEqual([
      { word: 'banc', count: 2 },
      { word: 'arbre', count: 1 },
      { word: 'école', count: 1 },
    ]);
  });
});

describe('words and names in topWords', () => {
  // A neighbour named in four complaints, once ten times over; the street in five.
  const texts = [
    'Monsieur Gravier gare sa camionnette rue Carnot',
    'Encore la camionnette de Gravier rue Carnot',
    'Gravier Gravier Gravier Gravier Gravier Gravier Gravier Gravier Gravier Gravier, rue Carnot',
    'Le bruit de Gravier la nuit, rue Carnot',
    'Trottoirs sales rue Carnot',
  ];

  it('leaves out a word fewer than five suggestions use, however often one repeats it', () => {
    const words = mostFrequentWords(texts, 10);
    expect(words.map((w) => w.word)).toEqual(['carnot', 'rue']);
    expect(words[0]).toEqual({ word: 'carnot', count: 5 });
    expect(MIN_SUGGESTIONS_PER_WORD).toBe(5);
  });

  it('shows the word once a fifth suggestion uses it', () => {
    const words = mostFrequentWords([...texts, 'Gravier encore'], 10);
    expect(words[0]).toEqual({ word: 'gravier', count: 14 });
  });
});

describe('suggestionIndicators', () => {
  it('judges the promise only once it is due, and counts an answer exactly on the last day as kept', () => {
    const day = (d: number) => new Date(Date.UTC(2026, 10, 1) + d * 86_400_000).toISOString();
    const r = suggestionIndicators(
      [
        { category: 'a', status: 'answered', createdAt: day(0), firstAnswerAt: day(15), text: '' },
        { category: 'a', status: 'received', createdAt: day(10), text: '' },
        { category: 'a', status: 'in_review', createdAt: day(0), text: '' },
        { category: 'a', status: 'received', createdAt: day(1), text: 'spam', hidden: true },
      ],
      { promisedDays: 15, asOf: day(20) },
    );
    expect(r.withinPromise).toEqual({ promisedDays: 15, due: 2, inTime: 1, share: 0.5 });
    expect(r.firstAnswer).toEqual({ n: 1, medianDays: 15, p90Days: 15 });
    expect(r).toMatchObject({ n: 3, hidden: 1, byStatus: { answered: 1, received: 1, in_review: 1 } });
  });

  it('has null shares and quantiles when nothing is due or answered', () => {
    const r = suggestionIndicators([], { promisedDays: 15, asOf: '2026-11-01T00:00:00Z' });
    expect(r.withinPromise.share).toBeNull();
    expect(r.firstAnswer.medianDays).toBeNull();
  });
});
