/**
 * ecoute.js: defines <ecoute-survey> and <ecoute-suggestions> (whose component loads on
 * demand), lends Preact to what it loads, and resends any answer left in the outbox.
 */
import { GLOBAL } from './registry.ts';
import { defineElement } from './element.ts';
import { LazySuggestions } from './lazy.tsx';
import { startOutbox } from './outbox.ts';
import { lent } from './shared.ts';
import { SURVEY_ATTRIBUTES, Survey } from './survey/Survey.tsx';

(window as unknown as Record<string, object>)[GLOBAL] ??= lent;
defineElement('ecoute-survey', SURVEY_ATTRIBUTES, Survey);
defineElement('ecoute-suggestions', ['territory', 'api'], LazySuggestions);
startOutbox();
