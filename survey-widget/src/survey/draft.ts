/** The survey in progress, kept on the device so a reload or a closed tab resumes where the person was. */
import type { Answers, Audience } from '#analytics/questionnaire.ts';
import { readJson, writeJson } from '../storage.ts';

export interface Draft {
  /** The response id, made when the person starts: the API's idempotency key. */
  id: string;
  audience: Audience;
  answers: Answers;
  step: number;
  version: number;
}

const key = (api: string, survey: string) => `ecoute:draft:${api}/${survey}`;

export function readDraft(api: string, survey: string, version: number): Draft | undefined {
  const d = readJson<Draft | undefined>(key(api, survey), undefined);
  return d?.version === version ? d : undefined;
}

/** Storage disabled: the draft lives as long as the page. */
export function writeDraft(api: string, survey: string, draft: Draft | undefined): void {
  writeJson(key(api, survey), draft && Object.keys(draft.answers).length ? draft : undefined);
}

/** No answer: nothing, no option ticked (an empty list reads ''), or only spaces. `null`, "don't know", is an answer. */
export function isEmpty(v: unknown): boolean {
  return v === undefined || !String(v).trim();
}
