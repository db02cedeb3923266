/**
 * The masks over suggestions' free text (analytics/suggestion-text.ts) must stay linear: the
 * indicators run them over every suggestion, and a quadratic pattern let one 5 000-character
 * text cost tens of milliseconds. Growth from 1 000 to 16 000 characters of each hostile pattern,
 * measured side by side; the worst pattern is reported.
 */
import { maskContactDetails, meaningfulWords, normalizeForDedupe } from '#analytics/suggestion-text.ts';
import { HOSTILE_PATTERNS, growthRatio } from '#analytics/text-growth.ts';
import type { BenchRow } from '../types.ts';

export const name = 'masking';

export async function run(): Promise<BenchRow[]> {
  const functions = { maskContactDetails, meaningfulWords, normalizeForDedupe };
  let worst = { ratio: 0, what: '' };
  for (const [fn, f] of Object.entries(functions)) {
    for (const pattern of HOSTILE_PATTERNS) {
      const ratio = growthRatio(f, pattern, { length: 1000, factor: 16, rounds: 5 });
      if (ratio > worst.ratio) worst = { ratio, what: `${fn} on ${JSON.stringify(pattern)}` };
    }
  }
  const text = 'a'.repeat(10_000);
  const started = performance.now();
  for (let i = 0; i < 100; i++) maskContactDetails(text);
  const perText = (performance.now() - started) / 100;
  return [
    {
      id: 'masking.growth',
      metric: `mask.growth: cost ×16 input, worst pattern (${worst.what})`,
      value: worst.ratio,
      unit: 'ratio',
      goal: '≤ 64 (linear 16, quadratic 256)',
      ok: worst.ratio <= 64,
    },
    { id: 'masking.email-ms', metric: 'mask.email: 10 000 × "a"', value: perText, unit: 'ms' },
  ];
}
