/** A survey being prepared from a template, handed from the list to the editor before its first save. */
import type { SurveyDefinitionInput } from '#analytics/questionnaire.ts';
import type { SurveyTemplate } from '#analytics/templates/index.ts';

let pending: { definition: SurveyDefinitionInput; template?: SurveyTemplate | undefined } | undefined;

export function startDraft(definition: SurveyDefinitionInput, template?: SurveyTemplate): void {
  pending = { definition, template };
}

/** The draft handed over, once. */
export function takeDraft() {
  const d = pending;
  pending = undefined;
  return d;
}
