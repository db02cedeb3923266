/**
 * The widget script (`/ecoute.js`, docs/api.md "Embedding") from a private bucket through
 * CloudFront with origin access control. The URL never changes (tourism offices paste it once
 * and keep it for years), so caching is long at the edge and a day in browsers, and every
 * deployment invalidates the edge.
 */
import { Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { type EcouteConfig, widgetSource } from './config.ts';
import { privateBucketDefaults } from './data.ts';

/** A year at the edge (deploys invalidate it), a day in browsers, served stale while refreshing. */
export const widgetCacheControl = 'public, max-age=86400, s-maxage=31536000, stale-while-revalidate=86400';

export class EcouteWidget extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** The bucket behind origin access control, for the other paths the distribution serves (infra/console.ts). */
  readonly origin: cloudfront.IOrigin;
  readonly deployment: BucketDeployment;

  constructor(scope: Construct, id: string, { config, accessLogs }: { config: EcouteConfig; accessLogs: s3.IBucket }) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...privateBucketDefaults,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 's3/widget/',
    });

    this.origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Écoute ${config.stage} widget`,
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
      enableLogging: true,
      logBucket: accessLogs,
      logFilePrefix: 'cloudfront/widget/',
      ...(config.widgetDomainName &&
        config.widgetCertificateArn && {
          domainNames: [config.widgetDomainName],
          minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', config.widgetCertificateArn),
        }),
    });

    this.acknowledgeEdgeFindings(config);

    this.deployment = new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(widgetSource(config))],
      destinationBucket: this.bucket,
      cacheControl: [CacheControl.fromString(widgetCacheControl)],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      // The console lives in the same bucket (infra/console.ts): this deployment neither syncs nor deletes it.
      exclude: ['console/*'],
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

  /** The host to put in the embed snippet's `src`. */
  get host(): string {
    return this.distribution.domainName;
  }
}
