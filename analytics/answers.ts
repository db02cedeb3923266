/** Checking a response's answers against the version of the survey it answers. */
import type { Answers, AnswerValue, Audience, Question, SurveyDefinition } from './questionnaire.ts';
import { askedTo, isScaleQuestion, scaleOf } from './questionnaire-rules.ts';

export interface AnswerIssue {
  path: string;
  message: string;
}

/** Counts characters as a person does (code points), not UTF-16 units. */
export function characterCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Checks answers against one version of a survey for one audience; returns every problem. */
export function validateAnswers(def: SurveyDefinition, audience: Audience, answers: Answers): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const byId = new Map(def.questions.map((q) => [q.id, q]));
  if (!def.audiences.includes(audience)) {
    issues.push({ path: 'audience', message: `this survey is not asked to "${audience}"` });
  }
  for (const [id, value] of Object.entries(answers)) {
    const q = byId.get(id);
    const path = `answers.${id}`;
    if (!q) {
      issues.push({ path, message: 'unknown question' });
      continue;
    }
    if (!askedTo(q, audience)) {
      issues.push({ path, message: `this question is not asked to "${audience}"` });
      continue;
    }
    if (value === null) {
      if (q.required) issues.push({ path, message: 'an answer is required' });
      continue;
    }
    const problem = answerProblem(q, value);
    if (problem) issues.push({ path, message: problem });
  }
  for (const q of def.questions) {
    if (q.required && askedTo(q, audience) && def.audiences.includes(audience) && !Object.hasOwn(answers, q.id)) {
      issues.push({ path: `answers.${q.id}`, message: 'an answer is required' });
    }
  }
  return issues;
}

function answerProblem(q: Question, value: Exclude<AnswerValue, null>): string | undefined {
  if (isScaleQuestion(q)) {
    const { min, max } = scaleOf(q);
    if (typeof value !== 'number' || !Number.isInteger(value)) return `expected a whole number from ${min} to ${max}`;
    if (value < min || value > max) return `${value} is off the scale ${min}–${max}`;
    return undefined;
  }
  if (q.type === 'choice') {
    const ids = new Set(q.options.map((o) => o.id));
    if (q.multiple) {
      if (!Array.isArray(value)) return 'expected a list of option ids';
      if (new Set(value).size !== value.length) return 'an option is chosen twice';
      const bad = value.filter((v) => !ids.has(v));
      return bad.length ? `not an option: ${bad.join(', ')}` : undefined;
    }
    if (typeof value !== 'string') return 'expected one option id';
    return ids.has(value) ? undefined : `not an option: ${value}`;
  }
  if (typeof value !== 'string') return 'expected a text';
  const n = characterCount(value);
  return n > q.maxLength ? `${n} characters, at most ${q.maxLength} allowed` : undefined;
}
