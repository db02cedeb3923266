/**
 * The API behind one HTTP API, on two Lambdas: the public function serves the routes anyone may
 * call without a key (functions/public-lambda.ts: what visitors' widgets call, so their cold
 * starts load only that code); the staff function serves everything else (functions/lambda.ts,
 * the whole app). API Gateway throttles the stage, and the two public submission routes more
 * tightly; the per-client, per-territory limits of docs/api.md are the app's own.
 */
import { Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { EcouteConfig } from './config.ts';
import type { EcouteData } from './data.ts';
import { EcouteFunction } from './lambda.ts';
import { publicFunctionRoutes } from './public-routes.ts';

/** Whole-API ceiling: far above a territory's traffic, low enough to cap a runaway bill. */
export const stageThrottle = { rateLimit: 200, burstLimit: 400 };

/** Anonymous writes get their own, lower ceilings: a flood there cannot starve operators. */
export const publicRouteThrottles = {
  'POST /v1/surveys/{id}/responses': { rateLimit: 50, burstLimit: 100 },
  'POST /v1/territories/{t}/suggestions': { rateLimit: 10, burstLimit: 20 },
} as const;

/**
 * Each territory named in `suggestionTerritories` gets a route of its own for its suggestions
 * (`POST /v1/territories/avignon/suggestions`: API Gateway prefers a literal path to `{t}`), so
 * its own ceiling: a flood on one city's box no longer spends the others'. The `{t}` route
 * keeps the shared one for the territories not (yet) named. Why not AWS WAF: see infra/README.md.
 */
export const territorySuggestionThrottle = { rateLimit: 10, burstLimit: 20 } as const;
export const suggestionRouteOf = (territory: string) => `POST /v1/territories/${territory}/suggestions`;

/**
 * Access-log fields: what operations need, nothing that identifies a person (no source IP,
 * user agent or path, whose ids and receipts the app logs only as route templates).
 */
export const accessLogFields = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
};

export interface EcouteApiProps {
  config: EcouteConfig;
  data: EcouteData;
  /**
   * Origins of the deployment's own pages (the staff console, hosted surveys, served from the
   * widget's distribution): the app allows them on every route of every territory.
   */
  appOrigins: string[];
}

/** Both API functions' limit; the app's request budget (ECOUTE_REQUEST_BUDGET_MS) ends 2 s before it. */
export const API_TIMEOUT = Duration.seconds(10);

export class EcouteApi extends Construct {
  /** The staff function: every route but the public ones (the work queue and the survey files are its alone). */
  readonly function: EcouteFunction;
  /** The public function: the routes of `publicFunctionRoutes`. */
  readonly publicFunction: EcouteFunction;
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly domainName?: apigw.DomainName;

