import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicRouteThrottles, stageThrottle } from './api.ts';
import { publicFunctionRoutes } from './public-routes.ts';
import { nodeMajor } from './bundling.ts';
import { type Synthesized, synthesize } from './testing.ts';
import { SURVEY_FILES, surveyFilesEdgeTtl, widgetCacheControl } from './widget.ts';

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

  it('makes no AWS Backup plan on the committed dev stage (PITR alone)', () => {
    for (const type of ['AWS::Backup::BackupPlan', 'AWS::Backup::BackupVault', 'AWS::Backup::BackupSelection'])
      s.template.resourceCountIs(type, 0);
    expect(Object.keys(s.json.Resources).filter((id) => id.startsWith('Backup'))).toEqual([]);
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
        'AwsSolutions-CFR3',
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
    expect(Object.keys(buckets)).toHaveLength(4);
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
    expect(policies).toHaveLength(4);
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
      ([id]) => id.startsWith('Api') || id.startsWith('Nightly') || id.startsWith('Work'),
    );

  it(`run Node.js ${nodeMajor} on arm64 with JSON logs`, () => {
    expect(functions()).toHaveLength(4);
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

  it("leave Lambda's START and REPORT lines out on the API's two functions alone, where they are paid per response", () => {
    const levels = functions().map(([id, fn]) => [id.slice(0, 3), fn.Properties.LoggingConfig.SystemLogLevel]);
    expect(levels.sort()).toEqual([
      ['Api', 'WARN'],
      ['Api', 'WARN'],
      ['Nig', 'INFO'],
      ['Wor', 'INFO'],
    ]);
  });

  it('give the API the table, the operator key and the HMAC secret, and the reports bucket to the worker only', () => {
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          POWERTOOLS_SERVICE_NAME: 'ecoute-api',
          ECOUTE_REPORTS_BUCKET: Match.absent(),
          ECOUTE_OPERATOR_KEY_SECRET_ARN: { Ref: Match.stringLikeRegexp('^DataOperatorKey') },
          ECOUTE_HMAC_SECRET_ARN: { Ref: Match.stringLikeRegexp('^DataHmacSecret') },
          // The request's budget for the database ends 2 s before the function's timeout.
          ECOUTE_REQUEST_BUDGET_MS: '8000',
        },
      },
      Timeout: 10,
    });
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          POWERTOOLS_SERVICE_NAME: 'ecoute-nightly',
          ECOUTE_REPORTS_BUCKET: Match.absent(),
          ECOUTE_WORK_QUEUE_URL: { Ref: Match.stringLikeRegexp('^WorkQueue') },
        },
      },
    });
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'ecoute-worker',
          ECOUTE_REPORTS_BUCKET: { Ref: Match.stringLikeRegexp('^DataReports') },
        }),
      },
    });
    s.template.resourceCountIs('AWS::SecretsManager::Secret', 2);
  });

  it("tells the API the origin of the deployment's own pages: the widget's distribution", () => {
    const [, api] = functions().find(([id]) => id.startsWith('Api'))!;
    const origins = JSON.stringify(api.Properties.Environment.Variables.ECOUTE_APP_ORIGINS);
    expect(origins).toContain('https://');
    expect(origins).toMatch(/"Fn::GetAtt":\["WidgetDistribution\w+","DomainName"\]/);
  });

  it('are bundled as minified ESM that can still require, with the SDK clients they start with', () => {
    for (const prefix of [
      'ApiLambdaFunction',
      'ApiPublicLambdaFunction',
      'NightlyLambdaFunction',
      'WorkLambdaFunction',
    ]) {
      const code = s.bundle(prefix);
      expect(
        code.startsWith('import{createRequire as __ecouteRequire}') ||
          code.startsWith('import { createRequire as __ecouteRequire }'),
      ).toBe(true);
      expect(code).toMatch(/export\s*\{/);
      expect(code).not.toMatch(/from\s*"@aws-sdk\//);
    }
  });

  it('leave SES and SQS to the runtime, imported by the API on the first e-mail or job only, by the dispatcher, and by the worker carrying on a dispatch', () => {
    const imported = (prefix: string) =>
      [...s.bundle(prefix).matchAll(/import\(\s*"(@aws-sdk\/[^"]+)"\s*\)/g)].map((m) => m[1]).sort();
    expect(imported('ApiLambdaFunction')).toEqual(['@aws-sdk/client-sesv2', '@aws-sdk/client-sqs']);
    // The public function queues no work: SES alone, for the tracking code a resident asked for.
    expect(imported('ApiPublicLambdaFunction')).toEqual(['@aws-sdk/client-sesv2']);
    // Once a night, when it sends the units: its cold start is not on anyone's path.
    expect(imported('NightlyLambdaFunction')).toEqual(['@aws-sdk/client-sqs']);
    // Only when it carries on a dispatch handed on to it (its nights and exports send nothing).
    expect(imported('WorkLambdaFunction')).toEqual(['@aws-sdk/client-sqs']);
  });
});

describe('secrets', () => {
  it('keep the HMAC secret behind receipts when the stack goes (a teardown must not void them), not the operator key', () => {
    const secrets = s.template.findResources('AWS::SecretsManager::Secret');
    const policies = Object.fromEntries(
      Object.entries(secrets).map(([id, r]) => [id.replace(/[0-9A-F]{8}$/, ''), r.DeletionPolicy ?? 'Delete']),
    );
    expect(policies).toEqual({ DataOperatorKey: 'Delete', DataHmacSecret: 'Retain' });
    s.template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } },
    });
  });

  it.each(['ApiLambdaRole', 'ApiPublicLambdaRole'])(
    'lets %s read these two secrets and no other, and nothing else read them',
    (role) => {
      const readsSecrets = (st: Statement) => [st.Action].flat().some((a) => a.startsWith('secretsmanager:'));
      const readers = Object.keys(s.template.findResources('AWS::IAM::Policy')).filter((id) =>
        statementsOf(id).some(readsSecrets),
      );
      expect(readers.map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
        'ApiLambdaRoleDefaultPolicy',
        'ApiPublicLambdaRoleDefaultPolicy',
      ]);
      const statements = statementsOf(role).filter(readsSecrets);
      expect(statements).toEqual([
        {
          Sid: 'Secrets',
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          Resource: expect.arrayContaining([
            { Ref: expect.stringMatching(/^DataOperatorKey/) },
            { Ref: expect.stringMatching(/^DataHmacSecret/) },
          ]),
        },
      ]);
      expect(statements[0]?.Resource).toHaveLength(2);
    },
  );
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
    // Reports are computed from the aggregates; s3:GetObject is what the export links it signs carry
    // (the API itself reads no object), the sqs actions CDK's grantSendMessages to the work queue;
    // s3:PutObject writes the surveys' public files.
    const own = [
      'secretsmanager:GetSecretValue',
      's3:GetObject',
      's3:PutObject',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ];
    expect(actionsOf(statementsOf('ApiLambdaRole'))).toEqual([...common, ...own].sort());
  });

  it('lets the public API function do the table and secrets calls and nothing more: no queue, no bucket', () => {
    expect(actionsOf(statementsOf('ApiPublicLambdaRole'))).toEqual([...common, 'secretsmanager:GetSecretValue'].sort());
  });

  it('lets the nightly dispatcher do exactly its calls', () => {
    // Sending units to the work queue, and CDK's SqsDestination grant (failure records to the
    // dead-letter queue): the same sqs actions; no S3, the worker writes the reports.
    const statements = statementsOf('NightlyLambdaRole');
    expect([...new Set(actionsOf(statements))]).toEqual(
      [...common, 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'].sort(),
    );
    const sends = statements.filter((st) => [st.Action].flat().includes('sqs:SendMessage'));
    expect(JSON.stringify(sends.map((st) => st.Resource))).toMatch(
      /WorkQueue.*NightlyDeadLetters|NightlyDeadLetters.*WorkQueue/,
    );
  });

  it('lets the worker do exactly its calls', () => {
    // The sqs actions are the SQS event source's (Lambda receives and deletes messages as the worker's
    // role), and CDK's grantSendMessages merged with them: a dispatch handed on sends its units to the queue.
    // One s3:GetObject and the third s3:PutObject: the surveys' public files, compared and written
    // again; the other s3:GetObject: a failed night reads which night wrote each report file.
    const own = [
      's3:AbortMultipartUpload',
      's3:DeleteObject',
      's3:GetObject',
      's3:GetObject',
      's3:PutObject',
      's3:PutObject',
      's3:PutObject',
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
      'sqs:SendMessage',
    ];
    expect(actionsOf(statementsOf('WorkLambdaRole'))).toEqual([...common, ...own].sort());
  });

  // The SDK names each operation a bundle can send ("PutItem"): DynamoDB ones by their name,
  // and S3 ones twice (command and schema) when the command is in the bundle.
  it.each([
    ['ApiLambdaFunction', 'ApiLambdaRole'],
    ['ApiPublicLambdaFunction', 'ApiPublicLambdaRole'],
    ['NightlyLambdaFunction', 'NightlyLambdaRole'],
    ['WorkLambdaFunction', 'WorkLambdaRole'],
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

  it('sends the public routes to the public function and everything else to the staff function', () => {
    const integrations = s.template.findResources('AWS::ApiGatewayV2::Integration');
    type Route = { Properties: { RouteKey: string; Target: { 'Fn::Join': [string, [string, { Ref: string }]] } } };
    const functionOf = (route: Route) => {
      const [, [, ref]] = route.Properties.Target['Fn::Join'];
      const uri = integrations[ref.Ref]?.Properties.IntegrationUri as { 'Fn::GetAtt': [string, string] };
      return uri['Fn::GetAtt'][0].replace(/[0-9A-F]{8}$/, '');
    };
    const routes = (Object.values(s.template.findResources('AWS::ApiGatewayV2::Route')) as Route[]).map((r) => [
      r.Properties.RouteKey,
      functionOf(r),
    ]);
    expect(routes.sort()).toEqual(
      [
        ['$default', 'ApiLambdaFunction'],
        ...publicFunctionRoutes.map((key) => [key, 'ApiPublicLambdaFunction']),
      ].sort(),
    );
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

describe('work queue', () => {
  it('is FIFO with a FIFO dead-letter queue after three receives, read by the worker with partial batch failures and bounded concurrency', () => {
    s.template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      VisibilityTimeout: 900,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkDeadLetters'), 'Arn'] },
        maxReceiveCount: 3,
      },
    });
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkQueue'), 'Arn'] },
      FunctionName: { Ref: Match.stringLikeRegexp('^WorkLambdaFunction') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 10 },
    });
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 600,
      Environment: {
        Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'ecoute-worker', ECOUTE_MAX_RECEIVES: '3' }),
      },
    });
  });

  it('gives the API the queue and the exports bucket, whose files expire after a day', () => {
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'ecoute-api',
          ECOUTE_WORK_QUEUE_URL: { Ref: Match.stringLikeRegexp('^WorkQueue') },
          ECOUTE_EXPORTS_BUCKET: { Ref: Match.stringLikeRegexp('^WorkExports') },
        }),
      },
    });
    s.template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { LogFilePrefix: 's3/exports/' },
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ ExpirationInDays: 1, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } })],
      },
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
        Origins: [
          Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: { OriginAccessIdentity: '' } }),
        ],
      },
    });
  });

  it("stores no visitor's address: no standard logs, the finding acknowledged with that reason", () => {
    const [distribution] = Object.values(s.template.findResources('AWS::CloudFront::Distribution'));
    expect(distribution?.Properties.DistributionConfig.Logging).toBeUndefined();
    const acks = (distribution?.Metadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string; reason: string }[];
    expect(acks.find((a) => a.id === 'AwsSolutions-CFR3')?.reason).toMatch(/IP address/);
    // Nothing else writes logs with ACLs: every bucket has them disabled (BucketOwnerEnforced, S3's default when unset).
    for (const bucket of Object.values(s.template.findResources('AWS::S3::Bucket')))
      expect(JSON.stringify(bucket.Properties.OwnershipControls ?? {})).not.toMatch(/Preferred|ObjectWriter/);
  });

  it('is deployed with long cache headers and an invalidation', () => {
    s.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      SystemMetadata: { 'cache-control': widgetCacheControl },
      DistributionPaths: ['/*'],
    });
    expect(widgetCacheControl).toMatch(/s-maxage=31536000/);
  });

  it('serves the hosted survey page at /s/{survey}, filled with the API at deploy time, and tells the API its origin', () => {
    s.template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: Match.stringLikeRegexp("r\\.uri='/s/index\\.html'"),
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
    s.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({
            PathPattern: '/s/*',
            ViewerProtocolPolicy: 'redirect-to-https',
            FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
          }),
        ]),
      }),
    });
    // Two sources, the built widget and the page, whose {{API}} is the API's URL (a deploy-time marker).
    const deployments = Object.values(s.template.findResources('Custom::CDKBucketDeployment')) as {
      Properties: { SourceObjectKeys: unknown[]; SourceMarkers: object[]; DestinationBucketKeyPrefix?: unknown };
    }[];
    // The widget's deployment, at the bucket's root (the console has its own, under console/).
    const deployment = deployments.find((d) => d.Properties.DestinationBucketKeyPrefix === undefined);
    if (!deployment) throw new Error('no widget deployment');
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
    expect(JSON.stringify(deployment.Properties.SourceMarkers)).toContain('HttpApi');
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ECOUTE_APP_ORIGINS: Match.anyValue() }) },
    });
  });
});

