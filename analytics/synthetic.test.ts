import { describe, expect, it } from 'vitest';
import { demoDefinition, syntheticResponses } from './synthetic.ts';

describe('the demo’s synthetic responses', () => {
  it('write their comments in the language they answer in, so a report quotes each in its own language', () => {
    const responses = syntheticResponses(demoDefinition(), { surveyId: 's', day: '2026-03-04', count: 2000, seed: 7 });
    const commented = responses.filter((r) => typeof r.answers.comment === 'string');
    const english = commented.filter((r) => r.locale === 'en');
    const french = commented.filter((r) => r.locale === 'fr');
    expect(english.length).toBeGreaterThan(20);
    expect(french.length).toBeGreaterThan(20);
    // French spelling marks no English comment carries, and English words no French one does.
    for (const r of english) expect(r.answers.comment).not.toMatch(/[éèàçù’]|\b(les?|des|du|près)\b/i);
    for (const r of french) expect(r.answers.comment).not.toMatch(/\b(the|and|we|please|very)\b/i);
  });
});
