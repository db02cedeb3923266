/**
 * What the scripts ecoute.js loads on demand register, on the object it lends them
 * (`window.__ecoute`, see shared.ts): the suggestion box's component, the English words.
 */
import type { ComponentType } from 'preact';
import type { ElementProps } from './element.ts';
import type { Strings } from './i18n.ts';
import type { SuggestionStrings } from './suggestions/strings.ts';

export const GLOBAL = '__ecoute';

export interface Registry {
  suggestions?: ComponentType<ElementProps>;
  en?: { survey: Strings; box: SuggestionStrings };
}

export const registry = (): Registry => (globalThis as unknown as Record<string, Registry | undefined>)[GLOBAL] ?? {};
