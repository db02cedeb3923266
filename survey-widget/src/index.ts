/** ecoute.js: defines <ecoute-survey> and <ecoute-suggestions>, and resends any answer left in the outbox. */
import { defineElement } from './element.ts';
import { startOutbox } from './outbox.ts';
import { Suggestions } from './suggestions/Suggestions.tsx';
import { Survey } from './survey/Survey.tsx';

defineElement('ecoute-survey', ['survey', 'api', 'preview'], Survey);
defineElement('ecoute-suggestions', ['territory', 'api'], Suggestions);
startOutbox();
