import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { configFromContext, repoRoot } from './config.ts';
import { addNagChecks } from './ecoute-app.ts';
import { stageWorld } from './testing.ts';

const configOf = (context: Record<string, unknown>) => configFromContext(new App({ context }).node);

describe('configFromContext', () => {
  it('deploys a dev stage in Paris with CORS left to the app when nothing is set', () => {
    expect(configOf({})).toMatchObject({ stage: 'dev', region: 'eu-west-3', allowedOrigins: [] });
    expect(configOf({}).alarmEmail).toBeUndefined();
  });

  it('reads allowed origins from a cdk.json array or a -c comma list', () => {
    const origins = ['https://www.nimes-tourisme.com', 'https://arles.fr'];
    expect(configOf({ allowedOrigins: origins }).allowedOrigins).toEqual(origins);
    expect(configOf({ allowedOrigins: origins.join(', ') }).allowedOrigins).toEqual(origins);
  });

  it('reads the territories with their own suggestion throttle, as ids the API takes', () => {
    expect(configOf({}).suggestionTerritories).toEqual([]);
    expect(configOf({ suggestionTerritories: 'avignon, le-thor' }).suggestionTerritories).toEqual([
      'avignon',
      'le-thor',
    ]);
    expect(() => configOf({ suggestionTerritories: 'Avignon' })).toThrow(/suggestionTerritories/);
    expect(() => configOf({ suggestionTerritories: 'a/b' })).toThrow(/suggestionTerritories/);
  });

  it('refuses an origin with a path, and says which key is wrong', () => {
    expect(() => configOf({ allowedOrigins: 'https://arles.fr/' })).toThrow(/allowedOrigins/);
    expect(() => configOf({ stage: 'Prod' })).toThrow(/stage/);
    expect(() => configOf({ alarmEmail: 'astreinte' })).toThrow(/alarmEmail/);
  });

  it('wants a custom domain and its certificate together, the widget one from us-east-1', () => {
    expect(() => configOf({ apiDomainName: 'api.ecoute.example.org' })).toThrow(/apiDomainName and apiCertificateArn/);
    const euCert = 'arn:aws:acm:eu-west-3:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';
    expect(() => configOf({ widgetDomainName: 'widget.ecoute.example.org', widgetCertificateArn: euCert })).toThrow(
      /us-east-1/,
    );
    expect(configOf({ apiDomainName: 'api.ecoute.example.org', apiCertificateArn: euCert }).apiDomainName).toBe(
      'api.ecoute.example.org',
    );
  });
});

describe('addNagChecks', () => {
  it('fails synthesis on a finding nobody acknowledged', () => {
    const app = new App();
    new s3.Bucket(new Stack(app, 'Careless'), 'Open');
    addNagChecks(app);
    expect(() => app.synth()).toThrow(/AwsSolutions-S1|AwsSolutions-S10/);
  });
});

