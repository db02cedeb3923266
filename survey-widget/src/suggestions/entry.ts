/** ecoute-suggestions.js: the suggestion box's component, handed to the element ecoute.js defined. */
import { registry } from '../registry.ts';
import { Suggestions } from './Suggestions.tsx';

registry().suggestions = Suggestions;
