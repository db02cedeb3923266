/**
 * The screens of a survey: one question each, except consecutive ratings on the same scale
 * (or semantic differentials on the same scale), which share one screen as a grid. The demo
 * barometer goes from 19 screens to 8 that way, and a grid is read as one block anyway.
 */
import type { Question } from '#analytics/questionnaire.ts';

/** What makes two scale questions one grid: type, scale, end labels and "don't know". */
function gridKey(q: Question): string | undefined {
  if (q.type === 'rating') return JSON.stringify(['r', q.scale, q.minLabel, q.maxLabel, q.dontKnow]);
  if (q.type === 'differential') return JSON.stringify(['d', q.scale, q.dontKnow]);
  return undefined;
}

export function stepsOf(questions: readonly Question[]): Question[][] {
  const steps: Question[][] = [];
  let key: string | undefined;
  for (const q of questions) {
    const k = gridKey(q);
    const last = steps[steps.length - 1];
    if (k && k === key && last) last.push(q);
    else steps.push([q]);
    key = k;
  }
  return steps;
}
