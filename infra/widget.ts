/**
 * The widget script (`/ecoute.js`, docs/api.md "Embedding") from a private bucket through
 * CloudFront with origin access control. The URL never changes (tourism offices paste it once
 * and keep it for years), so caching is long at the edge and a day in browsers, and every
 * deployment invalidates the edge. The same distribution serves the hosted survey page,
 * `/s/{survey}` (a QR code, an e-mail link, a kiosk tablet): one static page, which a
 * CloudFront Function finds for every survey id, and which reads the id from its address.
 * And it serves each published survey's public file, `surveys/{id}.json`, which the API and
 * the worker write (that prefix alone) and the widget reads instead of calling the API.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Construct } from 'constructs';
import { type EcouteConfig, repoRoot, widgetSource } from './config.ts';
import { privateBucketDefaults } from './data.ts';
import type { EcouteFunction } from './lambda.ts';
import { arnWildcardFinding } from './nag.ts';

/** A year at the edge (deploys invalidate it), a day in browsers, served stale while refreshing. */
export const widgetCacheControl = 'public, max-age=86400, s-maxage=31536000, stale-while-revalidate=86400';

/** Where the surveys' public files live in the bucket (functions/store/public-surveys.ts writes them). */
export const SURVEY_FILES = 'surveys/';

/**
 * A minute at the edge whatever the file says (it says a minute too, for browsers): a survey
 * that closes or changes reaches every visitor within two, with no invalidation to pay or wait for.
 */
export const surveyFilesEdgeTtl = Duration.minutes(1);

export class EcouteWidget extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** The bucket behind origin access control, for the other paths the distribution serves (infra/console.ts). */
  readonly origin: cloudfront.IOrigin;
  readonly deployment: BucketDeployment;

  constructor(
    scope: Construct,
    id: string,
    { config, accessLogs, apiUrl }: { config: EcouteConfig; accessLogs: s3.IBucket; apiUrl: string },
  ) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...privateBucketDefaults,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 's3/widget/',
    });

    this.origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    // /s/{survey} (with or without a trailing slash, any query) is the one page s/index.html.
    const surveyPage = new cloudfront.Function(this, 'SurveyPageRewrite', {
      comment: 'Serves s/index.html for every /s/{survey}',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(
        "function handler(event){var r=event.request;if(/^\\/s\\/[a-z0-9-]+\\/?$/.test(r.uri))r.uri='/s/index.html';return r;}",
      ),
    });
    const surveyFilesCache = new cloudfront.CachePolicy(this, 'SurveyFilesCache', {
      comment: "Surveys' public files: a minute at most, whatever the file says",
      minTtl: Duration.seconds(0),
      defaultTtl: surveyFilesEdgeTtl,
      maxTtl: surveyFilesEdgeTtl,
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Écoute ${config.stage} widget`,
      additionalBehaviors: {
        // Public data read by any page that embeds the widget: CORS for every origin, no credentials.
        [`/${SURVEY_FILES}*`]: {
          origin: this.origin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          // The widget's GET is a simple request: no preflight to answer.
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: surveyFilesCache,
          responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.CORS_ALLOW_ALL_ORIGINS_AND_SECURITY_HEADERS,
          compress: true,
        },
        '/s/*': {
          origin: this.origin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
          functionAssociations: [{ function: surveyPage, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
          compress: true,
        },
      },
      defaultBehavior: {
        origin: this.origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        // A public script with no credentials: CORS for any page lets hosts load it as a module.
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.CORS_ALLOW_ALL_ORIGINS_AND_SECURITY_HEADERS,
        compress: true,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      // No standard logs: each line carries the viewer's address, and no IP address is stored (acknowledged below).
      enableLogging: false,
      ...(config.widgetDomainName &&
        config.widgetCertificateArn && {
          domainNames: [config.widgetDomainName],
          minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', config.widgetCertificateArn),
        }),
    });

    this.acknowledgeEdgeFindings(config);

    // The page's CSP and its one setting, the API it talks to, are filled in at deploy time.
    const page = readFileSync(join(repoRoot, 'survey-widget/hosted/survey.html'), 'utf8').replaceAll('{{API}}', apiUrl);
    this.deployment = new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(widgetSource(config)), Source.data('s/index.html', page)],
      destinationBucket: this.bucket,
      cacheControl: [CacheControl.fromString(widgetCacheControl)],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      // The console (infra/console.ts) and the surveys' files live in the same bucket: this deployment neither syncs nor deletes them.
      exclude: ['console/*', `${SURVEY_FILES}*`],
      memoryLimit: 256,
    });
  }

  private acknowledgeEdgeFindings(config: EcouteConfig): void {
    const distribution = Validations.of(this.distribution);
    distribution.acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'The widget is embedded on public tourism sites whose visitors come from every country; geo-blocking would refuse the very people surveyed.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          "Standard logs would store every visitor's IP address (c-ip) for each load of the script on a territory's site, against the product's promise that no IP address is stored; CloudFront's default CloudWatch metrics (requests, bytes, 4xx and 5xx rates) are what operating one static script needs.",
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The distribution serves one public, cached static script from a private bucket (no dynamic origin, nothing to inject into); the API, which does take input, is throttled by API Gateway and the app.',
      },
    );
    if (!config.widgetDomainName) {
      distribution.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain CloudFront must use its *.cloudfront.net certificate, whose policy AWS fixes at TLSv1; the content is a public script. Setting widgetDomainName and widgetCertificateArn enforces TLSv1.2_2021 and drops this acknowledgement.',
      });
    }
  }

  /**
   * Lets `fn` write the surveys' public files (and read them, with `read`: the worker compares
   * before writing again), under that prefix only, and names the bucket in its environment.
   */
  grantSurveyFiles(fn: EcouteFunction, { read }: { read: boolean }): void {
    fn.fn.addEnvironment('ECOUTE_SURVEYS_BUCKET', this.bucket.bucketName);
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SurveyFiles',
        actions: read ? ['s3:GetObject', 's3:PutObject'] : ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${SURVEY_FILES}*`)],
      }),
    );
    Validations.of(fn.role).acknowledge({
      id: arnWildcardFinding(this.bucket, `/${SURVEY_FILES}*`),
      reason:
        "Object actions take object ARNs: this is the surveys' public files alone (surveys/{id}.json, one per published survey), not the widget's script nor the console beside them.",
    });
  }

  /** The host to put in the embed snippet's `src`. */
  get host(): string {
    return this.distribution.domainName;
  }

  /** The origins the hosted survey page is served from, which the API allows for every territory. */
  pageOrigins(config: EcouteConfig): string[] {
    return [`https://${this.host}`, ...(config.widgetDomainName ? [`https://${config.widgetDomainName}`] : [])];
  }
}
