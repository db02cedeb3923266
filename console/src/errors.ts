/**
 * The API's and the schemas' messages in the staff's language. The API answers in English
 * (its contract is for developers); the console says the same in French, or English on
 * request, from the error code and each issue's path and message. A message no rule knows is
 * never shown raw: it becomes "this value is not accepted" at its field.
 */
import type { ApiFailure, Issue } from './api.ts';

export type Lang = 'fr' | 'en';
type Say = (m: RegExpExecArray) => string;
type Rule = [RegExp, Say, Say];

const fr =
  (s: string): Say =>
  () =>
    s;
const q = (s: string | undefined) => `« ${s ?? ''} »`;

/** Each known message: a pattern and its words in French and English. */
const RULES: Rule[] = [
  // zod's own messages
  [
    /^Too small: expected string to have >=1 characters?$/,
    fr('Ce champ est obligatoire.'),
    fr('This field is required.'),
  ],
  [
    /^Too small: expected string to have >=(\d+)/,
    (m) => `Au moins ${m[1]} caractères.`,
    (m) => `At least ${m[1]} characters.`,
  ],
  [
    /^Too big: expected string to have <=(\d+)/,
    (m) => `Au plus ${m[1]} caractères.`,
    (m) => `At most ${m[1]} characters.`,
  ],
  [
    /^Too small: expected array to have >=(\d+)/,
    (m) => `Au moins ${m[1]} élément(s).`,
    (m) => `At least ${m[1]} item(s).`,
  ],
  [/^Too big: expected array to have <=(\d+)/, (m) => `Au plus ${m[1]} éléments.`, (m) => `At most ${m[1]} items.`],
  [/^Too small: expected number to be >=?(-?[\d.]+)/, (m) => `Au moins ${m[1]}.`, (m) => `At least ${m[1]}.`],
  [/^Too big: expected number to be <=?(-?[\d.]+)/, (m) => `Au plus ${m[1]}.`, (m) => `At most ${m[1]}.`],
  [
    /^Invalid input: expected \w+, received (undefined|null)$/,
    fr('Ce champ est obligatoire.'),
    fr('This field is required.'),
  ],
  [/^Invalid input: expected int/, fr('Un nombre entier est attendu.'), fr('A whole number is expected.')],
  [/^Invalid input: expected number/, fr('Un nombre est attendu.'), fr('A number is expected.')],
  [/^Invalid option/, fr('Choisissez une des valeurs proposées.'), fr('Pick one of the values offered.')],
  [/^Invalid email address$/, fr('Adresse e-mail non valable.'), fr('Not a valid e-mail address.')],
  [/^Invalid ISO date|^Invalid date/, fr('Date non valable.'), fr('Not a valid date.')],
  // the questionnaire and territory schemas
  [
    /^expected 2–64 lowercase letters, digits and hyphens$/,
    fr('De 2 à 64 caractères : lettres minuscules sans accent, chiffres et tirets (ex. : pays-de-sault).'),
    fr('2 to 64 characters: lowercase letters without accents, digits and hyphens (e.g. pays-de-sault).'),
  ],
  [
    /^expected a BCP 47 language tag/,
    fr('Un code de langue est attendu, comme fr ou en.'),
    fr('A language code is expected, such as fr or en.'),
  ],
  [
    /^expected a lowercase id of letters, digits and _$/,
    fr('Un identifiant en minuscules sans accent : lettres, chiffres et _ (ex. : accueil_ot).'),
    fr('A lowercase id without accents: letters, digits and _ (e.g. welcome_desk).'),
  ],
  [
    /^at least one language is required$/,
    fr('Écrivez ce texte dans au moins une langue.'),
    fr('Write this text in at least one language.'),
  ],
  [
    /^expected a short dimension name$/,
    fr('Un nom court est attendu (lettres, chiffres, espaces).'),
    fr('A short name is expected (letters, digits, spaces).'),
  ],
  [
    /^missing the survey's default language "([^"]+)"$/,
    (m) => `Le texte en ${langName(m[1], 'fr')} est obligatoire.`,
    (m) => `The ${langName(m[1], 'en')} text is required.`,
  ],
  [/^duplicate audience$/, fr('Ce public est déjà coché.'), fr('This public is listed twice.')],
  [
    /^duplicate question id "(.+)"$/,
    (m) => `Une autre question a déjà l’identifiant ${q(m[1])}.`,
    (m) => `Another question already has the id "${m[1]}".`,
  ],
  [
    /^audience "(.+)" is not one of the survey's$/,
    fr('Ce public n’est pas un public du questionnaire.'),
    fr('This public is not one of the survey’s.'),
  ],
  [
    /^scale\.min must be less than scale\.max$/,
    fr('Le minimum doit être inférieur au maximum.'),
    fr('The minimum must be below the maximum.'),
  ],
  [/^a scale has at most 21 points$/, fr('Une échelle a au plus 21 points.'), fr('A scale has at most 21 points.')],
  [
    /^a \w+ question cannot measure \w+$/,
    fr('Ce type de question ne peut pas mesurer cet indice.'),
    fr('This type of question cannot measure that index.'),
  ],
  [/^the \w+ index needs a dimension$/, fr('Indiquez la dimension mesurée.'), fr('Say which dimension it measures.')],
  [
    /^an nps question measures the nps index$/,
    fr('Une question de recommandation mesure le NPS.'),
    fr('A recommendation question measures the NPS.'),
  ],
  [
    /^a comparison question measures relativeValue$/,
    fr('Une comparaison mesure la valeur relative.'),
    fr('A comparison measures relative value.'),
  ],
  [
    /^a choice needs at least one option$/,
    fr('Ajoutez au moins une réponse possible.'),
    fr('Add at least one option.'),
  ],
  [
    /^duplicate option id "(.+)"$/,
    (m) => `Une autre réponse a déjà l’identifiant ${q(m[1])}.`,
    (m) => `Another option already has the id "${m[1]}".`,
  ],
  [
    /^only a single choice can define report cells$/,
    fr('Seule une question à réponse unique peut découper le rapport.'),
    fr('Only a single-answer question can split the report.'),
  ],
  [
    /^expected an origin such as/,
    fr('Une origine est attendue : https:// suivi du nom du site, sans chemin (ex. : https://www.ot-carpentras.fr).'),
    fr(
      'An origin is expected: https:// and the site’s name, without a path (e.g. https://www.carpentras-tourism.com).',
    ),
  ],
  [/^unknown time zone$/, fr('Fuseau horaire inconnu.'), fr('Unknown time zone.')],
  [/^duplicate category id$/, fr('Deux thèmes ont le même identifiant.'), fr('Two categories have the same id.')],
  [/^change at least one setting$/, fr('Aucun réglage n’a changé.'), fr('No setting changed.')],
  // reports
  [/^from must not be after to$/, fr('Le début doit précéder la fin.'), fr('The start must come before the end.')],
  [
    /^baselineFrom must not be after baselineTo$/,
    fr('Le début de la référence doit précéder sa fin.'),
    fr('The baseline’s start must come before its end.'),
  ],
  [
    /^at most (\d+) days$/,
    (m) => `Une période couvre au plus ${m[1]} jours.`,
    (m) => `A period spans at most ${m[1]} days.`,
  ],
  [
    /^give both baselineFrom and baselineTo, or neither$/,
    fr('Donnez le début et la fin de la référence, ou aucun des deux.'),
    fr('Give both the start and end of the baseline, or neither.'),
  ],
  [
    /^the baseline must be closed: it must end before today \((.+)\)$/,
    fr('La période de référence doit être terminée : elle doit finir avant aujourd’hui.'),
    fr('The baseline must be over: it must end before today.'),
  ],
  [
    /^not a margin of this survey/,
    fr('Ce questionnaire ne permet pas de pondérer sur cette variable.'),
    fr('This survey cannot be weighted on that variable.'),
  ],
  [
    /^name a competitor of this survey/,
    fr('Choisissez un concurrent nommé dans le questionnaire.'),
    fr('Pick a competitor the survey names.'),
  ],
  [
    /^only relativeValue objectives name a competitor$/,
    fr('Seul un objectif de valeur relative nomme un concurrent.'),
    fr('Only a relative-value objective names a competitor.'),
  ],
  [
    /^not an audience of this survey$/,
    fr('Ce public n’est pas interrogé par ce questionnaire.'),
    fr('This survey does not ask that public.'),
  ],
  // the suggestion box
  [
    /^an answered suggestion needs the text of its answer$/,
    fr('Écrivez la réponse publique.'),
    fr('Write the public answer.'),
  ],
  [
    /^no suggestion of this territory has this code$/,
    fr('Aucune suggestion de ce territoire n’a ce code.'),
    fr('No suggestion of this territory has this code.'),
  ],
];

