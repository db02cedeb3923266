/**
 * The free text of suggestions: contact details masked out of it, and the words that count
 * (French and English stop words removed) for the most-frequent-words indicator.
 */

/**
 * An address starts where a run of its characters starts (the lookbehind): without it, a long
 * run with no `@` was scanned again from each of its characters, quadratic in its length. The
 * matches are the same, since a match inside a run also matches from the run's start.
 */
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/**
 * French numbers in national or international form (06 12 34 56 78, +33 (0)6.12.34.56.78,
 * 0033612345678) and any other international number of 8 to 15 digits after a `+`.
 */
const PHONE =
  /(?<![\p{N}+])(?:(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:[\s.-]?\d{2}){4}|\+[1-9](?:[\s.-]?\d){7,14})(?!\p{N})/gu;

export const EMAIL_MASK = '[e-mail]';
export const PHONE_MASK = '[téléphone]';

/** The text with every e-mail address and phone number replaced by a mask. */
export function maskContactDetails(text: string): string {
  return text.replace(EMAIL, EMAIL_MASK).replace(PHONE, PHONE_MASK);
}

/** Text as compared for "the same text again": Unicode-normalised, lower case, spacing and punctuation ignored. */
export function normalizeForDedupe(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('fr')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const FRENCH = `au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le les leur leurs lui ma mais me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous
c d j l m n s t y à été étée étées étés étant suis es est sommes êtes sont serai seras sera serons serez seront serais serait serions seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez soient fusse fût
ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient eu eue eues eus ayant
ceci cela ça celui celle ceux celles ici là plus moins très trop bien aussi alors donc car ni si non oui tout tous toute toutes autre autres comme comment quand quel quelle quels quelles dont sans sous chez vers depuis entre avant après encore
déjà jamais toujours peu beaucoup fait faire faut peut être avoir rien chaque même mêmes leur cet cela ainsi merci bonjour madame monsieur svp etc fois afin était sont peuvent pourrait devrait serait aurait sera faudrait`;

const ENGLISH = `a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him
himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves please thanks thank hello also get got make made one don doesn didn isn wasn aren won`;

const WORD = /\p{L}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*/gu;

export const STOP_WORDS: ReadonlySet<string> = new Set(
  [...FRENCH.split(/\s+/), ...ENGLISH.split(/\s+/)].filter(Boolean),
);

/**
 * The words of a text that say something: contact details removed first, split on anything
 * but letters (an elided "l'" or "qu'" falls off), shorter than three letters or a stop word dropped.
 */
export function meaningfulWords(text: string): string[] {
  const cleaned = text.replace(EMAIL, ' ').replace(PHONE, ' ').normalize('NFC').toLocaleLowerCase('fr');
  // One word at a time: `match` would first build an array of every short word, which a text of
  // thousands of one-letter words makes slower than linear (the garbage collector, not the pattern).
  const words: string[] = [];
  for (const [w] of cleaned.matchAll(WORD)) if (w.length >= 3 && !STOP_WORDS.has(w)) words.push(w);
  return words;
}

/** Whether a text carries an e-mail address or a phone number: whether masking would change it. */
export function hasContactDetails(text: string): boolean {
  return maskContactDetails(text) !== text;
}
