/** The words of the rendered reports in French, the reference language (English follows its shape). */

/** A list read aloud: "a, b et c". */
const list = (items: string[], and: string) =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;

export const FR = {
  report: "Rapport d'évaluation",
  period: (from: string, to: string) => `Période du ${from} au ${to}`,
  baseline: (from: string, to: string) => `Référence : du ${from} au ${to}`,
  generated: 'Généré le',
  responses: 'réponses',
  list: (items: string[]) => list(items, 'et'),
  quoted: (s: string) => `« ${s} »`,
  separator: ' ; ',
  all: 'Ensemble',
  audiences: { visitor: 'Visiteurs', resident: 'Résidents', investor: 'Investisseurs' } as Record<string, string>,
  indices: {
    nps: 'Recommandation (NPS)',
    satisfaction: 'Satisfaction',
    image: 'Image',
    value: 'Valeur perçue',
    relativeValue: 'Valeur relative',
  } as Record<string, string>,
  dimensions: {
    welcome: 'Accueil',
    accommodation: 'Hébergement',
    food: 'Restauration',
    heritage: 'Patrimoine',
    nature: 'Nature',
    transport: 'Transports',
    events: 'Événements',
    services: 'Services',
    housing: 'Logement',
    shops: 'Commerces',
    safety: 'Sécurité',
    access: 'Accessibilité',
    talent: 'Compétences',
    premises: 'Immobilier d’entreprise',
    networks: 'Réseaux',
    support: 'Accompagnement',
    life: 'Qualité de vie',
    presence: 'Notoriété',
    place: 'Cadre de vie',
    prerequisites: 'Équipements',
    people: 'Habitants',
    pulse: 'Animation',
    potential: 'Potentiel',
    quality: 'Qualité',
    emotional: 'Émotion',
    social: 'Image sociale',
    price: 'Prix',
  } as Record<string, string>,
  questionnaire: 'Questionnaire',
  version: (v: number, responses: string | null) =>
    responses === null ? `version ${v}` : `version ${v} (${responses} réponses)`,
  noVersion: 'aucune réponse',

  pending: (k: number, days: string) =>
    k === 1
      ? `Attention : un jour de la période n’est pas encore compté (${days}) ; le prochain calcul l’ajoutera.`
      : `Attention : ${k} jours de la période ne sont pas encore comptés (${days}) ; le prochain calcul les ajoutera.`,
  legendTitle: 'Lire ce rapport',
  legend: [
    'Chaque valeur est suivie de son intervalle de confiance à 95 % [entre crochets] et de son effectif n.',
    '† échantillon faible (moins de 100 réponses effectives) : à lire comme une tendance.',
    '« masqué » : trop peu de réponses pour publier le chiffre ; la raison est dite.',
    '★ écart qui reste significatif après correction pour comparaisons multiples (Holm).',
  ],

  audience: 'Public',
  withheld: 'masqué',
  reasons: {
    thin: 'moins de 30 réponses effectives',
    edges: 'la période coupe un groupe de moins de 30 répondants : choisissez des mois entiers',
    complement: 'le montrer révélerait par soustraction un autre chiffre masqué',
  },
  /** When the period already is whole months, the block it cuts spans several months: the advice differs. */
  edgesWholeMonths: 'ce public n’atteint 30 répondants que sur plusieurs mois, que la période coupe : élargissez-la',
  shortReasons: { thin: 'trop peu de réponses', edges: 'période à élargir', complement: 'protège un autre chiffre' },
  overallEmpty: 'masqué : aucun public n’a de chiffre publiable sur cette période, l’ensemble ne peut rien additionner',
  overallEmptyShort: 'masqué : aucun public publiable',
  noAnswer: 'aucune réponse',
  lowSample: 'échantillon faible : moins de 100 réponses effectives',

  findings: "L'essentiel",
  up: 'en hausse',
  down: 'en baisse',
  holdsAfterHolm: 'reste significatif après correction pour comparaisons multiples (Holm)',
  notAfterHolm: 'non significatif après correction pour comparaisons multiples (Holm)',
  notSignificant: 'non significatif',
  pBefore: 'p (avant correction)',
  verdictHolm: 'Verdict (après correction de Holm)',
  findingLeads: { changes: 'Évolution', act: 'Où agir', limits: 'Limites' },
  changesIntro: (k: number) =>
    k === 1
      ? 'un écart reste significatif après correction pour comparaisons multiples (Holm) : '
      : `${k} écarts restent significatifs après correction pour comparaisons multiples (Holm) : `,
  changedItem: (direction: string, subject: string, from: string, to: string, delta: string) =>
    `${subject} ${direction}, de ${from} à ${to} (${delta} points)`,
  andOthers: (k: number) => (k === 1 ? 'et un autre (voir la comparaison)' : `et ${k} autres (voir la comparaison)`),
  noChange: (from: string, to: string) =>
    `aucun écart significatif avec la référence (du ${from} au ${to}) après correction pour comparaisons multiples (Holm) : les différences observées peuvent tenir au hasard.`,
  noBaselineFinding:
    'pas de période de référence : ce rapport ne dit pas si les indices ont changé. Choisissez-en une (le même mois l’an dernier, ou les mois avant une campagne) pour le savoir.',
  versionsFinding: (indices: string) =>
    `${indices} : pas de comparaison d’ensemble, le questionnaire a changé entre les deux périodes ; ses dimensions communes sont comparées.`,
  actOn: (dims: string[]) =>
    dims.length === 1
      ? `en priorité sur ${dims[0]} ; cette dimension pèse plus que la moyenne sur la recommandation et obtient un score sous la moyenne.`
      : `en priorité sur ${list(dims, 'et')} ; ces dimensions pèsent plus que la moyenne sur la recommandation et obtiennent un score sous la moyenne.`,
  actOnUncertain: 'Leur lien avec la recommandation reste incertain (intervalles qui comprennent zéro) : à confirmer.',
  nothingToAct: 'le diagnostic ne désigne aucune dimension à travailler en priorité.',
  noDiagnosisFinding: 'pas de diagnostic : trop peu de réponses, ou pas de question de recommandation.',
  objectivesMet: (met: number, total: number) =>
    total === 1
      ? `Objectif ${met ? 'atteint' : 'pas encore atteint'}`
      : `Objectifs : ${met} atteint${met > 1 ? 's' : ''} sur ${total}`,
  objectiveMetList: (items: string[]) =>
    `${items.length > 1 ? 'Atteints' : 'Atteint'} (intervalle entièrement au-dessus de la cible) : ${list(items, 'et')}`,
  objectiveOpenList: (items: string[]) => `Pas encore : ${list(items, 'et')}`,
  objectiveHiddenList: (items: string[]) =>
    `Non mesurable${items.length > 1 ? 's' : ''} (chiffre masqué) : ${list(items, 'et')}`,
  valueForTarget: (label: string, value: string, target: string) => `${label} (${value} pour une cible de ${target})`,
  tooThin: (groups: string) => `trop peu de réponses pour conclure sur : ${groups}.`,
  leftOutOfOverall: 'L’ensemble les laisse de côté.',
  otherWithheld: (k: number, more: boolean) =>
    k === 1
      ? `${more ? 'Un autre chiffre est masqué' : 'un chiffre est masqué'} (détail plus bas).`
      : `${k} ${more ? 'autres chiffres' : 'chiffres'} sont masqués (détail plus bas).`,
  nothingThin: 'tous les chiffres de ce rapport reposent sur assez de réponses pour être publiés.',

  keyIndices: 'Indices clés',
  groups: { visitor: 'les visiteurs', resident: 'les résidents', investor: 'les investisseurs' } as Record<
    string,
    string
  >,
  partOf: (group: string) => `une partie d${group.replace(/^les /, 'es ')}`,
  overallWithout: (groups: string) => `sans ${groups}`,
  overallNote: (groups: string, total: string) =>
    `L’ensemble ne compte que les publics dont le chiffre peut être publié : ici sans ${groups}, d’où un n inférieur aux ${total} réponses de la période.`,
  byAudience: 'Indices par public',
  byAudienceTable: 'Les mêmes indices en tableau : valeur, intervalle et effectif',
  trends: 'Évolution mensuelle',
  noTrends: 'Tendance non disponible : il faut au moins deux mois.',
  unfinished: 'en cours',
  unfinishedNote: '○ mois en cours, non terminé : son point changera encore.',
  radar: "L'image : l'hexagone de la marque territoriale",
  radarFew: "Moins de trois dimensions d'image : pas d'hexagone.",
  relative: 'Valeur relative face aux concurrents',
  against: (name: string) => `Face à ${name}`,
  colon: ' : ',
  relativeNote: 'Score net : part « mieux » moins part « moins bien », de −100 à +100.',
  durably: 'Supériorité durable',
  durablyNote:
    'Durablement supérieur : valeur relative significativement positive (intervalle au-dessus de zéro) sur chacune des trois dernières périodes de même durée.',
  durablyYes: 'oui, durablement supérieur',
  durablyNo: 'non',
  durablyUnknown: 'non établi : les trois périodes ne sont pas toutes publiables',
  competitor: 'Concurrent',
  comparison: 'Comparaison avec la période de référence',
  noBaseline: 'Aucune période de référence demandée.',
  significantShort: '★ significatif (Holm)',
  notSignificantShort: 'non significatif (Holm)',
  notComparable: 'non comparable : un côté est masqué',
  versionsShort: 'non comparé : questionnaire modifié',
  versionsFor: (index: string, groups: string) => `${index} (${groups})`,
  versionsWithheld:
    'non comparée : les deux périodes n’ont pas posé les mêmes dimensions (versions du questionnaire différentes) ; voir ses dimensions ci-dessous',
  dimensionChanges: 'Dimensions comparées (posées dans les deux périodes)',
  objectives: 'Objectifs',
  noObjectives: 'Aucun objectif fixé.',

  diagnostic: 'Diagnostic : où agir',
  diagnosticIntro: (outcome: string) =>
    `Pour chaque dimension : son importance, la corrélation entre la note qu’elle reçoit et la réponse à « ${outcome} » (de −1 à +1, intervalle de Fisher à 95 %), et sa performance, son score de 0 à 100. Les lignes en tirets coupent aux moyennes des dimensions montrées (Martilla et James). Une corrélation n’est pas une cause.`,
  quadrants: {
    concentrate: 'À travailler en priorité',
    'keep-up': 'Atout à maintenir',
    'low-priority': 'Priorité secondaire',
    'possible-overkill': 'Effort peut-être excessif',
  } as Record<string, string>,
  importance: 'Importance (corrélation)',
  performance: 'Performance (0–100)',
  quadrant: 'Quadrant',
  noQuadrant: 'hors quadrants',
  unnamedPoints: 'Points sans nom : voir le tableau.',
  noDrivers: 'Pas de diagnostic : le questionnaire n’a pas de question de recommandation ni de question globale.',
  fewDrivers: 'Moins de deux dimensions publiables : pas de quadrants.',
  driversTable: (section: string) => `Importance et performance — ${section}`,
  driversByAudience: 'Importance par public',
  quadrantChart: (section: string) => `Importance et performance des dimensions — ${section}`,
  quadrantDesc: (k: number, concentrate: string) =>
    `Nuage de ${k} dimensions : performance en abscisse, importance en ordonnée, coupé aux moyennes. ${concentrate ? `À travailler en priorité : ${concentrate}.` : 'Aucune dimension à travailler en priorité.'} Le tableau qui suit donne les mêmes chiffres.`,

  choices: 'Questions à choix',
  choicesNote:
    'Part de ceux qui ont répondu à la question, en % (intervalle de Wilson à 95 %). Pour une question à choix multiples, les parts ne s’additionnent pas à 100.',
  comments: 'Commentaires',
  commentsNote:
    'Quelques commentaires tirés au sort parmi ceux des mois entiers de la période, cités tels quels, adresses électroniques et numéros de téléphone masqués. Un public ne compte pour un mois, ni par ses commentaires ni par leur nombre, que si au moins 30 de ses répondants ont vu la question ce mois-là.',
  commentCount: (k: number, count: string) => (k <= 1 ? `${count} commentaire` : `${count} commentaires`),
  commentReasons: {
    thin: 'moins de 30 personnes interrogées dans le mois',
    edges: 'la période coupe un mois : choisissez des mois entiers',
  },
  commentsPartly: 'certains mois non publiés',
  quality: 'Qualité des échelles',
  alphaTitle: "α de Cronbach : cohérence des questions d'une même dimension",
  alphaNote:
    'Calculé sur ceux qui ont répondu à toutes les questions de la dimension. À partir de 0,7, les questions mesurent bien la même chose ; en dessous, lisez la dimension question par question.',
  alphaReading: { good: 'cohérent', fair: 'à surveiller', poor: 'faible' },
  noAlpha: 'Aucune dimension mesurée par plusieurs questions.',
  itemResponseTitle: 'Taux de réponse par question (réponses ÷ personnes à qui elle a été posée)',
  questions: 'Questions',
  dimensionsTitle: 'Détail par dimension',
  topTwoBox: 'Questions sur 5 points : part des deux notes les plus hautes (top 2)',
  index: 'Indice',
  value: 'Valeur',
  interval: 'Intervalle à 95 %',
  n: 'n',
  nEff: 'n effectif',
  remark: 'Remarque',
  item: 'Question',
  delta: 'Écart',
  current: 'Période',
  reference: 'Référence',
  target: 'Cible',
  by: 'Échéance',
  distance: 'Distance',
  above: 'intervalle entièrement au-dessus de la cible',
  aboveShort: 'intervalle au-dessus',
  notAbove: "l'intervalle n'est pas entièrement au-dessus",
  unweighted: 'Non pondéré.',
  methods: { raking: 'calage sur les marges, raking', 'post-stratification': 'post-stratification' } as Record<
    string,
    string
  >,
  weighted: (method: string, deff: string, nEff: string) =>
    `Pondéré (${method}) ; effet de plan ${deff}, n effectif ${nEff}.`,
  trimmed: (cap: string, capped: string) =>
    `Poids plafonnés à ${cap} fois le poids moyen (${capped} répondants au plafond).`,
  notConverged: (gap: string) =>
    `Attention : les marges visées n’ont pas toutes été atteintes (écart le plus grand : ${gap}).`,

  method: 'Méthode',
  methodNote: [
    [
      'Ce que supposent les intervalles.',
      'Un intervalle à 95 % mesure l’aléa d’un échantillon tiré au hasard. Or les répondants se sont choisis eux-mêmes : l’intervalle ne dit rien du biais de ceux qui n’ont pas répondu. La pondération ne corrige que les marges qu’on lui donne (public, langue, canal…), rien d’autre ; après pondération, la variance est estimée par linéarisation (résidus de la régression de calage). Les parts ont un intervalle de Wilson ; aucun intervalle ne sort de l’échelle de son indice.',
    ],
    [
      'Règle de diffusion.',
      'Chaque chiffre repose sur des blocs de mois entiers d’au moins 30 répondants, par public et par mesure ; un public n’est montré que si la période contient ses blocs entiers. L’ensemble additionne, pour chaque public, ses blocs entiers compris dans la période et laisse de côté un public trop peu nombreux, si bien qu’aucune soustraction entre rapports n’isole moins de 30 personnes.',
    ],
    [
      'Pondération.',
      'Calage sur les marges (raking) avec écrêtage : les poids sont plafonnés, puis calage et écrêtage alternent jusqu’à ce que marges et plafond tiennent ensemble ; sinon le rapport le dit, avec l’écart qui reste.',
    ],
    [
      'Indices composites et versions.',
      'Un répondant compte dans un indice composite s’il a répondu à au moins la moitié des dimensions que sa version du questionnaire lui posait. Deux périodes ne sont comparées sur un indice composite que si elles posaient les mêmes dimensions ; sinon seules leurs dimensions communes le sont.',
    ],
    [
      'Comparaisons.',
      'Un écart est testé au seuil de 5 %. Comme plusieurs indices sont testés à la fois, la correction de Holm relève l’exigence pour ne pas présenter comme un changement ce qui tient au hasard ; le p affiché est celui avant correction.',
    ],
    [
      'Diagnostic.',
      'L’importance d’une dimension est sa corrélation (pondérée) avec la recommandation, sur ceux qui ont répondu aux deux ; les quadrants de Martilla et James coupent aux moyennes des dimensions montrées. Une dimension très liée à la recommandation n’en est pas forcément la cause.',
    ],
    [
      'Commentaires.',
      'Au plus cinq commentaires par question et par public, tirés au sort une fois pour toutes (le même tirage à chaque calcul, qu’aucun répondant ne peut provoquer), parmi ceux des mois entiers de la période ; les plus lisibles d’abord, coupés au-delà de 300 signes, coordonnées masquées. Un public ne compte pour un mois que si au moins 30 de ses répondants ont vu la question ; le total n’additionne que ces mois-là. Les commentaires, et leur nombre, s’effacent avec les réponses libres à la fin de leur durée de conservation.',
    ],
  ] as [string, string][],
};