const LANGS: Record<string, [string, string]> = { fr: ['français', 'French'], en: ['anglais', 'English'] };
const langName = (tag: string | undefined, lang: Lang) => LANGS[tag ?? '']?.[lang === 'fr' ? 0 : 1] ?? tag ?? '';

/** One message of the API or of a schema, in the staff's language. */
export function sayIssue(message: string, lang: Lang): string {
  for (const [pattern, inFrench, inEnglish] of RULES) {
    const m = pattern.exec(message);
    if (m) return (lang === 'fr' ? inFrench : inEnglish)(m);
  }
  return lang === 'fr' ? 'Cette valeur n’est pas acceptée.' : 'This value is not accepted.';
}

/** What a failed call means for the person, when the screen has nothing more precise to say. */
const BY_CODE: Record<string, [string, string]> = {
  network: [
    'Le service ne répond pas. Vérifiez votre connexion et réessayez.',
    'The service does not answer. Check your connection and try again.',
  ],
  validation_failed: [
    'Certains champs sont à corriger : voir les messages à côté de chacun.',
    'Some fields need correcting: see the message next to each.',
  ],
  unauthorized: ['Cette clé est inconnue ou a été révoquée.', 'This key is unknown or has been revoked.'],
  forbidden: ['Votre clé ne permet pas cette action.', 'Your key does not allow this.'],
  not_found: ['Introuvable : cet élément n’existe pas ou plus.', 'Not found: this no longer exists.'],
  conflict: [
    'Cet élément a changé entre-temps : rechargez la page et recommencez.',
    'This changed in the meantime: reload and try again.',
  ],
  payload_too_large: ['C’est trop long pour être enregistré d’un coup.', 'This is too large to save at once.'],
  rate_limited: ['Trop de demandes d’un coup : patientez une minute.', 'Too many requests at once: wait a minute.'],
  unavailable: [
    'Le service est momentanément indisponible : réessayez dans un instant. Rien n’a été perdu.',
    'The service is briefly unavailable: try again in a moment. Nothing was lost.',
  ],
  internal: [
    'Une erreur de notre côté : réessayez ; si elle persiste, signalez-la.',
    'An error on our side: try again; if it persists, report it.',
  ],
};

export interface Explained {
  /** One sentence for the top of the form. */
  message: string;
  /** Field errors by dotted path (`questions.2.label.fr`). */
  fields: Record<string, string>;
}

/** A failure in words; `override` gives a screen's own sentence for a code (e.g. a taken id on 409). */
export function explain(e: unknown, lang: Lang, override: Partial<Record<string, string>> = {}): Explained {
  const failure = e as Partial<ApiFailure>;
  const code = typeof failure.code === 'string' ? failure.code : 'internal';
  const message = override[code] ?? (BY_CODE[code] ?? BY_CODE.internal)?.[lang === 'fr' ? 0 : 1] ?? '';
  return { message, fields: fieldErrors(failure.issues ?? [], lang) };
}

export function fieldErrors(issues: readonly Issue[], lang: Lang): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of issues) fields[i.path] ??= sayIssue(i.message, lang);
  return fields;
}

/** zod's issues (a client-side check with the API's own schema) as dotted paths and words. */
export function zodErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  lang: Lang,
): Record<string, string> {
  return fieldErrors(
    issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message })),
    lang,
  );
}
