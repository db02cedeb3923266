/**
 * What a million survey responses cost on AWS: the list prices and the assumptions per response
 * that infra/README.md states line by line, and its cost table computed from them. One module
 * for the README's test (infra/readme.test.ts) and the `cost` bench suite, so the figures printed,
 * tested and benched cannot drift apart. The counts per response are measured against the app
 * on DynamoDB Local by functions/store/capacity.test.ts.
 */

/** Public list prices, US East (N. Virginia), free tiers ignored. */
export const PRICES = {
  lambdaPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  apiGatewayPerMillionRequests: 1.0,
  dynamoPerMillionWru: 0.625,
  dynamoPerMillionRru: 0.125,
  s3Per1000Puts: 0.005,
  logsPerGbIngested: 0.5,
  logsPerGbMonthStored: 0.03,
  cloudFrontPer10kHttpsRequests: 0.01,
} as const;

export const RESPONSES = 1_000_000;

/** What one response asks of each service, as the README says it. */
export const ASSUMPTIONS = {
  /** The POST only: the widget's definition comes from CloudFront, and the POST is a CORS simple request. */
  apiRequests: 1,
  billedSeconds: 0.04,
  lambdaGb: 0.5,
  /** Write request units: the response (≤ 1 KB), its GSI1 copy (the day index), the rate window. */
  wru: { response: 1, dayIndexCopy: 1, rateWindow: 1 },
  /**
   * The day's dirty mark, once per survey-day, UTC arrival day and warm instance: 100 surveys ×
   * 30 days × up to 10 instances per million responses.
   */
  dirtyMarksPerMillion: 100 * 30 * 10,
  /**
   * Eventually consistent GetItems (0.5 RRU per 4 KB), the instance's short caches cold (at a
   * million a month a survey gets an answer every few minutes): the survey, the territory, the
   * client's previous minute.
   */
  reads: { survey: 0.5, territory: 0.5, previousMinute: 0.5 },
  /** A survey's version, kept a day once found: the demo survey's definition is 4 to 8 KB (1 RRU). */
  versionRru: 1,
  /** 100 surveys × 10 instances × 30 days per million responses. */
  versionReadsPerMillion: 100 * 10 * 30,
  /** The nightly Query reads each response once: 1 KB of the 4 KB that 0.5 RRU reads. */
  nightlyRru: 0.5 / 4,
  /** 100 surveys × 30 days × 3 files (JSON, CSV, HTML). */
  reportPuts: 100 * 30 * 3,
  /** Bytes of log per response; CloudWatch bills each event's bytes plus 26 of metadata. */
  log: {
    eventOverhead: 26,
    /** The gateway's access line (infra/api.ts's fields with a POST's values). */
    gatewayLine: 268,
    /** Lambda's START and REPORT: left out on the API function (system log level WARN). */
    platformLines: 0,
    /** The app's one line per request (access and app merged), written for errors always, for 2xx when sampled. */
    appLine: 330,
    /** The share of 2xx invocations whose line is written (infra/lambda.ts DEBUG_SAMPLE_RATE). */
    appLineSampled: 0.01,
    /** The `ResponsesAccepted` counter, embedded metric format. */
    metricLine: 251,
  },
  logMonthsKept: 1,
  /** Not in the total: the widget's script and the definition, from CloudFront (within its always-free 10 million a month). */
  cloudFrontRequests: 2,
} as const;

export type Assumptions = typeof ASSUMPTIONS;

export interface CostLine {
  /** Stable, for the bench rows. */
  id: string;
  /** As the README's table names it. */
  name: string;
  calculation: string;
  usd: number;
}

const money = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });
const millions = (n: number) => `${money(n / 1e6)} million`;

/** Log bytes per response, events' metadata included. */
export function logBytesPerResponse(a: Assumptions = ASSUMPTIONS): number {
  const { eventOverhead, gatewayLine, platformLines, appLine, appLineSampled, metricLine } = a.log;
  return (
    a.apiRequests * (gatewayLine + eventOverhead + platformLines + appLineSampled * (appLine + eventOverhead)) +
    metricLine +
    eventOverhead
  );
}

export const wruPerResponse = (a: Assumptions = ASSUMPTIONS) =>
  a.wru.response + a.wru.dayIndexCopy + a.wru.rateWindow + a.dirtyMarksPerMillion / 1e6;
