/**
 * Synthesizes the app the way `npx cdk synth` does (cdk.json's feature flags, cdk-nag, the real
 * Lambda entries), for the template tests: offline, without Docker.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { repoRoot } from './config.ts';
import type { ConfigSources } from './config.ts';
import { createEcouteApp, type EcouteApp } from './ecoute-app.ts';

export interface Synthesized extends EcouteApp {
  assembly: CloudAssembly;
  template: Template;
  /** The raw template, for reading Metadata the Template matchers do not reach. */
  json: {
    Resources: Record<
      string,
      { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }
    >;
  };
  /** CDK's policy validation report: the findings nobody acknowledged. */
  report: { pluginReports: { pluginName: string; violations: unknown[] }[] };
  /** The bundled code of a Lambda function resource. */
  bundle(logicalIdPrefix: string): string;
}

export function synthesize(context: Record<string, unknown> = {}, sources?: ConfigSources): Synthesized {
  const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  // A docker that does not exist: if anything tried to bundle in a container, synth would fail.
  process.env.CDK_DOCKER = 'ecoute-no-docker-here';
  const built = createEcouteApp(
    {
      outdir: mkdtempSync(join(tmpdir(), 'ecoute-cdk-')),
      context: {
        ...cdkJson.context,
        // As the CLI does, so each Lambda's bundle can be found from its resource.
        'aws:cdk:enable-asset-metadata': true,
        // Let synthesis finish with findings so the test can show them instead of a stack trace.
        '@aws-cdk/core:failSynthOnValidationErrors': false,
        ...context,
      },
    },
    sources,
  );
  const assembly = built.app.synth();
  const artifact = assembly.getStackByName(built.stack.stackName);
  const json = artifact.template as Synthesized['json'];
  const report = JSON.parse(
    readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
  ) as Synthesized['report'];
  const bundle = (prefix: string) => {
    const [resource] = Object.entries(json.Resources).filter(
      ([id, r]) => id.startsWith(prefix) && r.Type === 'AWS::Lambda::Function',
    );
    if (!resource) throw new Error(`no Lambda function ${prefix}*`);
    const dir = join(assembly.directory, String(resource[1].Metadata?.['aws:asset:path']));
    const file = readdirSync(dir).find((f) => f.endsWith('.mjs'));
    if (!file) throw new Error(`no .mjs bundle in ${dir}`);
    return readFileSync(join(dir, file), 'utf8');
  };
  return { ...built, assembly, template: Template.fromJSON(json), json, report, bundle };
}

/**
 * A stages directory holding `files` (`<stage>.json`, an object or raw text), and a widget and a
 * console that pass for built ones (the element the snippet names, the console's hashed assets),
 * as the build paths to give in context: a production stage needs both.
 */
export function stageWorld(files: Record<string, object | string>) {
  const dir = () => mkdtempSync(join(tmpdir(), 'ecoute-stage-'));
  const stagesDir = dir();
  for (const [stage, body] of Object.entries(files))
    writeFileSync(join(stagesDir, `${stage}.json`), typeof body === 'string' ? body : JSON.stringify(body));
  const widgetDir = dir();
  writeFileSync(join(widgetDir, 'ecoute.js'), 'customElements.define("ecoute-survey",class extends HTMLElement{});');
  const consoleDir = dir();
  writeFileSync(join(consoleDir, 'index.html'), '<script type="module" src="assets/console-X.js"></script>');
  return { stagesDir, built: { widgetDir, consoleDir } };
}
