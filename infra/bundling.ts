/**
 * How the Lambdas are bundled, in one place: the stack hands these to NodejsFunction and the
 * bundle benchmark hands the same to esbuild, so what is measured is what is deployed.
 */
import type { BuildOptions } from 'esbuild';

/** The newest Node.js Lambda runtime aws-cdk-lib 2.276 knows; esbuild targets the same. */
export const nodeMajor = 24;

/**
 * The AWS SDK clients every cold start needs (DynamoDB, S3, Secrets Manager) are bundled: their
 * tree-shaken ESM initialises faster than the runtime's CommonJS copy (bench suite `bundles`
 * measures both side by side), and they are the versions the lockfile tested. SES and SQS are left
 * to the runtime: the API imports SES on the first e-mail it sends and SQS on the first job it
 * queues, never at start-up.
 */
export const externalModules: string[] = ['@aws-sdk/client-sesv2', '@aws-sdk/client-sqs'];

/** Bundled CommonJS dependencies may still call `require`; ESM has none unless we make one. */
export const esmRequireBanner =
  "import { createRequire as __ecouteRequire } from 'node:module'; const require = __ecouteRequire(import.meta.url);";

/** Prefer a package's ESM build so esbuild can tree-shake it. */
export const mainFields = ['module', 'main'];

/** The esbuild options NodejsFunction ends up using, for builds outside CDK. */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: `node${nodeMajor}`,
    format: 'esm',
    minify: true,
    treeShaking: true,
    sourcemap: true,
    sourcesContent: false,
    external: externalModules,
    banner: { js: esmRequireBanner },
    mainFields,
    logLevel: 'silent',
  };
}
