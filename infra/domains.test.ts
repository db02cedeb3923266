import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, stageWorld, synthesize } from './testing.ts';

const apiCert = 'arn:aws:acm:eu-west-3:210987654321:certificate/11111111-2222-3333-4444-555555555555';
const widgetCert = 'arn:aws:acm:us-east-1:210987654321:certificate/66666666-7777-8888-9999-000000000000';
const hmacSecretArn = 'arn:aws:secretsmanager:eu-west-3:210987654321:secret:EcouteprodHmacSecret-AbCdEf';
const restoredTableName = 'ecoute-prod-restored-2026-11-29';

// A second synthesis, for a production stage with its own domains and allowed origins, from its stage file.
let s: Synthesized;
beforeAll(() => {
  const { stagesDir, built } = stageWorld({
    prod: {
      production: true,
      alarmEmail: 'astreinte@ecoute.nimes.test',
      allowedOrigins: 'https://www.nimes-tourisme.com,https://www.arles-tourisme.com',
      apiDomainName: 'api.ecoute.nimes.test',
      apiCertificateArn: apiCert,
      widgetDomainName: 'widget.ecoute.nimes.test',
      widgetCertificateArn: widgetCert,
      notificationSender: 'ne-pas-repondre@ecoute.nimes.test',
      hmacSecretArn,
      restoredTableName,
      suggestionTerritories: 'avignon, carpentras',
      backupMonths: 12,
    },
  });
  s = synthesize({ stage: 'prod', ...built }, { stagesDir });
});

describe('suggestion throttles', () => {
  it('gives each named territory its own route and ceiling, and keeps the shared one for the others', () => {
    const [stage] = Object.values(s.template.findResources('AWS::ApiGatewayV2::Stage'));
    const settings = stage?.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number }>;
    const own = { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 };
    expect(settings).toMatchObject({
      'POST /v1/territories/avignon/suggestions': own,
      'POST /v1/territories/carpentras/suggestions': own,
      'POST /v1/territories/{t}/suggestions': own,
    });
    for (const key of ['POST /v1/territories/avignon/suggestions', 'POST /v1/territories/carpentras/suggestions'])
      s.template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key });
  });
});

describe('a redeployment after a teardown', () => {
  it('uses the retained HMAC secret it is given, so receipts given before keep working', () => {
    s.template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ECOUTE_HMAC_SECRET_ARN: hmacSecretArn }) },
    });
    const statements = Object.values(s.template.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Sid?: string; Resource: unknown }[] } } }).Properties
          .PolicyDocument.Statement,
    );
    expect(JSON.stringify(statements.find((st) => st.Sid === 'Secrets')?.Resource)).toContain(hmacSecretArn);
  });
});