describe('stage files', () => {
  const apiCert = 'arn:aws:acm:eu-west-3:210987654321:certificate/11111111-2222-3333-4444-555555555555';
  const widgetCert = 'arn:aws:acm:us-east-1:210987654321:certificate/66666666-7777-8888-9999-000000000000';
  const complete = {
    production: true,
    alarmEmail: 'astreinte@ecoute.nimes.test',
    apiDomainName: 'api.ecoute.nimes.test',
    apiCertificateArn: apiCert,
    widgetDomainName: 'widget.ecoute.nimes.test',
    widgetCertificateArn: widgetCert,
  };
  const world = stageWorld;
  const dir = () => mkdtempSync(join(tmpdir(), 'ecoute-empty-'));
  const load = (stagesDir: string, context: Record<string, unknown>) =>
    configFromContext(new App({ context }).node, { stagesDir });

  it('reads a production stage from its file alone, with its domains and alarm address', () => {
    const { stagesDir, built } = world({ prod: complete });
    expect(load(stagesDir, { stage: 'prod', ...built })).toMatchObject({
      stage: 'prod',
      alarmEmail: 'astreinte@ecoute.nimes.test',
      apiDomainName: 'api.ecoute.nimes.test',
      widgetCertificateArn: widgetCert,
    });
  });

  it.each(['alarmEmail', 'apiDomainName', 'apiCertificateArn', 'widgetDomainName', 'widgetCertificateArn'])(
    'refuses a production stage without %s',
    (key) => {
      const { [key as keyof typeof complete]: _left, ...rest } = complete;
      const { stagesDir, built } = world({ live: rest });
      expect(() => load(stagesDir, { stage: 'live', ...built })).toThrow(
        new RegExp(`${key}: a production stage needs it \\(.*live\\.json\\)`),
      );
    },
  );

  it('takes the stage named prod as production even without its file', () => {
    const { stagesDir, built } = world({});
    expect(() => load(stagesDir, { stage: 'prod', ...built })).toThrow(/alarmEmail: a production stage needs it/);
  });

  it('refuses -c flags on a production stage, which the next deploy would forget', () => {
    const { stagesDir, built } = world({ prod: complete });
    expect(() => load(stagesDir, { stage: 'prod', ...built, alarmEmail: 'autre@ecoute.nimes.test' })).toThrow(
      /alarmEmail: set it in .*prod\.json, not with -c/,
    );
  });

  it('refuses the placeholder widget and console on a production stage', () => {
    const { stagesDir, built } = world({ prod: complete });
    const placeholder = join(repoRoot, 'infra/widget-placeholder');
    expect(() => load(stagesDir, { stage: 'prod', ...built, widgetDir: placeholder })).toThrow(
      /widgetDir: no widget build .* run npm run build/,
    );
    expect(() => load(stagesDir, { stage: 'prod', ...built, widgetDir: dir() })).toThrow(/widgetDir: no widget build/);
    const consolePlaceholder = join(repoRoot, 'infra/console-placeholder');
    expect(() => load(stagesDir, { stage: 'prod', ...built, consoleDir: consolePlaceholder })).toThrow(
      /consoleDir: no console build/,
    );
  });

  it('refuses the committed example values, so an agency writes its own before deploying', () => {
    const built = world({}).built;
    expect(() => configOf({ stage: 'prod', ...built })).toThrow(/apiDomainName: still the example value/);
    expect(() => configOf({ stage: 'prod', ...built })).toThrow(/apiCertificateArn: still the example value/);
    expect(() => configOf({ stage: 'prod', ...built })).toThrow(/alarmEmail: still the example value/);
  });

  it('lets -c flags override a dev stage’s file, and names the file of a wrong value', () => {
    const { stagesDir } = world({ test: { alarmEmail: 'a@ecoute.nimes.test', clientLookupsPerMinute: 10 } });
    expect(load(stagesDir, { stage: 'test' })).toMatchObject({ alarmEmail: 'a@ecoute.nimes.test' });
    expect(load(stagesDir, { stage: 'test', alarmEmail: 'b@ecoute.nimes.test' }).alarmEmail).toBe(
      'b@ecoute.nimes.test',
    );
    const bad = world({ test: { clientLookupsPerMinute: 0 } });
    expect(() => load(bad.stagesDir, { stage: 'test' })).toThrow(/clientLookupsPerMinute: .* \(.*test\.json\)/);
  });

  it('refuses a misspelt key or a file that is not JSON, instead of ignoring it', () => {
    expect(() => load(world({ test: { alarmEmial: 'a@ecoute.nimes.test' } }).stagesDir, { stage: 'test' })).toThrow(
      /unknown setting\(s\) alarmEmial/,
    );
    expect(() => load(world({ test: '{ "alarmEmail": ' }).stagesDir, { stage: 'test' })).toThrow(/not valid JSON/);
    expect(() => configOf({ stage: '../prod' })).toThrow(/stage:/);
  });

  it('keeps the committed dev stage deployable as is', () => {
    expect(configOf({})).toMatchObject({ stage: 'dev', allowedOrigins: [] });
  });

  it('backs the table up monthly on the committed prod stage (12 months) and not on dev, and refuses a retention that is no whole number of months', () => {
    expect(configOf({}).backupMonths).toBeUndefined();
    const prod = JSON.parse(readFileSync(join(repoRoot, 'infra/stages/prod.json'), 'utf8')) as Record<string, unknown>;
    expect(prod.backupMonths).toBe(12);
    expect(configOf({ backupMonths: '6' }).backupMonths).toBe(6);
    for (const wrong of ['0', '1.5', 'twelve', '121'])
      expect(() => configOf({ backupMonths: wrong }), wrong).toThrow(/backupMonths:/);
  });
});