  constructor(scope: Construct, id: string, { config, data, appOrigins }: EcouteApiProps) {
    super(scope, id);
    const environment = {
      ECOUTE_TABLE: data.table.tableName,
      ECOUTE_REQUEST_BUDGET_MS: String(API_TIMEOUT.toMilliseconds() - 2000),
      ECOUTE_OPERATOR_KEY_SECRET_ARN: data.operatorKey.secretArn,
      ECOUTE_HMAC_SECRET_ARN: data.hmacSecret.secretArn,
      ...(config.notificationSender && { ECOUTE_NOTIFY_FROM: config.notificationSender }),
      ECOUTE_APP_ORIGINS: Fn.join(',', appOrigins),
      ...(config.clientSubmissionsPerMinute && {
        ECOUTE_CLIENT_SUBMISSIONS_PER_MINUTE: String(config.clientSubmissionsPerMinute),
      }),
      ...(config.clientLookupsPerMinute && {
        ECOUTE_CLIENT_LOOKUPS_PER_MINUTE: String(config.clientLookupsPerMinute),
      }),
    };
    const common = {
      // Both halves of one API: their counters (functions/metrics.ts) add up under one service, as before the split.
      serviceName: 'ecoute-api',
      memorySize: 512,
      timeout: API_TIMEOUT,
      // START and REPORT are 0.7 KB of every response's logs, more than the rest together (README, cost):
      // duration, init and memory are in Lambda's own metrics; set INFO for a while to tune.
      systemLogLevel: lambda.SystemLogLevel.WARN,
      environment,
    };
    this.function = new EcouteFunction(this, 'Lambda', {
      ...common,
      entry: config.apiEntry,
      description: `Écoute ${config.stage}: staff and operator API`,
    });
    this.publicFunction = new EcouteFunction(this, 'PublicLambda', {
      ...common,
      entry: config.publicApiEntry,
      description: `Écoute ${config.stage}: public API (surveys, responses, the suggestion box)`,
    });
    // The same table and secrets (receipts, and a key sent to a public route is checked as anywhere),
    // and SES for the tracking code a suggestion's resident asked for; nothing else.
    for (const fn of [this.function, this.publicFunction]) {
      this.grantData(fn, data);
      if (config.notificationSender) this.grantNotifications(fn, config.notificationSender);
    }

    if (config.apiDomainName && config.apiCertificateArn) {
      this.domainName = new apigw.DomainName(this, 'Domain', {
        domainName: config.apiDomainName,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', config.apiCertificateArn),
        securityPolicy: apigw.SecurityPolicy.TLS_1_2,
      });
    }

    const integration = new HttpLambdaIntegration('App', this.function.fn, {
      payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
    });
    const publicIntegration = new HttpLambdaIntegration('PublicApp', this.publicFunction.fn, {
      payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
    });
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `ecoute-${config.stage}`,
      description: 'Écoute HTTP API (docs/api.md)',
      createDefaultStage: false,
      defaultIntegration: integration,
      // With a custom domain, the execute-api URL would be a second door around it.
      disableExecuteApiEndpoint: Boolean(this.domainName),
      // Empty: the app answers CORS from each territory's allowedOrigins. Set: API Gateway
      // answers preflights for these origins without invoking (and billing) the Lambda.
      ...(config.allowedOrigins.length > 0 && {
        corsPreflight: {
          allowOrigins: [...config.allowedOrigins, ...appOrigins],
          allowMethods: [apigw.CorsHttpMethod.ANY],
          allowHeaders: ['authorization', 'content-type'],
          exposeHeaders: ['retry-after'],
          maxAge: Duration.days(1), // as the app's preflights (functions/middleware/cors.ts)
        },
      }),
    });
    const routeThrottles: Record<string, { rateLimit: number; burstLimit: number }> = {
      ...publicRouteThrottles,
      ...Object.fromEntries(
        config.suggestionTerritories.map((t) => [suggestionRouteOf(t), territorySuggestionThrottle]),
      ),
    };
    const publicRoutes = [...new Set([...publicFunctionRoutes, ...Object.keys(routeThrottles)])].flatMap((routeKey) => {
      const [method, path] = routeKey.split(' ') as [keyof typeof apigw.HttpMethod, string];
      return this.httpApi.addRoutes({ path, methods: [apigw.HttpMethod[method]], integration: publicIntegration });
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new apigw.HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: stageThrottle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
      ...(this.domainName && { domainMapping: { domainName: this.domainName } }),
    });
    const cfnStage = this.stage.node.defaultChild as apigw.CfnStage;
    cfnStage.routeSettings = Object.fromEntries(
      Object.entries(routeThrottles).map(([routeKey, t]) => [
        routeKey,
        { ThrottlingRateLimit: t.rateLimit, ThrottlingBurstLimit: t.burstLimit },
      ]),
    );
    // Route settings name routes by key, so the routes must exist before the stage is updated.
    for (const route of publicRoutes) cfnStage.node.addDependency(route);

    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        "Authorization is the app's: docs/api.md makes submissions and survey reads public and checks territory-scoped bearer keys itself (one key table, roles and a 404 across territories), which a gateway authorizer cannot express.",
    });
  }

  /** SES may send from the one configured sender, through its address or its domain identity. */
  private grantNotifications(fn: EcouteFunction, sender: string): void {
    const stack = Stack.of(this);
    const identity = (name: string) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'NotifyResidents',
        actions: ['ses:SendEmail'],
        resources: [identity(sender), identity(sender.split('@')[1] ?? sender)],
        conditions: { StringEquals: { 'ses:FromAddress': sender } },
      }),
    );
  }

  private grantData(fn: EcouteFunction, data: EcouteData): void {
    const role = fn.role;
    data.grantTable(role);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'Secrets',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [data.operatorKey.secretArn, data.hmacSecret.secretArn],
      }),
    );
  }
}
