/**
 * One way to make an Écoute Lambda: Node.js on arm64, bundled by the project's esbuild (no
 * Docker), JSON logs in a log group with a retention, and a role that starts with no managed
 * policy so every permission it holds is written in this app.
 */
import { type Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { esmRequireBanner, externalModules, mainFields } from './bundling.ts';
import { repoRoot } from './config.ts';

/** The share of invocations that write their debug lines too (functions/log.ts). */
export const DEBUG_SAMPLE_RATE = 0.01;

/** Where the functions' counters go (functions/metrics.ts): one namespace per stack, so stages never mix. */
export const metricsNamespace = (scope: Construct) => Stack.of(scope).stackName;

export interface EcouteFunctionProps {
  entry: string;
  description: string;
  /** Powertools Logger's `service` field, so both functions' logs can be told apart. */
  serviceName: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  /** Lambda's own lines (START, REPORT…): INFO keeps them; WARN leaves them out where every byte is paid per request. */
  systemLogLevel?: lambda.SystemLogLevel;
}

export class EcouteFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: EcouteFunctionProps) {
    super(scope, id);
    // Logs hold no personal data by design, but a month is all an incident needs.
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description}: execution role`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // A filter that lets through the debug lines of the invocations Logger samples; Logger itself writes
      // from INFO up (functions/log.ts keeps Powertools from taking this level as its own).
      applicationLogLevelV2: lambda.ApplicationLogLevel.DEBUG,
      // INFO keeps the REPORT line (duration, memory, init), which tuning needs.
      systemLogLevelV2: props.systemLogLevel ?? lambda.SystemLogLevel.INFO,
      projectRoot: repoRoot,
      depsLockFilePath: `${repoRoot}/package-lock.json`,
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_LOGGER_SAMPLE_RATE: String(DEBUG_SAMPLE_RATE),
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace(this),
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields,
        banner: esmRequireBanner,
        externalModules,
        bundleAwsSDK: true,
        esbuildArgs: { '--tree-shaking': 'true' },
        forceDockerBundling: false,
      },
    });
  }
}
