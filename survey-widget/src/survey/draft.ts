/** The survey in progress, kept on the device so a reload or a closed tab resumes where the person was. */
import type { Answers, Audience } from '#analytics/questionnaire.ts';

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
  try {
    const d = JSON.parse(localStorage.getItem(key(api, survey)) ?? 'null') as Draft | null;
    return d && d.version === version ? d : undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(api: string, survey: string, draft: Draft | undefined): void {
  try {
    if (draft && Object.keys(draft.answers).length) localStorage.setItem(key(api, survey), JSON.stringify(draft));
    else localStorage.removeItem(key(api, survey));
  } catch {
    /* storage disabled: the draft lives as long as the page */
  }
}

export function isEmpty(v: unknown): boolean {
  return v === undefined || (Array.isArray(v) && v.length === 0) || (typeof v === 'string' && !v.trim());
}
