import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicRouteThrottles, stageThrottle } from './api.ts';
import { nodeMajor } from './bundling.ts';
import { type Synthesized, synthesize } from './testing.ts';
import { widgetCacheControl } from './widget.ts';

// One synthesis for the whole file: bundling and cdk-nag make each one take seconds.
let s: Synthesized;
beforeAll(() => {
  s = synthesize({ alarmEmail: 'astreinte@example.org' });
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Sid?: string };
const statementsOf = (rolePrefix: string): Statement[] =>
  Object.entries(s.json.Resources)
    .filter(([id, r]) => r.Type === 'AWS::IAM::Policy' && id.startsWith(rolePrefix))
    .flatMap(([, r]) => (r.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? []);
const actionsOf = (statements: Statement[]) => statements.flatMap((st) => [st.Action].flat()).sort();

describe('synthesis', () => {
  it('completes without Docker (CDK_DOCKER points at nothing) and without context lookups', () => {
    expect(s.assembly.manifest.missing ?? []).toEqual([]);
    expect(s.template.findResources('AWS::Lambda::Function')).not.toEqual({});
  });

  it('yields no AwsSolutions finding that nobody acknowledged', () => {
    const findings = s.report.pluginReports.flatMap((r) =>
      r.violations.map((v) => ({ plugin: r.pluginName, ...(v as object) })),
    );
    expect(findings).toEqual([]);
  });

  it('gives every acknowledgement a reason a reviewer can check', () => {
    const acks = Object.values(s.json.Resources).flatMap(
      (r) =>
        (r.Metadata?.cdk_nag as { rules_to_suppress: { id: string; reason: string }[] } | undefined)
          ?.rules_to_suppress ?? [],
    );
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) expect(ack.reason.length, ack.id).toBeGreaterThan(60);
    expect(new Set(acks.map((a) => a.id.replace(/\[.*$/, '')))).toEqual(
      new Set([
        'AwsSolutions-S1',
        'AwsSolutions-SMG4',
        'AwsSolutions-IAM5',
        'AwsSolutions-IAM4',
        'AwsSolutions-APIG4',
        'AwsSolutions-SQS3',
        'AwsSolutions-CFR1',
        'AwsSolutions-CFR2',
        'AwsSolutions-CFR4',
        'AwsSolutions-L1',
      ]),
    );
  });
});

describe('DynamoDB table', () => {
  it('is the single table of the key layout, on demand, with TTL, PITR, encryption and deletion protection', () => {
    s.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    s.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        GlobalSecondaryIndexes: [
          {
            IndexName: 'GSI1',
            KeySchema: [
              { AttributeName: 'GSI1PK', KeyType: 'HASH' },
              { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        AttributeDefinitions: Match.arrayWith([{ AttributeName: 'GSI1SK', AttributeType: 'S' }]),
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
      },
    });
  });
});

describe('S3 buckets', () => {
  it('are all private, encrypted, TLS only and retained', () => {
    const buckets = s.template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(3);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(
        bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault
          .SSEAlgorithm,
      ).toBe('AES256');
    }
    const policies = Object.values(s.template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('keeps reports versioned, logged and bounded by lifecycle rules', () => {
    s.template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { LogFilePrefix: 's3/reports/' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            NoncurrentVersionExpiration: { NoncurrentDays: 90 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          }),
        ]),
      },
    });
  });
});

