/**
 * Scripts that ecoute.js fetches from beside itself when a page needs them: the suggestion box
 * (ecoute-suggestions.js) and languages other than French (ecoute-en.js); surveys' public
 * files are beside it too (Survey.tsx).
 */
import { h } from 'preact';
import { isFrench } from './i18n.ts';
import { registry } from './registry.ts';

// Read while ecoute.js runs: afterwards document.currentScript is another script, or none.
const here = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;
/** The address of `name` beside ecoute.js. */
export const beside = (name: string) => new URL(name, here).href;
const loading: Record<string, Promise<unknown> | undefined> = {};

/** Loads a script once (a failed one is tried again on the next call). */
export function loadChunk(name: string): Promise<unknown> {
  return (loading[name] ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = beside(name);
    script.onload = resolve;
    script.onerror = () => {
      loading[name] = undefined;
      script.remove();
      reject();
    };
    document.head.append(script);
  }));
}

let noEnglish = false;

/** Whether this language's words are here; if not, fetches them and calls `then` (French stands in if that fails). */
export function hasWords(locale: string, then: () => void): boolean {
  if (isFrench(locale) || registry().en || noEnglish) return true;
  loadChunk('ecoute-en.js').then(then, () => {
    noEnglish = true;
    then();
  });
  return false;
}

/** What shows while the words of the page's language (or the suggestion box) arrive: a language-free placeholder. */
export const waiting = () => h('div', { class: 'w' }, h('p', { role: 'status' }, '…'));
