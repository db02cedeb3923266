/**
 * Survey templates: barometers a territory starts from instead of a blank form. A template is
 * data (blocks of questions, each block with why it is there) plus one pure function that
 * makes a survey definition of it for a place, its named competitors and the optional modules
 * chosen. `{place}` and `{competitor}` in any text are replaced; questions are worded so that a
 * bare name fits there ("Recommanderiez-vous Avignon…", never "à {place}").
 */
import type { Audience, LocalizedText, Question, SurveyDefinitionInput } from '../questionnaire.ts';

export interface TemplateBlock {
  id: string;
  title: LocalizedText;
  /** Why the block is in the barometer: the method behind it, for the person who adapts it. */
  why: LocalizedText;
  /** An optional module: left out unless chosen. */
  optional?: boolean;
  /** Asked once per named competitor (`{competitor}` in its texts, `{slug}` in its ids). */
  perCompetitor?: boolean;
  questions: Question[];
}

export interface SurveyTemplate {
  id: string;
  audience: Audience;
  name: LocalizedText;
  summary: LocalizedText;
  /** About how long the default questions take, in minutes. */
  minutes: number;
  title: LocalizedText;
  intro: LocalizedText;
  blocks: TemplateBlock[];
}

export interface TemplateChoices {
  place: string;
  competitors: string[];
  /** Ids of the optional blocks to include. */
  modules?: string[];
}

/** An id fragment from a name: "Nîmes" → "nimes", "L'Isle-sur-la-Sorgue" → "l_isle_sur_la_sorgue". */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return slug || 'x';
}

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(place|competitor|slug)\}/g, (_, k: string) => values[k] ?? '');

/** Every string of a value with the placeholders filled (ids, labels, competitor names alike). */
function filled<T>(value: T, values: Record<string, string>): T {
  return JSON.parse(JSON.stringify(value), (_, v: unknown) => (typeof v === 'string' ? fill(v, values) : v)) as T;
}

/** The blocks a choice keeps: every default block, and the optional ones named in `modules`. */
export const chosenBlocks = (template: SurveyTemplate, modules: string[] = []) =>
  template.blocks.filter((b) => !b.optional || modules.includes(b.id));

export function surveyFromTemplate(template: SurveyTemplate, choices: TemplateChoices): SurveyDefinitionInput {
  const place = choices.place.trim();
  const seen = new Set<string>();
  const competitors = choices.competitors
    .map((c) => c.trim())
    .filter((c) => c && !seen.has(slugOf(c)) && seen.add(slugOf(c)));
  const questions = chosenBlocks(template, choices.modules).flatMap((block) =>
    block.perCompetitor
      ? competitors.flatMap((competitor) => filled(block.questions, { place, competitor, slug: slugOf(competitor) }))
      : filled(block.questions, { place }),
  );
  return {
    title: filled(template.title, { place }),
    intro: filled(template.intro, { place }),
    defaultLocale: 'fr',
    audiences: [template.audience],
    questions,
  };
}
