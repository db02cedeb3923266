/** What a response's cell records besides its key: the language it was given in. */

/** The language a response counts under: its primary subtag if the survey has it, else `other`. */
export function cellLocale(locale: string, languages: ReadonlySet<string>): string {
  const primary = locale.split('-', 1)[0]?.toLowerCase() ?? '';
  return languages.has(primary) ? primary : 'other';
}
