/**
 * Where the staff console is served after `cdk deploy`: /console* of the widget's CloudFront
 * distribution, from the widget bucket's console/ prefix, with its CSP and security headers,
 * hashed assets cached a year and the page never, /console/ answered by its index.html, and
 * the ConsoleUrl output. (cdk-nag's verdict on the whole stack is in stack.test.ts.)
 */
import { runInNewContext } from 'node:vm';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ASSET_CACHE } from '#console/csp.ts';
import { CONSOLE_INDEX_FUNCTION } from './console.ts';
import { type Synthesized, synthesize } from './testing.ts';

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
});

const resolved = (v: unknown) => JSON.stringify(v);

describe('the staff console on CloudFront', () => {
  it('is served under /console* of the widget distribution, over HTTPS, with its own cache and headers policies', () => {
    s.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({
            PathPattern: '/console*',
            ViewerProtocolPolicy: 'redirect-to-https',
            AllowedMethods: ['GET', 'HEAD'],
            Compress: true,
            CachePolicyId: { Ref: Match.stringLikeRegexp('^ConsoleCache') },
            ResponseHeadersPolicyId: { Ref: Match.stringLikeRegexp('^ConsoleHeaders') },
            FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
          }),
        ]),
      }),
    });
  });

  it('sends a strict CSP naming the API as the only other origin, and the security headers', () => {
    const policies = s.template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const [policy] = Object.entries(policies).filter(([id]) => id.startsWith('ConsoleHeaders'));
    const config = policy?.[1].Properties.ResponseHeadersPolicyConfig;
    const csp = resolved(config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const part of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ])
      expect(csp).toContain(part);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/connect-src 'self' ",\{"Fn::GetAtt":\["ApiHttpApi\w+","ApiEndpoint"\]\},"; base-uri/);
    expect(config.SecurityHeadersConfig).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
    });
  });

  it('caches as each file says: hashed assets a year, the page and its config not at all', () => {
    s.template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({ MinTTL: 0, MaxTTL: 31_536_000 }),
    });
    const deployments = Object.entries(s.template.findResources('Custom::CDKBucketDeployment'));
    const props = (prefix: string) => deployments.find(([id]) => id.startsWith(prefix))?.[1].Properties;
    expect(props('ConsoleAssets')).toMatchObject({
      DestinationBucketKeyPrefix: 'console/',
      SystemMetadata: { 'cache-control': ASSET_CACHE },
      Prune: false,
    });
    expect(props('ConsolePage')).toMatchObject({
      DestinationBucketKeyPrefix: 'console/',
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionPaths: ['/console', '/console/', '/console/index.html', '/console/config.json'],
    });
    // The widget's own deployment neither overwrites nor deletes the console's files, nor the
    // surveys' public files the API writes beside the script.
    expect(props('WidgetDeployment')).toMatchObject({ Exclude: ['console/*', 'surveys/*'] });
  });

  it('answers /console/ with its index.html and sends /console to /console/', () => {
    const run = (uri: string) =>
      runInNewContext(`${CONSOLE_INDEX_FUNCTION}; handler({ request: { uri: ${JSON.stringify(uri)} } })`);
    expect(run('/console/')).toEqual({ uri: '/console/index.html' });
    expect(run('/console/assets/console-AB12.js')).toEqual({ uri: '/console/assets/console-AB12.js' });
    expect(run('/console')).toMatchObject({ statusCode: 301, headers: { location: { value: '/console/' } } });
  });

  it('names its address in the ConsoleUrl output', () => {
    const out = s.template.findOutputs('ConsoleUrl');
    expect(resolved(out.ConsoleUrl?.Value)).toMatch(/WidgetDistribution.*DomainName.*\/console\//);
  });
});