export const rruPerResponse = (a: Assumptions = ASSUMPTIONS) =>
  Object.values(a.reads).reduce((sum, r) => sum + r, 0) +
  (a.versionRru * a.versionReadsPerMillion) / 1e6 +
  a.nightlyRru;

/** The README's table, line by line, for RESPONSES responses. */
export function costLines(a: Assumptions = ASSUMPTIONS, p: typeof PRICES = PRICES): CostLine[] {
  const requests = a.apiRequests * RESPONSES;
  const gbSeconds = requests * a.billedSeconds * a.lambdaGb;
  const wru = wruPerResponse(a) * RESPONSES;
  const rru = rruPerResponse(a) * RESPONSES;
  const logGb = (logBytesPerResponse(a) * RESPONSES) / 1e9;
  return [
    {
      id: 'lambda-compute',
      name: 'Lambda compute',
      calculation: `${millions(requests)} × ${a.billedSeconds} s × ${a.lambdaGb} GB = ${money(gbSeconds)} GB-s × $${p.lambdaPerGbSecond}`,
      usd: gbSeconds * p.lambdaPerGbSecond,
    },
    {
      id: 'lambda-requests',
      name: 'Lambda requests',
      calculation: `${millions(requests)} × $${p.lambdaPerMillionRequests}`,
      usd: (requests / 1e6) * p.lambdaPerMillionRequests,
    },
    {
      id: 'api-gateway',
      name: 'API Gateway',
      calculation: `${millions(requests)} × $${p.apiGatewayPerMillionRequests}`,
      usd: (requests / 1e6) * p.apiGatewayPerMillionRequests,
    },
    {
      id: 'dynamodb-writes',
      name: 'DynamoDB writes',
      calculation: `${millions(wru)} WRU × $${p.dynamoPerMillionWru}`,
      usd: (wru / 1e6) * p.dynamoPerMillionWru,
    },
    {
      id: 'dynamodb-reads',
      name: 'DynamoDB reads',
      calculation: `${millions(rru)} RRU × $${p.dynamoPerMillionRru}`,
      usd: (rru / 1e6) * p.dynamoPerMillionRru,
    },
    {
      id: 's3-reports',
      name: 'S3 reports',
      calculation: `${money(a.reportPuts)} PUT × $${p.s3Per1000Puts} / 1,000`,
      usd: (a.reportPuts / 1000) * p.s3Per1000Puts,
    },
    {
      id: 'logs-ingestion',
      name: 'CloudWatch Logs ingestion',
      calculation: `${millions(RESPONSES)} × ${money(logBytesPerResponse(a))} bytes = ${money(logGb)} GB × $${p.logsPerGbIngested}`,
      usd: logGb * p.logsPerGbIngested,
    },
    {
      id: 'logs-storage',
      name: 'CloudWatch Logs storage',
      calculation: `${money(logGb)} GB × $${p.logsPerGbMonthStored} × ${a.logMonthsKept} month`,
      usd: logGb * p.logsPerGbMonthStored * a.logMonthsKept,
    },
  ];
}

export const costTotal = (lines: CostLine[] = costLines()) => lines.reduce((sum, l) => sum + l.usd, 0);

/** CloudFront's requests per million responses past its always-free tier: beside the table, not in it. */
export const cloudFrontUsd = (a: Assumptions = ASSUMPTIONS, p: typeof PRICES = PRICES) =>
  ((a.cloudFrontRequests * RESPONSES) / 10_000) * p.cloudFrontPer10kHttpsRequests;

/** CloudFront's always-free HTTPS requests a month, for the whole account (every distribution). */
export const CLOUDFRONT_FREE_REQUESTS = 10_000_000;

/** Responses a month, across the account, past which CloudFront's requests are paid. */
export const cloudFrontFreeResponses = (a: Assumptions = ASSUMPTIONS) =>
  CLOUDFRONT_FREE_REQUESTS / a.cloudFrontRequests;

/** The table as the README prints it: one row per line, then the total. */
export function costTableRows(lines: CostLine[] = costLines()): string[][] {
  return [
    ...lines.map((l) => [l.name, l.calculation, l.usd.toFixed(2)]),
    ['**total**', '', `**${costTotal(lines).toFixed(2)}**`],
  ];
}
