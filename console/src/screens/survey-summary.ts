/** A survey as the territory's list gives it, and its title in the staff's language. */
export interface SurveySummary {
  id: string;
  status: 'draft' | 'live' | 'closed';
  version: number;
  updatedAt: string;
  title: Record<string, string>;
}

export const titleOf = (s: { id: string; title: Record<string, string> }, lang: string) =>
  s.title[lang] ?? s.title.fr ?? Object.values(s.title)[0] ?? s.id;