describe('Lambda functions', () => {
  const functions = () =>
    Object.entries(s.template.findResources('AWS::Lambda::Function')).filter(
      ([id]) => id.startsWith('Api') || id.startsWith('Nightly'),
    );

  it(`run Node.js ${nodeMajor} on arm64 with JSON logs`, () => {
    expect(functions()).toHaveLength(2);
    for (const [, fn] of functions()) {
      expect(fn.Properties).toMatchObject({
        Runtime: `nodejs${nodeMajor}.x`,
        Architectures: ['arm64'],
        Handler: 'index.handler',
        // DEBUG at Lambda, so the invocations Logger samples keep their debug lines; Logger writes from INFO.
        LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG' },
      });
      expect(fn.Properties.Environment.Variables).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_LOGGER_SAMPLE_RATE: '0.01',
        ECOUTE_TABLE: { Ref: expect.stringMatching(/^DataTable/) },
      });
    }
  });

  it('give the API the table and the operator key secret, and the reports bucket to the nightly job only', () => {
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          POWERTOOLS_SERVICE_NAME: 'ecoute-api',
          ECOUTE_REPORTS_BUCKET: Match.absent(),
          ECOUTE_OPERATOR_KEY_SECRET_ARN: { Ref: Match.stringLikeRegexp('^DataOperatorKey') },
        },
      },
    });
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          POWERTOOLS_SERVICE_NAME: 'ecoute-nightly',
          ECOUTE_REPORTS_BUCKET: { Ref: Match.stringLikeRegexp('^DataReports') },
        },
      },
    });
    s.template.resourceCountIs('AWS::SecretsManager::Secret', 1);
  });

  it("tells the API the origin of the deployment's own pages: the widget's distribution", () => {
    const [, api] = functions().find(([id]) => id.startsWith('Api'))!;
    const origins = JSON.stringify(api.Properties.Environment.Variables.ECOUTE_APP_ORIGINS);
    expect(origins).toContain('https://');
    expect(origins).toMatch(/"Fn::GetAtt":\["WidgetDistribution\w+","DomainName"\]/);
  });

  it('are bundled as minified ESM that can still require, with the SDK clients they start with', () => {
    for (const prefix of ['ApiLambdaFunction', 'NightlyLambdaFunction']) {
      const code = s.bundle(prefix);
      expect(
        code.startsWith('import{createRequire as __ecouteRequire}') ||
          code.startsWith('import { createRequire as __ecouteRequire }'),
      ).toBe(true);
      expect(code).toMatch(/export\s*\{/);
      expect(code).not.toMatch(/from\s*"@aws-sdk\//);
    }
  });

  it('leave SES to the runtime, imported by the API on the first e-mail only', () => {
    const imported = (prefix: string) =>
      [...s.bundle(prefix).matchAll(/import\(\s*"(@aws-sdk\/[^"]+)"\s*\)/g)].map((m) => m[1]);
    expect(imported('ApiLambdaFunction')).toEqual(['@aws-sdk/client-sesv2']);
    expect(imported('NightlyLambdaFunction')).toEqual([]);
  });
});

describe('IAM', () => {
  it('lists every DynamoDB action and never a wildcard or Scan', () => {
    const dynamo = Object.values(s.template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => (p.Properties.PolicyDocument.Statement as Statement[]).flatMap((st) => [st.Action].flat()))
      .filter((a) => a.startsWith('dynamodb:'));
    expect(dynamo.length).toBeGreaterThan(0);
    for (const action of dynamo) expect(action).toMatch(/^dynamodb:[A-Za-z]+$/);
    expect(dynamo).not.toContain('dynamodb:Scan');
  });

  // Both functions read and write items, query, batch-write and log; the rest differs.
  const common = [
    'dynamodb:BatchWriteItem',
    'dynamodb:DeleteItem',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:UpdateItem',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
  ];

  it('lets the API do exactly its calls', () => {
    // Reports are computed from the aggregates: the API reads no S3 object, so it may not.
    const own = ['secretsmanager:GetSecretValue'];
    expect(actionsOf(statementsOf('ApiLambdaRole'))).toEqual([...common, ...own].sort());
  });

  it('lets the nightly job do exactly its calls', () => {
    // The sqs actions are CDK's SqsDestination grant: failure records go to the dead-letter queue.
    const own = ['s3:DeleteObject', 's3:PutObject', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'];
    expect(actionsOf(statementsOf('NightlyLambdaRole'))).toEqual([...common, ...own].sort());
  });

  // The SDK names each operation a bundle can send ("PutItem"): DynamoDB ones by their name,
  // and S3 ones twice (command and schema) when the command is in the bundle.
  it.each([
    ['ApiLambdaFunction', 'ApiLambdaRole'],
    ['NightlyLambdaFunction', 'NightlyLambdaRole'],
  ])('lets %s make every DynamoDB and S3 call its bundle contains, and it contains no Scan', (fn, role) => {
    const code = s.bundle(fn);
    const dataPlane = [
      'GetItem',
      'PutItem',
      'UpdateItem',
      'DeleteItem',
      'Query',
      'Scan',
      'BatchGetItem',
      'BatchWriteItem',
      'TransactGetItems',
      'TransactWriteItems',
    ];
    const sent = dataPlane.filter((op) => code.includes(`"${op}"`));
    const objects = ['GetObject', 'PutObject', 'DeleteObject', 'DeleteObjects', 'ListObjectsV2'].filter(
      (op) => code.split(`"${op}"`).length > 2,
    );
    const allowed = actionsOf(statementsOf(role));
    expect(sent).toContain('PutItem');
    expect(sent).not.toContain('Scan');
    // Transactions are authorised per item, as the item calls checked here.
    for (const op of sent.filter((o) => !o.startsWith('Transact'))) expect(allowed, op).toContain(`dynamodb:${op}`);
    for (const op of objects) expect(allowed, op).toContain(`s3:${op.replace('ListObjectsV2', 'ListBucket')}`);
  });

  it('queries the table and only its GSI1 index', () => {
    const query = statementsOf('ApiLambdaRole').find((st) => st.Sid === 'TableQueries');
    expect(JSON.stringify(query?.Resource)).toMatch(/\/index\/GSI1"/);
    expect(JSON.stringify(query?.Resource)).not.toMatch(/index\/\*/);
  });

  it('attaches no AWS managed policy to our roles', () => {
    for (const [id, role] of Object.entries(s.template.findResources('AWS::IAM::Role'))) {
      if (id.startsWith('CustomCDKBucketDeployment')) continue;
      expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
    }
  });
});

describe('HTTP API', () => {
  it('throttles the stage and the public submission routes more tightly', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: stageThrottle.rateLimit,
        ThrottlingBurstLimit: stageThrottle.burstLimit,
      },
      RouteSettings: Object.fromEntries(
        Object.entries(publicRouteThrottles).map(([key, t]) => [
          key,
          { ThrottlingRateLimit: t.rateLimit, ThrottlingBurstLimit: t.burstLimit },
        ]),
      ),
    });
    for (const key of [...Object.keys(publicRouteThrottles), '$default'])
      s.template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key });
    for (const [key, t] of Object.entries(publicRouteThrottles))
      expect(t.rateLimit, key).toBeLessThan(stageThrottle.rateLimit);
  });

  it("writes JSON access logs without the caller's address or user agent", () => {
    const [stage] = Object.values(s.template.findResources('AWS::ApiGatewayV2::Stage'));
    const format = JSON.parse(stage?.Properties.AccessLogSettings.Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      routeKey: '$context.routeKey',
    });
    expect(Object.values(format).join(' ')).not.toMatch(/sourceIp|userAgent|\$context\.path/);
  });

  it('leaves CORS to the app when no allowed origins are configured', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.absent(),
    });
  });
});