describe('a stage on a restored table', () => {
  // The stack's account, its region and partition as CDK writes them for the stage's region.
  const arn = (resource: string) => ({
    'Fn::Join': ['', ['arn:aws:dynamodb:eu-west-3:', { Ref: 'AWS::AccountId' }, `:table/${resource}`]],
  });
  const tableArn = arn(restoredTableName);
  const indexArn = arn(`${restoredTableName}/index/GSI1`);
  type Statement = { Sid?: string; Action: string | string[]; Resource: unknown };
  const statements = () =>
    Object.entries(s.template.findResources('AWS::IAM::Policy')).flatMap(([id, p]) =>
      (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement.map(
        (st) => ({ id, ...st }),
      ),
    );

  it('creates no table, and gives every function the restored one', () => {
    s.template.resourceCountIs('AWS::DynamoDB::Table', 0);
    const tables = Object.values(s.template.findResources('AWS::Lambda::Function'))
      .map((fn) => fn.Properties.Environment?.Variables?.ECOUTE_TABLE)
      .filter((t) => t !== undefined);
    expect(tables).toEqual(Array(4).fill(restoredTableName));
    s.template.hasOutput('TableName', { Value: restoredTableName });
  });

  it('grants each role the item calls on that table and Query on its index, on nothing else', () => {
    const dynamo = statements().filter((st) => [st.Action].flat().some((a) => a.startsWith('dynamodb:')));
    expect(new Set(dynamo.map((st) => st.id.replace(/(Lambda|Role).*$/, '')))).toEqual(
      new Set(['Api', 'ApiPublic', 'Nightly', 'Work']),
    );
    for (const st of dynamo) {
      if (st.Sid === 'TableItems') expect(st.Resource).toEqual(tableArn);
      else expect(st).toMatchObject({ Sid: 'TableQueries', Action: 'dynamodb:Query', Resource: [tableArn, indexArn] });
    }
  });

  it('still watches its throttles', () => {
    const alarm = Object.values(s.template.findResources('AWS::CloudWatch::Alarm')).find((a) =>
      JSON.stringify(a).includes('ReadThrottleEvents'),
    );
    expect(JSON.stringify(alarm)).toContain(`{"Name":"TableName","Value":"${restoredTableName}"}`);
  });
});

describe('suggestion notifications', () => {
  it.each([
    ['SesBounceRate', 'Reputation.BounceRate', 0.05],
    ['SesComplaintRate', 'Reputation.ComplaintRate', 0.001],
  ])('page on SES’s %s reputation (%s) at the rate where AWS reviews the account', (id, metric, threshold) => {
    const [alarm, ...others] = Object.entries(s.template.findResources('AWS::CloudWatch::Alarm')).filter(([logical]) =>
      logical.startsWith(`Alarms${id}`),
    );
    expect(others).toEqual([]);
    expect(alarm?.[1].Properties).toMatchObject({
      Namespace: 'AWS/SES',
      MetricName: metric,
      Statistic: 'Maximum',
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: expect.stringMatching(/^AlarmsTopic/) }],
    });
  });

  it("lets the API's two functions send through SES from the configured sender only", () => {
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ECOUTE_NOTIFY_FROM: 'ne-pas-repondre@ecoute.nimes.test' }) },
    });
    const statements = Object.entries(s.template.findResources('AWS::IAM::Policy')).flatMap(([id, p]) =>
      (
        p as { Properties: { PolicyDocument: { Statement: { Sid?: string }[] } } }
      ).Properties.PolicyDocument.Statement.map((st) => ({ id, ...st })),
    );
    // The staff's answers to residents, and the public function's tracking code on submission.
    const notify = statements.filter((st) => st.Sid === 'NotifyResidents');
    expect(notify.map((st) => st.id.replace(/Role.*$/, '')).sort()).toEqual(['ApiLambda', 'ApiPublicLambda']);
    for (const { id: _id, ...st } of notify) {
      expect(st).toMatchObject({
        Action: 'ses:SendEmail',
        Condition: { StringEquals: { 'ses:FromAddress': 'ne-pas-repondre@ecoute.nimes.test' } },
      });
      const resources = JSON.stringify((st as { Resource: unknown }).Resource);
      expect(resources).toContain(':identity/ne-pas-repondre@ecoute.nimes.test"');
      expect(resources).toContain(':identity/ecoute.nimes.test"');
      expect(resources).not.toContain('*');
    }
  });
});

describe('a stage with custom domains', () => {
  it("allows the deployment's own pages on the widget's domain as well as on its distribution", () => {
    const api = Object.entries(s.template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith('Api'));
    const origins = JSON.stringify(api?.[1].Properties.Environment.Variables.ECOUTE_APP_ORIGINS);
    expect(origins).toContain('https://widget.ecoute.nimes.test');
    expect(origins).toMatch(/"Fn::GetAtt":\["WidgetDistribution\w+","DomainName"\]/);
  });

  it('is its own stack', () => {
    expect(s.stack.stackName).toBe('Ecoute-prod');
  });

  it('serves the API on its domain over TLS 1.2 only, and closes the execute-api door', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.ecoute.nimes.test',
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
          'https://widget.ecoute.nimes.test',
        ]),
        AllowHeaders: ['authorization', 'content-type'],
      }),
    });
  });

  it('serves the widget on its domain with TLS 1.2 and needs no TLS acknowledgement', () => {
    s.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['widget.ecoute.nimes.test'],
        ViewerCertificate: Match.objectLike({ AcmCertificateArn: widgetCert, MinimumProtocolVersion: 'TLSv1.2_2021' }),
      }),
    });
    expect(JSON.stringify(s.json)).not.toContain('AwsSolutions-CFR4');
    expect(s.report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
  });
});