describe("surveys' public files", () => {
  const widgetBucket = () =>
    Object.keys(s.template.findResources('AWS::S3::Bucket')).find((id) => id.startsWith('WidgetBucket'));

  it('are written by the API and read and written by the worker, under surveys/ of the widget bucket alone', () => {
    const bucket = widgetBucket();
    expect(bucket).toBeDefined();
    const grants = (role: string) => statementsOf(role).filter((st) => st.Sid === 'SurveyFiles');
    const onlySurveys = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, `/${SURVEY_FILES}*`]] };
    expect(grants('ApiLambdaRole')).toEqual([
      { Sid: 'SurveyFiles', Effect: 'Allow', Action: 's3:PutObject', Resource: onlySurveys },
    ]);
    expect(grants('WorkLambdaRole')).toEqual([
      { Sid: 'SurveyFiles', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: onlySurveys },
    ]);
    expect(grants('NightlyLambdaRole')).toEqual([]);
    expect(grants('ApiPublicLambdaRole')).toEqual([]);
    for (const service of ['ecoute-api', 'ecoute-worker'])
      s.template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: service, ECOUTE_SURVEYS_BUCKET: { Ref: bucket } }),
        },
      });
  });

  it('are served to any origin (CORS), a minute at the edge at most, compressed, over HTTPS', () => {
    const [distribution] = Object.values(s.template.findResources('AWS::CloudFront::Distribution'));
    const behaviours = distribution?.Properties.DistributionConfig.CacheBehaviors as Record<string, unknown>[];
    const files = behaviours.find((b) => b.PathPattern === `/${SURVEY_FILES}*`);
    expect(files).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      Compress: true,
      // CloudFront's managed CORS-and-SecurityHeadersPolicy: Access-Control-Allow-Origin: * on every answer.
      ResponseHeadersPolicyId: 'e61eb60c-9c35-4d20-a928-2b84e02af89c',
    });
    const policies = s.template.findResources('AWS::CloudFront::CachePolicy');
    const policy = policies[(files?.CachePolicyId as { Ref?: string } | undefined)?.Ref ?? ''];
    expect(policy?.Properties.CachePolicyConfig).toMatchObject({ MinTTL: 0, DefaultTTL: 60, MaxTTL: 60 });
    expect(surveyFilesEdgeTtl.toSeconds()).toBe(60);
  });

  it('are left alone by the widget’s deployment, which would otherwise delete them as not in the build', () => {
    const deployments = Object.values(s.template.findResources('Custom::CDKBucketDeployment')) as {
      Properties: { Exclude?: string[]; DestinationBucketKeyPrefix?: unknown };
    }[];
    const widget = deployments.find((d) => d.Properties.DestinationBucketKeyPrefix === undefined);
    expect(widget?.Properties.Exclude).toContain(`${SURVEY_FILES}*`);
  });
});

describe('alarms', () => {
  it('watch errors, throttles and the nightly job, and e-mail the operator', () => {
    const alarms = Object.entries(s.template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.map(([id]) => id.replace(/[A-F0-9]{8}$/, '')).sort()).toEqual(
      [
        'Api503Share',
        'Api5xx',
        'ApiDuration',
        'ApiErrors',
        'ApiLatency',
        'ApiThrottles',
        'PublicDuration',
        'PublicErrors',
        'PublicThrottles',
        'NightlyDeadLetters',
        'NightlyDuration',
        'NightlyErrors',
        'NightlyMissed',
        'NightlyThrottles',
        'NightlyUnitsFailed',
        'RateLimitedShare',
        'SurveyFileWrites',
        'TableThrottles',
        'WorkBacklog',
        'WorkDeadLetters',
        'WorkDuration',
        'WorkErrors',
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
