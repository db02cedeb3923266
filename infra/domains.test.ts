import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, synthesize } from './testing.ts';

const apiCert = 'arn:aws:acm:eu-west-3:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const widgetCert = 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000';

// A second synthesis, for a production stage with its own domains and allowed origins.
let s: Synthesized;
beforeAll(() => {
  s = synthesize({
    stage: 'prod',
    allowedOrigins: 'https://www.nimes-tourisme.com,https://www.arles-tourisme.com',
    apiDomainName: 'api.ecoute.example.org',
    apiCertificateArn: apiCert,
    widgetDomainName: 'widget.ecoute.example.org',
    widgetCertificateArn: widgetCert,
    notificationSender: 'ne-pas-repondre@ecoute.example.org',
  });
});

describe('suggestion notifications', () => {
  it('lets the API send through SES from the configured sender only', () => {
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ECOUTE_NOTIFY_FROM: 'ne-pas-repondre@ecoute.example.org' }) },
    });
    const statements = Object.values(s.template.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Sid?: string }[] } } }).Properties.PolicyDocument
          .Statement,
    );
    const notify = statements.filter((st) => st.Sid === 'NotifyResidents');
    expect(notify).toHaveLength(1);
    expect(notify[0]).toMatchObject({
      Action: 'ses:SendEmail',
      Condition: { StringEquals: { 'ses:FromAddress': 'ne-pas-repondre@ecoute.example.org' } },
    });
    const resources = JSON.stringify((notify[0] as { Resource: unknown }).Resource);
    expect(resources).toContain(':identity/ne-pas-repondre@ecoute.example.org"');
    expect(resources).toContain(':identity/ecoute.example.org"');
    expect(resources).not.toContain('*');
  });
});

describe('a stage with custom domains', () => {
  it("allows the deployment's own pages on the widget's domain as well as on its distribution", () => {
    const api = Object.entries(s.template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith('Api'));
    const origins = JSON.stringify(api?.[1].Properties.Environment.Variables.ECOUTE_APP_ORIGINS);
    expect(origins).toContain('https://widget.ecoute.example.org');
    expect(origins).toMatch(/"Fn::GetAtt":\["WidgetDistribution\w+","DomainName"\]/);
  });

  it('is its own stack', () => {
    expect(s.stack.stackName).toBe('Ecoute-prod');
  });

  it('serves the API on its domain over TLS 1.2 only, and closes the execute-api door', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.ecoute.example.org',
      DomainNameConfigurations: [Match.objectLike({ CertificateArn: apiCert, SecurityPolicy: 'TLS_1_2' })],
    });
    s.template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
  });

  it("answers CORS preflights for the configured origins and the deployment's own pages at the gateway", () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: Match.arrayWith([
          'https://www.nimes-tourisme.com',
          'https://www.arles-tourisme.com',
          'https://widget.ecoute.example.org',
        ]),
        AllowHeaders: ['authorization', 'content-type'],
      }),
    });
  });

  it('serves the widget on its domain with TLS 1.2 and needs no TLS acknowledgement', () => {
    s.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['widget.ecoute.example.org'],
        ViewerCertificate: Match.objectLike({ AcmCertificateArn: widgetCert, MinimumProtocolVersion: 'TLSv1.2_2021' }),
      }),
    });
    expect(JSON.stringify(s.json)).not.toContain('AwsSolutions-CFR4');
    expect(s.report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
  });
});
