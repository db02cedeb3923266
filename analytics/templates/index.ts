/** The barometers a territory can start a survey from. */
import { investorBarometer } from './investor.ts';
import { residentBarometer } from './resident.ts';
import type { SurveyTemplate } from './template.ts';
import { visitorBarometer } from './visitor.ts';

export const TEMPLATES: readonly SurveyTemplate[] = [visitorBarometer, residentBarometer, investorBarometer];
export { chosenBlocks, slugOf, surveyFromTemplate, type SurveyTemplate, type TemplateChoices } from './template.ts';
