/**
 * The staff console on the widget's CloudFront distribution, under /console*: its files in the
 * widget bucket under console/ (the widget's deployment leaves them alone), hashed assets
 * cached a year, index.html and config.json never cached, a strict CSP (console/csp.ts, the
 * same as under npm start) and security headers from a response headers policy, and a
 * CloudFront function that serves /console/ as its index.html. config.json tells the console
 * where the API, the widget and the hosted survey pages are.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { ASSET_CACHE, PAGE_CACHE, consoleCsp } from '#console/csp.ts';
import { consoleSource, type EcouteConfig } from './config.ts';
import type { EcouteWidget } from './widget.ts';

export const CONSOLE_PATH = '/console*';

/** `/console` → `/console/`, and `/console/` → its index.html (S3 has no directory index behind OAC). */
export const CONSOLE_INDEX_FUNCTION = `function handler(event) {
  var request = event.request;
  if (request.uri === '/console') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/console/' } } };
  }
  if (request.uri === '/console/') request.uri = '/console/index.html';
  return request;
}`;

export class EcouteConsole extends Construct {
  /** Where staff open it: the stack's ConsoleUrl. */
  readonly url: string;

  constructor(
    scope: Construct,
    id: string,
    { config, widget, apiUrl }: { config: EcouteConfig; widget: EcouteWidget; apiUrl: string },
  ) {
    super(scope, id);
    const host = `https://${config.widgetDomainName ?? widget.host}`;
    this.url = `${host}/console/`;

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Écoute console: CSP and security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: consoleCsp(apiUrl), override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    // The files' own Cache-Control decides: a year for hashed assets, none for the page (min TTL 0).
    const cache = new cloudfront.CachePolicy(this, 'Cache', {
      comment: 'Écoute console: as the files say',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.days(1),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const index = new cloudfront.Function(this, 'Index', {
      code: cloudfront.FunctionCode.fromInline(CONSOLE_INDEX_FUNCTION),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Écoute console: /console/ serves index.html',
    });
    widget.distribution.addBehavior(CONSOLE_PATH, widget.origin, {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: cache,
      responseHeadersPolicy: headers,
      compress: true,
      functionAssociations: [{ function: index, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
    });

    const source = consoleSource(config);
    // Old hashed assets stay (prune: false), so a tab opened before a deploy keeps working.
    const assets = new BucketDeployment(this, 'Assets', {
      sources: [Source.asset(source, { exclude: ['index.html'] })],
      destinationBucket: widget.bucket,
      destinationKeyPrefix: 'console/',
      cacheControl: [CacheControl.fromString(ASSET_CACHE)],
      prune: false,
      memoryLimit: 256,
    });
    const page = new BucketDeployment(this, 'Page', {
      sources: [
        Source.asset(source, { exclude: ['assets', 'assets/*'] }),
        Source.jsonData('config.json', { api: apiUrl, widget: `${host}/ecoute.js`, hosted: `${host}/s/` }),
      ],
      destinationBucket: widget.bucket,
      destinationKeyPrefix: 'console/',
      cacheControl: [CacheControl.fromString(PAGE_CACHE)],
      prune: false,
      distribution: widget.distribution,
      distributionPaths: ['/console', '/console/', '/console/index.html', '/console/config.json'],
      memoryLimit: 256,
    });
    // The page names assets: they must be there before it is.
    page.node.addDependency(assets);
  }
}
