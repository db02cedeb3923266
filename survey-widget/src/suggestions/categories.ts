/** A category or a district as the territory's lists give them (GET /v1/territories/{t}/suggestion-categories); English may be missing. */
export interface Category {
  id: string;
  label: { fr: string; en?: string };
}

/** Deliberately loose: the API decides; this only catches obvious typos before sending. */
export function looksLikeEmail(s: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(s);
}
