/**
 * The deployment's settings, read once from the stage's committed file (infra/stages.ts) and
 * CDK context (cdk.json, `cdk.context.json` or `-c key=value`), and checked with zod, so a typo
 * or a missing production setting fails synthesis instead of deploying.
 */
import { join } from 'node:path';
import type { Node } from 'constructs';
import * as z from 'zod';
import { repoRoot } from './paths.ts';
import {
  BUILD_PATHS,
  PRODUCTION_REQUIRED,
  defaultStagesDir,
  exampleValues,
  isBuiltConsole,
  isBuiltWidget,
  readStageFile,
} from './stages.ts';

export { repoRoot };

const domainName = z.string().regex(/^(?=.{4,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, 'a lowercase host name');
const certificateArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, 'an ACM certificate ARN');

/** `-c key=a,b` arrives as a string; cdk.json may hold a real array. */
const commaList = z.union([z.array(z.string()), z.string()]).transform((v) =>
  Array.isArray(v)
    ? v
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
);
const origins = commaList.pipe(
  z.array(
    z.url({ protocol: /^https?$/ }).refine((u) => new URL(u).origin === u, 'an origin, without path or trailing slash'),
  ),
);
/** Territory ids as the API takes them (its Slug: infra imports no code of the app). */
const territoryIds = commaList.pipe(
  z
    .array(
      z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$/, 'a territory id (2–64 lowercase letters, digits, hyphens)'),
    )
    .max(250),
);

export const ecouteConfigSchema = z
  .object({
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,20}$/, 'lowercase letters, digits and hyphens')
      .default('dev'),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/)
      .default('eu-west-3'),
    allowedOrigins: origins.default([]),
    /** Territories with a suggestion box: each gets its own gateway throttle on its submissions. */
    suggestionTerritories: territoryIds.default([]),
    alarmEmail: z.email().optional(),
    /** An SES-verified address that tells residents their suggestion moved on; absent: no e-mail. */
    notificationSender: z.email().optional(),
    apiDomainName: domainName.optional(),
    apiCertificateArn: certificateArn.optional(),
    widgetDomainName: domainName.optional(),
    widgetCertificateArn: certificateArn.optional(),
    /** One client's public submissions per minute across all territories (the app's default: 60). */
    clientSubmissionsPerMinute: z.coerce.number().int().min(1).max(1_000_000).optional(),
    /** One client's tracking-code look-ups per minute (the app's default: 30). */
    clientLookupsPerMinute: z.coerce.number().int().min(1).max(1_000_000).optional(),
    /** The retained HMAC secret of an earlier deployment of this stage (after a teardown): receipts given then keep working. */
    hmacSecretArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+-[A-Za-z0-9]{6}$/,
        'a complete secret ARN',
      )
      .optional(),
    /** A table restored from PITR or AWS Backup, or retained by a destroyed stack, which the stack uses instead of its own. */
    restoredTableName: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name')
      .optional(),
    /** Months each monthly AWS Backup of the table is kept (infra/backup.ts); absent, no plan: PITR's 35 days alone. */
    backupMonths: z.coerce.number().int().min(1).max(120).optional(),
    apiEntry: z.string().default(join(repoRoot, 'functions/lambda.ts')),
    publicApiEntry: z.string().default(join(repoRoot, 'functions/public-lambda.ts')),
    nightlyEntry: z.string().default(join(repoRoot, 'functions/nightly/lambda.ts')),
    workerEntry: z.string().default(join(repoRoot, 'functions/work/lambda.ts')),
    widgetDir: z.string().default(join(repoRoot, 'survey-widget/dist')),
    consoleDir: z.string().default(join(repoRoot, 'console/dist')),
  })
  .refine((c) => Boolean(c.apiDomainName) === Boolean(c.apiCertificateArn), {
    message: 'apiDomainName and apiCertificateArn go together',
    path: ['apiDomainName'],
  })
  .refine((c) => Boolean(c.widgetDomainName) === Boolean(c.widgetCertificateArn), {
    message: 'widgetDomainName and widgetCertificateArn go together',
    path: ['widgetDomainName'],
  })
  .refine((c) => !c.widgetCertificateArn || c.widgetCertificateArn.includes(':us-east-1:'), {
    message: 'CloudFront only accepts certificates from us-east-1',
    path: ['widgetCertificateArn'],
  });

export type EcouteConfig = z.infer<typeof ecouteConfigSchema>;

const keys = Object.keys(ecouteConfigSchema.shape) as (keyof EcouteConfig)[];
const stageName = ecouteConfigSchema.shape.stage;

export interface ConfigSources {
  /** Where the stage files are (tests write their own). */
  stagesDir?: string;
}

/**
 * The stage's settings: its file (`infra/stages/<stage>.json`), then context on top, except on
 * a production stage (its file says `"production": true`, or the stage is `prod`), whose
 * settings come from its file alone and must include its domains, an alarm address and a
 * built widget and console. Unset keys take their defaults.
 */
export function configFromContext(node: Node, { stagesDir = defaultStagesDir }: ConfigSources = {}): EcouteConfig {
  const context: Record<string, unknown> = Object.fromEntries(
    keys.map((k) => [k, node.tryGetContext(k)]).filter(([, v]) => v !== undefined && v !== ''),
  );
  const stage = stageName.safeParse(context.stage);
  if (!stage.success) fail([`  stage: ${stage.error.issues[0]?.message}`]);
  const file = readStageFile(stagesDir, stage.data, keys);
  const production = file?.production === true || stage.data === 'prod';
  const where = (key: PropertyKey) => (key in context ? '-c' : (file?.path ?? 'default'));

  const problems: string[] = [];
  if (production) {
    const shown = file?.path ?? `infra/stages/${stage.data}.json`;
    const flagged = Object.keys(context).filter(
      (k) => k !== 'stage' && !(BUILD_PATHS as readonly string[]).includes(k),
    );
    for (const k of flagged)
      problems.push(`  ${k}: set it in ${shown}, not with -c: the next deploy without the flag would undo it`);
    for (const k of PRODUCTION_REQUIRED)
      if (file?.settings[k] === undefined) problems.push(`  ${k}: a production stage needs it (${shown})`);
    for (const k of exampleValues(file?.settings ?? {}))
      problems.push(`  ${k}: still the example value of ${shown}; write your own`);
  }
  const parsed = ecouteConfigSchema.safeParse({ ...file?.settings, ...context });
  if (!parsed.success)
    problems.push(...parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (${where(i.path[0] ?? '')})`));
  if (parsed.success && production) {
    if (!isBuiltWidget(parsed.data.widgetDir))
      problems.push(`  widgetDir: no widget build in ${parsed.data.widgetDir}: run npm run build before cdk deploy`);
    if (!isBuiltConsole(parsed.data.consoleDir))
      problems.push(`  consoleDir: no console build in ${parsed.data.consoleDir}: run npm run build before cdk deploy`);
  }
  if (problems.length || !parsed.success) fail(problems);
  return parsed.data;
}

function fail(problems: string[]): never {
  throw new Error(`Invalid Écoute deployment settings:\n${problems.join('\n')}`);
}

/** The widget build when `npm run build` has run, else the placeholder that says to run it (dev stages only). */
export function widgetSource(config: EcouteConfig): string {
  return isBuiltWidget(config.widgetDir) ? config.widgetDir : join(repoRoot, 'infra/widget-placeholder');
}

/** The console build when `npm run build` has run, else a page that says to run it (dev stages only). */
export function consoleSource(config: EcouteConfig): string {
  return isBuiltConsole(config.consoleDir) ? config.consoleDir : join(repoRoot, 'infra/console-placeholder');
}
