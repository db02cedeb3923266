/**
 * A survey's words in the reader's language, as the renderers need them: its questions' labels
 * and its choice questions' options. Shared by the API's CSV and HTML files and the console's
 * report screen, so each names a question the same way.
 */
import type { LocalizedText, SurveyDefinition } from '../questionnaire.ts';
import type { Lang } from './format.ts';

/** The text in the reader's language, else the survey's default one, else any. */
export function localized(text: LocalizedText, lang: string, fallback: string): string {
  return text[lang] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}

/** Question id → its label. */
export const itemLabels = (definition: SurveyDefinition, lang: Lang): Record<string, string> =>
  Object.fromEntries(definition.questions.map((q) => [q.id, localized(q.label, lang, definition.defaultLocale)]));

/** Choice question id → option id → its label. */
export const optionLabels = (definition: SurveyDefinition, lang: Lang): Record<string, Record<string, string>> =>
  Object.fromEntries(
    definition.questions.flatMap((q) =>
      q.type === 'choice'
        ? [[q.id, Object.fromEntries(q.options.map((o) => [o.id, localized(o.label, lang, definition.defaultLocale)]))]]
        : [],
    ),
  );