describe('monthly backups (backupMonths)', () => {
  type Resource = { Properties: Record<string, unknown>; DeletionPolicy?: string };
  const only = (type: string): [string, Resource] => {
    const found = Object.entries(s.template.findResources(type)) as [string, Resource][];
    expect(found.map(([id]) => id)).toHaveLength(1);
    return found[0] as [string, Resource];
  };

  it('backs the table up on the 1st of each month at 05:00 Paris time, after the night, and keeps each 12 months', () => {
    const [, plan] = only('AWS::Backup::BackupPlan');
    const [vaultId] = only('AWS::Backup::BackupVault');
    expect(plan.Properties.BackupPlan).toEqual({
      BackupPlanName: 'ecoute-prod-monthly',
      BackupPlanRule: [
        {
          RuleName: 'Monthly',
          TargetBackupVault: { 'Fn::GetAtt': [vaultId, 'BackupVaultName'] },
          ScheduleExpression: 'cron(0 5 1 * ? *)',
          ScheduleExpressionTimezone: 'Europe/Paris',
          // 12 months of 365/12 days: a backup taken on 1 December is there until the next 1 December.
          Lifecycle: { DeleteAfterDays: 365 },
        },
      ],
    });
  });

  it('selects the table the stack uses (here the restored one), with a role only AWS Backup may assume, to back up and restore', () => {
    const [, selection] = only('AWS::Backup::BackupSelection');
    const { Resources, IamRoleArn } = selection.Properties.BackupSelection as {
      Resources: unknown[];
      IamRoleArn: { 'Fn::GetAtt': [string, string] };
    };
    expect(JSON.stringify(Resources)).toContain(`:table/${restoredTableName}`);
    expect(Resources).toHaveLength(1);
    const role = s.json.Resources[IamRoleArn['Fn::GetAtt'][0]];
    expect(role?.Properties?.AssumeRolePolicyDocument).toMatchObject({
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' } }],
    });
    expect(JSON.stringify(role?.Properties?.ManagedPolicyArns)).toMatch(
      /service-role\/AWSBackupServiceRolePolicyForBackup".*service-role\/AWSBackupServiceRolePolicyForRestores"/,
    );
    s.template.hasOutput('BackupRoleArn', { Value: { 'Fn::GetAtt': [IamRoleArn['Fn::GetAtt'][0], 'Arn'] } });
  });

  it('keeps its vault (and the recovery points) when the stack goes, and lets nobody delete a recovery point by hand', () => {
    const [vaultId, vault] = only('AWS::Backup::BackupVault');
    expect(vault.DeletionPolicy).toBe('Retain');
    // No key named: AWS Backup's AWS managed key, as the table's.
    expect(vault.Properties.EncryptionKeyArn).toBeUndefined();
    expect(vault.Properties.AccessPolicy).toMatchObject({
      Statement: [
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
          Resource: '*',
        },
      ],
    });
    s.template.hasOutput('BackupVaultName', { Value: { 'Fn::GetAtt': [vaultId, 'BackupVaultName'] } });
  });

  it('tells the alarm address when a backup of its vault fails, is aborted or never starts', () => {
    const [vaultId] = only('AWS::Backup::BackupVault');
    const [, rule] = only('AWS::Events::Rule');
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.backup'],
      'detail-type': ['Backup Job State Change'],
      detail: {
        state: ['FAILED', 'ABORTED', 'EXPIRED'],
        backupVaultName: [{ 'Fn::GetAtt': [vaultId, 'BackupVaultName'] }],
      },
    });
    expect(rule.Properties.Targets).toEqual([
      expect.objectContaining({ Arn: { Ref: expect.stringMatching(/^AlarmsTopic/) } }),
    ]);
  });

  it('acknowledges only AWS Backup’s own managed policies on its role, each with its reason', () => {
    const [roleId] = Object.entries(s.json.Resources).find(
      ([id, r]) => id.startsWith('BackupRole') && r.Type === 'AWS::IAM::Role',
    ) ?? [''];
    const nag = s.json.Resources[roleId]?.Metadata?.cdk_nag as
      | { rules_to_suppress: { id: string; reason: string }[] }
      | undefined;
    const acks = nag?.rules_to_suppress ?? [];
    for (const ack of acks) expect(ack.reason.length, ack.id).toBeGreaterThan(60);
    expect(acks.map((a) => a.id)).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
    ]);
    expect(s.report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
  });
});
