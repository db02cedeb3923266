/**
 * A text with the typography the API applies when it saves titles and labels taken back out
 * (analytics/typography.ts: ’ for ', no-break spaces around French punctuation), so tests can
 * check that nothing else of a text changed.
 */
export const untypeset = (text: string) =>
  text
    .replace(/’/g, "'")
    .replace(/[ \u202f\u00a0]*([?!;:»])/g, '$1')
    .replace(/«[ \u202f\u00a0]*/g, '«');