describe('nightly job', () => {
  it('runs on an EventBridge Scheduler cron in Europe/Paris with retries and a dead-letter queue', () => {
    s.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 3 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      Target: {
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NightlyLambdaFunction'), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NightlyDeadLetters'), 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 3 },
      },
    });
    s.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NightlyDeadLetters'), 'Arn'] } },
      },
    });
    s.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });
});

describe('widget', () => {
  it('is served by CloudFront over HTTPS from a private bucket through origin access control', () => {
    s.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    s.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https', Compress: true },
        Logging: Match.objectLike({ Prefix: 'cloudfront/widget/' }),
        Origins: [
          Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: { OriginAccessIdentity: '' } }),
        ],
      },
    });
  });

  it('is deployed with long cache headers and an invalidation', () => {
    s.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      SystemMetadata: { 'cache-control': widgetCacheControl },
      DistributionPaths: ['/*'],
    });
    expect(widgetCacheControl).toMatch(/s-maxage=31536000/);
  });
});

describe('alarms', () => {
  it('watch errors, throttles and the nightly job, and e-mail the operator', () => {
    const alarms = Object.entries(s.template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.map(([id]) => id.replace(/[A-F0-9]{8}$/, '')).sort()).toEqual(
      [
        'Api503',
        'Api5xx',
        'ApiErrors',
        'ApiThrottles',
        'NightlyDeadLetters',
        'NightlyErrors',
        'NightlyMissed',
        'NightlyThrottles',
        'NightlyUnitsFailed',
        'RateLimitedSpike',
        'TableThrottles',
      ]
        .map((n) => `Alarms${n}`)
        .sort(),
    );
    for (const [, alarm] of alarms)
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmsTopic/) }]);
    s.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'astreinte@example.org',
    });
  });
});
