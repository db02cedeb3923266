/** ecoute.esm.js, for sites that bundle the widget themselves: both elements and both languages in one module, nothing loaded later. */
import { GLOBAL, type Registry } from './registry.ts';
import { defineElement } from './element.ts';
import { english } from './en.ts';
import { startOutbox } from './outbox.ts';
import { Suggestions } from './suggestions/Suggestions.tsx';
import { SURVEY_ATTRIBUTES, Survey } from './survey/Survey.tsx';

(window as unknown as Record<string, Registry>)[GLOBAL] = { en: english, suggestions: Suggestions };
defineElement('ecoute-survey', SURVEY_ATTRIBUTES, Survey);
defineElement('ecoute-suggestions', ['territory', 'api'], Suggestions);
startOutbox();
