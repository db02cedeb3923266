/**
 * A stage's committed settings (`infra/stages/<stage>.json`) and what a production stage must
 * hold. Settings given only as `-c` flags are forgotten by the next deploy that omits them, and
 * CloudFormation then quietly removes what they made (the custom domains every embedded
 * snippet points at, the alarm subscription…); a production stage therefore takes its settings
 * from its file alone, and its synthesis fails when one it needs is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './paths.ts';

export const defaultStagesDir = join(repoRoot, 'infra/stages');

/** Paths of the build, not deployment settings: a test or a CI job may point them elsewhere on any stage. */
export const BUILD_PATHS = [
  'apiEntry',
  'publicApiEntry',
  'nightlyEntry',
  'workerEntry',
  'widgetDir',
  'consoleDir',
] as const;

export interface StageFile {
  path: string;
  /** The stage is production: its settings come from this file only, and some are required. */
  production: boolean;
  settings: Record<string, unknown>;
}

/** Reads `<stagesDir>/<stage>.json` if there is one; `keys` are the settings it may hold. */
export function readStageFile(stagesDir: string, stage: string, keys: readonly string[]): StageFile | undefined {
  const path = join(stagesDir, `${stage}.json`);
  if (!existsSync(path)) return undefined;
  const shown = relative(repoRoot, path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${shown} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${shown} must hold one JSON object of settings`);
  const { production = false, $comment: _comment, ...settings } = parsed as Record<string, unknown>;
  if (typeof production !== 'boolean') throw new Error(`${shown}: "production" is true or false`);
  // A misspelt key would otherwise be ignored, and the setting it meant silently absent.
  const unknown = Object.keys(settings).filter((k) => !keys.includes(k) || k === 'stage');
  if (unknown.length)
    throw new Error(`${shown}: unknown setting(s) ${unknown.join(', ')} (infra/README.md lists them)`);
  return { path: shown, production, settings };
}

/** What a production stage cannot go without: where snippets point, and who hears the alarms. */
export const PRODUCTION_REQUIRED = [
  'apiDomainName',
  'apiCertificateArn',
  'widgetDomainName',
  'widgetCertificateArn',
  'alarmEmail',
] as const;

/**
 * The documentation's example values (RFC 2606 names, AWS's example account), which the
 * committed prod.json holds until an agency writes its own: deploying them would make a stack
 * whose domains and alarms reach nobody.
 */
const EXAMPLE = /(^|[.@])example\.(com|net|org)$|\.example$|:123456789012:/;

export function exampleValues(settings: Record<string, unknown>): string[] {
  return Object.entries(settings)
    .filter(([, v]) => [v].flat().some((s) => typeof s === 'string' && EXAMPLE.test(s)))
    .map(([k]) => k);
}

/** The widget's build, not the placeholder: the element the snippet names is defined in it. */
export function isBuiltWidget(dir: string): boolean {
  const file = join(dir, 'ecoute.js');
  return existsSync(file) && readFileSync(file, 'utf8').includes('ecoute-survey');
}

/** The console's build: an index.html other than the placeholder's, with its hashed assets. */
export function isBuiltConsole(dir: string): boolean {
  const file = join(dir, 'index.html');
  return existsSync(file) && readFileSync(file, 'utf8').includes('src="assets/');
}
