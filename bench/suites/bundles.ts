/**
 * The Lambda bundles as deployed: each entry bundled by esbuild with the stack's own options
 * (infra/bundling.ts), then its size and the time Node takes to import it (module
 * initialisation: what a cold start pays on top of the runtime), median of several fresh
 * processes; and the same with the AWS SDK left to the runtime, the alternative. The bundles
 * go under node_modules/.cache so an SDK left out resolves from node_modules, as it would
 * from the Lambda runtime's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptions } from '../../infra/bundling.ts';
import { repoRoot } from '../../infra/config.ts';
import type { BenchRow } from '../types.ts';

export const name = 'bundles';

const runs = 7;
/**
 * `clients`: the AWS SDK clients each Lambda builds at start-up. Bundled alone with the same
 * options they are the floor of that Lambda's module init: what any code using them pays,
 * measured in the same run so the share of our own code reads as a difference.
 */
const lambdas: { name: string; entry: string; maxKb?: number; maxInitMs?: number; clients: Record<string, string> }[] =
  [
    {
      name: 'api',
      entry: 'functions/lambda.ts',
      maxKb: 150,
      maxInitMs: 40,
      clients: { 'client-dynamodb': 'DynamoDBClient', 'client-secrets-manager': 'SecretsManagerClient' },
    },
    {
      name: 'nightly',
      entry: 'functions/nightly/lambda.ts',
      maxInitMs: 40,
      clients: { 'client-dynamodb': 'DynamoDBClient', 'client-s3': 'S3Client' },
    },
  ];

/** A module that only builds `clients`, as the Lambda does at start-up. */
function floorEntry(clients: Record<string, string>): string {
  const lines = Object.entries(clients).map(
    ([pkg, cls], i) => `import { ${cls} as C${i} } from '@aws-sdk/${pkg}';\nexport const c${i} = new C${i}({});`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Offline stand-ins for what the stack sets. The operator key is given directly instead of its
 * secret's ARN, so the measure leaves out the Secrets Manager round trip (network, not init).
 */
const lambdaEnv = {
  ECOUTE_TABLE: 'ecoute-bench',
  ECOUTE_REPORTS_BUCKET: 'ecoute-bench-reports',
  ECOUTE_OPERATOR_KEY: 'bench-operator-key-0123456789abcdef',
  POWERTOOLS_SERVICE_NAME: 'ecoute-bench',
  AWS_REGION: 'eu-west-3',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_EC2_METADATA_DISABLED: 'true',
};

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

function withoutSecretArn(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { ECOUTE_OPERATOR_KEY_SECRET_ARN: _arn, ...rest } = env;
  return rest;
}

/** One fresh `node --enable-source-maps` importing the bundle; returns the import's duration. */
function timeImport(harness: string, bundle: string): number {
  const child = spawnSync(process.execPath, ['--enable-source-maps', harness, pathToFileURL(bundle).href], {
    env: { ...withoutSecretArn(process.env), ...lambdaEnv },
    encoding: 'utf8',
    timeout: 20_000,
  });
  const ms = Number.parseFloat(child.stdout.trim());
  if (child.status !== 0 || !Number.isFinite(ms))
    throw new Error(`importing ${bundle} failed: ${child.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return ms;
}

interface Goals {
  name: string;
  maxKb?: number;
  maxInitMs?: number;
}

/** Bundles `entry` into `dir` and measures it; `external` overrides the stack's externals. */
async function measure(
  entry: string,
  dir: string,
  goals: Goals,
  harness: string,
  external?: string[],
): Promise<BenchRow[]> {
  const outfile = join(dir, 'index.mjs');
  const options = esbuildOptions(entry, outfile);
  await build(external ? { ...options, external } : options);
  const kb = statSync(outfile).size / 1024;
  const goal = (max: number | undefined, unit: string, value: number) =>
    max === undefined ? {} : { goal: `≤ ${max} ${unit}`, ok: value <= max };
  const rows: BenchRow[] = [
    {
      metric: `${goals.name} bundle (${relative(repoRoot, entry)})`,
      value: kb,
      unit: 'KB',
      ...goal(goals.maxKb, 'KB', kb),
    },
  ];
  try {
    const ms = median(Array.from({ length: runs }, () => timeImport(harness, outfile)));
    rows.push({
      metric: `${goals.name} module init (median of ${runs}, no network)`,
      value: ms,
      unit: 'ms',
      ...goal(goals.maxInitMs, 'ms', ms),
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    rows.push({ metric: `${goals.name} module init failed (see stderr)`, value: 0, unit: 'ms', ok: false });
  }
  return rows;
}

export async function run(): Promise<BenchRow[]> {
  const out = join(repoRoot, 'node_modules/.cache/ecoute-bench');
  mkdirSync(out, { recursive: true });
  const harness = join(out, 'import-harness.mjs');
  writeFileSync(
    harness,
    'const t0 = performance.now();\nawait import(process.argv[2]);\nconsole.log(performance.now() - t0);\n',
  );

  const rows: BenchRow[] = [];
  for (const lambda of lambdas) {
    const entry = join(repoRoot, lambda.entry);
    if (!existsSync(entry)) {
      rows.push({
        metric: `${lambda.name}: ${lambda.entry} does not exist yet`,
        value: 0,
        unit: '-',
        goal: 'entry exists',
        ok: false,
      });
      continue;
    }
    const own = await measure(entry, join(out, lambda.name), lambda, harness);
    const floorFile = join(out, `${lambda.name}-sdk-floor.mjs`);
    writeFileSync(floorFile, floorEntry(lambda.clients));
    const floor = await measure(
      floorFile,
      join(out, `${lambda.name}-sdk-floor`),
      { name: `${lambda.name}'s SDK clients alone (${Object.values(lambda.clients).join(' + ')})` },
      harness,
    );
    rows.push(...own, ...floor);
    const init = (r: BenchRow[]) => r.find((row) => row.unit === 'ms')?.value ?? Number.NaN;
    rows.push({
      metric: `${lambda.name} module init beyond its SDK clients (difference of the two medians)`,
      value: init(own) - init(floor),
      unit: 'ms',
    });
    // The alternative the stack did not take, for the record: the runtime's own SDK.
    const runtimeSdk = ['@aws-sdk/*'];
    rows.push(
      ...(await measure(
        entry,
        join(out, `${lambda.name}-runtime-sdk`),
        { name: `${lambda.name} on the runtime's SDK` },
        harness,
        runtimeSdk,
      )),
    );
  }
  return rows;
}
