/** A suggestion category as the territory's list gives it (GET /v1/territories/{t}/suggestion-categories). */
export interface Category {
  id: string;
  label: { fr: string; en: string };
}

/** Deliberately loose: the API decides; this only catches obvious typos before sending. */
export function looksLikeEmail(s: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(s);
}
