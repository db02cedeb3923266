import { describe, expect, it } from 'vitest';
import { maskContactDetails, meaningfulWords, normalizeForDedupe } from './suggestion-text.ts';
import { HOSTILE_PATTERNS, growthRatio } from './text-growth.ts';

/**
 * Linear work grows 16 times with an input 16 times longer, quadratic work 256 times: the
 * bound of 64 (their geometric middle) leaves room for a busy machine and the processor's
 * caches, and still catches a quadratic mask. Texts of 1 000 and 16 000 characters: the
 * longest a suggestion may be is 5 000.
 */
const FACTOR = 16;
const BOUND = 64;

describe('the masks run in linear time', () => {
  const functions = { maskContactDetails, meaningfulWords, normalizeForDedupe };
  for (const [name, fn] of Object.entries(functions)) {
    it.each(HOSTILE_PATTERNS)(`${name} on a long run of %j grows like its input`, (pattern) => {
      expect(growthRatio(fn, pattern, { length: 1000, factor: FACTOR, rounds: 5 })).toBeLessThan(BOUND);
    });
  }
});

describe('the e-mail mask anchored at the start of a run', () => {
  it.each([
    ['a.b-c+d@sous.domaine.example.fr', '[e-mail]'],
    ['(x@y.fr)', '([e-mail])'],
    ['aaa.bbb@ccc', 'aaa.bbb@ccc'],
    ['deux: a@b.fr,c@d.org', 'deux: [e-mail],[e-mail]'],
    ['é@à.fr', '[e-mail]'],
  ])('masks %s as %s', (text, masked) => {
    expect(maskContactDetails(text)).toBe(masked);
  });
});
