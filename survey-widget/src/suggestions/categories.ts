/**
 * The default suggestion categories of the API (docs/api.md), used when the territory's list cannot be read.
 * Repeats functions/model.ts on purpose, the widget may not import functions/ at run time;
 * categories.test.ts keeps the two equal.
 */
export interface Category {
  id: string;
  label: { fr: string; en: string };
}

export const DEFAULT_CATEGORIES: Category[] = [
  { id: 'voirie', label: { fr: 'Voirie', en: 'Roads and pavements' } },
  { id: 'proprete', label: { fr: 'Propreté', en: 'Cleanliness' } },
  { id: 'transports', label: { fr: 'Transports', en: 'Transport' } },
  { id: 'culture', label: { fr: 'Culture', en: 'Culture' } },
  { id: 'environnement', label: { fr: 'Environnement', en: 'Environment' } },
  { id: 'securite', label: { fr: 'Sécurité', en: 'Safety' } },
  { id: 'commerces', label: { fr: 'Commerces', en: 'Shops' } },
  { id: 'autre', label: { fr: 'Autre', en: 'Other' } },
];

/** Deliberately loose: the API decides; this only catches obvious typos before sending. */
export function looksLikeEmail(s: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(s);
}
