/** The words of the rendered reports in English (lang=en), in the shape of the French ones. */
import type { FR } from './strings-fr.ts';

const list = (items: string[]) =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

export const EN: typeof FR = {
  report: 'Evaluation report',
  period: (from, to) => `Period from ${from} to ${to}`,
  baseline: (from, to) => `Baseline: from ${from} to ${to}`,
  generated: 'Generated on',
  responses: 'responses',
  list,
  quoted: (s) => `“${s}”`,
  separator: '; ',
  all: 'All respondents',
  audiences: { visitor: 'Visitors', resident: 'Residents', investor: 'Investors' },
  indices: {
    nps: 'Recommendation (NPS)',
    satisfaction: 'Satisfaction',
    image: 'Image',
    value: 'Perceived value',
    relativeValue: 'Relative value',
  },
  dimensions: {
    welcome: 'Welcome',
    accommodation: 'Accommodation',
    food: 'Food',
    heritage: 'Heritage',
    nature: 'Nature',
    transport: 'Transport',
    events: 'Events',
    services: 'Services',
    housing: 'Housing',
    shops: 'Shops',
    safety: 'Safety',
    access: 'Access',
    talent: 'Skills',
    premises: 'Business premises',
    networks: 'Networks',
    support: 'Support',
    life: 'Quality of life',
    presence: 'Presence',
    place: 'Place',
    prerequisites: 'Prerequisites',
    people: 'People',
    pulse: 'Pulse',
    potential: 'Potential',
    quality: 'Quality',
    emotional: 'Emotional',
    social: 'Social',
    price: 'Price',
  },
  questionnaire: 'Questionnaire',
  version: (v, responses) => (responses === null ? `version ${v}` : `version ${v} (${responses} responses)`),
  noVersion: 'no response',

  pending: (k, days) =>
    k === 1
      ? `Warning: one day of the period is not counted yet (${days}); the next run will add it.`
      : `Warning: ${k} days of the period are not counted yet (${days}); the next run will add them.`,
  legendTitle: 'Reading this report',
  legend: [
    'Every value is followed by its 95 % confidence interval [in brackets] and its count n.',
    '† small sample (fewer than 100 effective responses): read it as a trend.',
    '“withheld”: too few responses to publish the figure; the reason is given.',
    '★ a change that remains significant after correction for multiple comparisons (Holm).',
  ],

  audience: 'Public',
  withheld: 'withheld',
  reasons: {
    thin: 'fewer than 30 effective responses',
    edges: 'the period cuts a group of fewer than 30 respondents: choose whole months',
    complement: 'showing it would reveal another withheld figure by subtraction',
  },
  edgesWholeMonths: 'this public reaches 30 respondents only over several months, which the period cuts: widen it',
  shortReasons: { thin: 'too few responses', edges: 'widen the period', complement: 'protects another figure' },
  overallEmpty: 'withheld: no public has a publishable figure in this period, so all respondents has nothing to add up',
  overallEmptyShort: 'withheld: no publishable public',
  noAnswer: 'no answer',
  lowSample: 'small sample: fewer than 100 effective responses',

  findings: 'Key findings',
  up: 'up',
  down: 'down',
  holdsAfterHolm: 'remains significant after correction for multiple comparisons (Holm)',
  notAfterHolm: 'not significant after correction for multiple comparisons (Holm)',
  notSignificant: 'not significant',
  pBefore: 'p (before correction)',
  verdictHolm: 'Verdict (after Holm’s correction)',
  findingLeads: { changes: 'Change', act: 'Where to act', limits: 'Limits' },
  changesIntro: (k) =>
    k === 1
      ? 'one change remains significant after correction for multiple comparisons (Holm): '
      : `${k} changes remain significant after correction for multiple comparisons (Holm): `,
  changedItem: (direction, subject, from, to, delta) =>
    `${subject} ${direction}, from ${from} to ${to} (${delta} points)`,
  andOthers: (k) => (k === 1 ? 'and one more (see the comparison)' : `and ${k} more (see the comparison)`),
  noChange: (from, to) =>
    `no significant change against the baseline (${from} to ${to}) after correction for multiple comparisons (Holm): the differences seen may be chance.`,
  noBaselineFinding:
    'no baseline period: this report does not say whether the indices changed. Choose one (the same month last year, or the months before a campaign) to find out.',
  versionsFinding: (indices) =>
    `${indices}: no overall comparison, the questionnaire changed between the two periods; its common dimensions are compared.`,
  actOn: (dims) =>
    `first on ${list(dims)}; ${dims.length === 1 ? 'it weighs' : 'they weigh'} more than average on recommendation and ${dims.length === 1 ? 'scores' : 'score'} below average.`,
  actOnUncertain: 'Their link with recommendation is uncertain (intervals that include zero): to be confirmed.',
  nothingToAct: 'the diagnostic points to no dimension to act on first.',
  noDiagnosisFinding: 'no diagnostic: too few responses, or no recommendation question.',
  objectivesMet: (met, total) =>
    total === 1 ? `Objective ${met ? 'met' : 'not met yet'}` : `Objectives: ${met} of ${total} met`,
  objectiveMetList: (items) => `Met (interval entirely above the target): ${list(items)}`,
  objectiveOpenList: (items) => `Not yet: ${list(items)}`,
  objectiveHiddenList: (items) => `Cannot be judged (figure withheld): ${list(items)}`,
  valueForTarget: (label, value, target) => `${label} (${value} for a target of ${target})`,
  tooThin: (groups) => `too few responses to conclude on: ${groups}.`,
  leftOutOfOverall: 'All respondents leaves them out.',
  otherWithheld: (k, more) =>
    k === 1
      ? `${more ? 'One more figure is' : 'one figure is'} withheld (details below).`
      : `${k} ${more ? 'more figures are' : 'figures are'} withheld (details below).`,
  nothingThin: 'every figure of this report rests on enough responses to be published.',

  keyIndices: 'Key indices',
  groups: { visitor: 'visitors', resident: 'residents', investor: 'investors' },
  partOf: (group) => `part of the ${group}`,
  overallWithout: (groups) => `without ${groups}`,
  overallNote: (groups, total) =>
    `All respondents counts only the publics whose figure may be published: here without ${groups}, hence an n below the period's ${total} responses.`,
  byAudience: 'Indices by public',
  byAudienceTable: 'The same indices as a table: value, interval and count',
  trends: 'Monthly trends',
  noTrends: 'No trend: at least two months are needed.',
  unfinished: 'ongoing',
  unfinishedNote: '○ current month, not over: its point will still change.',
  radar: 'Image: the place-brand hexagon',
  radarFew: 'Fewer than three image dimensions: no hexagon.',
  relative: 'Relative value against competitors',
  against: (name) => `Against ${name}`,
  colon: ': ',
  relativeNote: 'Net score: share "better" minus share "worse", from −100 to +100.',
  durably: 'Durable superiority',
  durablyNote:
    'Durably superior: relative value significantly positive (interval above zero) in each of the last three periods of the same length.',
  durablyYes: 'yes, durably superior',
  durablyNo: 'no',
  durablyUnknown: 'not established: the three periods are not all publishable',
  competitor: 'Competitor',
  comparison: 'Comparison with the baseline',
  noBaseline: 'No baseline period was asked for.',
  significantShort: '★ significant (Holm)',
  notSignificantShort: 'not significant (Holm)',
  notComparable: 'not comparable: one side is withheld',
  versionsShort: 'not compared: questionnaire changed',
  versionsFor: (index, groups) => `${index} (${groups})`,
  versionsWithheld:
    'not compared: the two periods did not ask the same dimensions (different questionnaire versions); see its dimensions below',
  dimensionChanges: 'Dimensions compared (asked in both periods)',
  objectives: 'Objectives',
  noObjectives: 'No objective set.',

  diagnostic: 'Diagnostic: where to act',
  diagnosticIntro: (outcome) =>
    `For each dimension: its importance, the correlation between its score and the answer to “${outcome}” (−1 to +1, Fisher's 95 % interval), and its performance, its score from 0 to 100. The dashed lines cut at the means of the dimensions shown (Martilla and James). A correlation is not a cause.`,
  quadrants: {
    concentrate: 'Concentrate here',
    'keep-up': 'Keep up the good work',
    'low-priority': 'Low priority',
    'possible-overkill': 'Possible overkill',
  },
  importance: 'Importance (correlation)',
  performance: 'Performance (0–100)',
  quadrant: 'Quadrant',
  noQuadrant: 'outside the quadrants',
  unnamedPoints: 'Unnamed points: see the table.',
  noDrivers: 'No diagnostic: the questionnaire has no recommendation or overall question.',
  fewDrivers: 'Fewer than two publishable dimensions: no quadrants.',
  driversTable: (section) => `Importance and performance — ${section}`,
  driversByAudience: 'Importance by public',
  quadrantChart: (section) => `Importance and performance of the dimensions — ${section}`,
  quadrantDesc: (k, concentrate) =>
    `Scatter of ${k} dimensions: performance across, importance up, cut at the means. ${concentrate ? `Concentrate here: ${concentrate}.` : 'No dimension to concentrate on.'} The table that follows gives the same figures.`,

  choices: 'Choice questions',
  choicesNote:
    'Share of those who answered the question, in % (Wilson 95 % interval). For a multiple-choice question the shares do not add up to 100.',
  comments: 'Comments',
  commentsNote:
    'A few comments drawn at random from those of the period’s whole months, quoted as written, e-mail addresses and phone numbers masked. A public counts for a month, by its comments or their number, only when at least 30 of its respondents saw the question that month.',
  commentCount: (k, count) => (k <= 1 ? `${count} comment` : `${count} comments`),
  commentReasons: {
    thin: 'fewer than 30 people asked in the month',
    edges: 'the period cuts a month: choose whole months',
  },
  commentsPartly: 'some months not published',
  quality: 'Scale quality',
  alphaTitle: "Cronbach's α: consistency of the questions of one dimension",
  alphaNote:
    'Computed on those who answered every question of the dimension. From 0.7 the questions measure the same thing; below, read the dimension question by question.',
  alphaReading: { good: 'consistent', fair: 'to watch', poor: 'weak' },
  noAlpha: 'No dimension is measured by several questions.',
  itemResponseTitle: 'Response rate by question (answers ÷ people it was asked to)',
  questions: 'Questions',
  dimensionsTitle: 'Dimensions in detail',
  topTwoBox: '5-point questions: share of the two highest answers (top 2)',
  index: 'Index',
  value: 'Value',
  interval: '95 % interval',
  n: 'n',
  nEff: 'effective n',
  remark: 'Remark',
  item: 'Question',
  delta: 'Change',
  current: 'Period',
  reference: 'Baseline',
  target: 'Target',
  by: 'By',
  distance: 'Distance',
  above: 'interval entirely above the target',
  aboveShort: 'interval above',
  notAbove: 'interval not entirely above the target',
  unweighted: 'Unweighted.',
  methods: { raking: 'raking', 'post-stratification': 'post-stratification' },
  weighted: (method, deff, nEff) => `Weighted (${method}); design effect ${deff}, effective n ${nEff}.`,
  trimmed: (cap, capped) => `Weights capped at ${cap} times the mean weight (${capped} respondents at the cap).`,
  notConverged: (gap) => `Warning: not every target margin was reached (largest gap: ${gap}).`,

  method: 'Method',
  methodNote: [
    [
      'What the intervals assume.',
      'A 95 % interval measures the chance of a randomly drawn sample. These respondents chose themselves: the interval says nothing of the bias of those who did not answer. Weighting corrects only the margins it is given (public, language, channel…), nothing else; after weighting, the variance is estimated by linearisation (residuals of the calibration regression). Shares have a Wilson interval; no interval leaves its index’s scale.',
    ],
    [
      'Disclosure rule.',
      'Every figure rests on blocks of whole months of at least 30 respondents, per public and measure; a public is shown only when the period holds its blocks whole. All respondents sums, for each public, its whole blocks inside the period and leaves out a public too thin to show, so no subtraction between reports isolates fewer than 30 people.',
    ],
    [
      'Weighting.',
      'Raking with trimming: weights are capped, then raking and capping alternate until the margins and the cap hold together; otherwise the report says so, with the gap left.',
    ],
    [
      'Composite indices and versions.',
      'A respondent counts in a composite index when they answered at least half of the dimensions their questionnaire version asked. Two periods are compared on a composite index only when they asked the same dimensions; otherwise only their common dimensions are.',
    ],
    [
      'Comparisons.',
      'A change is tested at the 5 % level. As several indices are tested at once, Holm’s correction raises the bar so that chance is not presented as change; the p shown is the one before correction.',
    ],
    [
      'Diagnostic.',
      'A dimension’s importance is its (weighted) correlation with recommendation, over those who answered both; the Martilla and James quadrants cut at the means of the dimensions shown. A dimension closely tied to recommendation is not necessarily its cause.',
    ],
    [
      'Comments.',
      'At most five comments per question and public, drawn at random once and for all (the same draw on every run, which no respondent can bring about), from those of the period’s whole months; the most readable first, cut past 300 characters, contact details masked. A public counts for a month only when at least 30 of its respondents saw the question; the total adds up those months only. Comments, and their number, are erased with the free-text answers at the end of their retention.',
    ],
  ],
};
