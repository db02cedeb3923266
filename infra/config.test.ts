import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { configFromContext } from './config.ts';
import { addNagChecks } from './ecoute-app.ts';

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
