/**
 * cdk-nag v3 acknowledges findings one by one, by an id that names the resource's logical id
 * (`AwsSolutions-IAM5[Resource::<Logical.Arn>/*]`); these helpers build such ids and
 * acknowledge what CDK's own BucketDeployment helper brings, each with why it is acceptable.
 */
import { type CfnResource, DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

function logicalId(construct: IConstruct): string {
  return Stack.of(construct).resolve((construct.node.defaultChild as CfnResource).logicalId) as string;
}

/** The IAM5 finding of a grant on `<construct's ARN><suffix>`, e.g. a function's `:*` versions. */
export function arnWildcardFinding(construct: IConstruct, suffix: string): string {
  return `AwsSolutions-IAM5[Resource::<${logicalId(construct)}.Arn>${suffix}]`;
}

/** The IAM5 finding of a grant on every object of `bucket` (`<bucket ARN>/*`). */
export function objectWildcardFinding(bucket: s3.IBucket): string {
  return arnWildcardFinding(bucket, '/*');
}

/**
 * Lets `role` make object `actions` (which take object ARNs) on any key of `bucket`, with the
 * acknowledgement of that `/*` and why it is acceptable.
 */
export function grantObjects(
  role: iam.Role,
  bucket: s3.IBucket,
  o: { sid: string; actions: string[]; reason: string },
): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: o.sid, actions: o.actions, resources: [bucket.arnForObjects('*')] }),
  );
  Validations.of(role).acknowledge({ id: objectWildcardFinding(bucket), reason: o.reason });
}

/** The singleton Lambda that BucketDeployment adds at stack level to copy the widget in. */
export function acknowledgeBucketDeploymentHelper(stack: Stack, widgetBucket: s3.IBucket): void {
  const assets = `arn:aws:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-${stack.region}/*`;
  const why: Record<string, string> = {
    'AwsSolutions-L1':
      "The helper's Python runtime (3.13, supported by Lambda) is pinned by aws-cdk-lib together with the AWS CLI layer it ships; it moves when aws-cdk-lib is upgraded.",
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
      "CDK's BucketDeployment helper (not our code) writes its own logs with the basic execution policy, which grants nothing beyond CloudWatch Logs.",
    'AwsSolutions-IAM5[Action::s3:GetObject*]':
      'CDK grantRead/grantReadWrite for the helper: reading the widget asset zip from the CDK assets bucket and the widget bucket only.',
    'AwsSolutions-IAM5[Action::s3:GetBucket*]':
      'CDK grantRead for the helper, limited to the CDK assets bucket and the widget bucket.',
    'AwsSolutions-IAM5[Action::s3:List*]':
      'CDK grantRead for the helper, which lists the widget bucket to sync it; limited to the two buckets above.',
    'AwsSolutions-IAM5[Action::s3:DeleteObject*]':
      'The helper prunes files removed from the widget build; limited to the widget bucket.',
    'AwsSolutions-IAM5[Action::s3:Abort*]':
      'The helper aborts its own failed multipart uploads; limited to the widget bucket.',
    [objectWildcardFinding(widgetBucket)]:
      'The helper copies the widget build into the widget bucket, whose objects it owns entirely.',
    [`AwsSolutions-IAM5[Resource::${assets}]`]:
      'The helper reads the widget asset zip that `cdk deploy` uploaded to the CDK bootstrap assets bucket.',
    'AwsSolutions-IAM5[Resource::*]':
      'CDK grants cloudfront:CreateInvalidation/GetInvalidation on "*" so the helper can invalidate the widget distribution after a deploy; it changes no content.',
  };
  const helpers = stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  for (const helper of helpers) {
    for (const [id, reason] of Object.entries(why)) Validations.of(helper).acknowledge({ id, reason });
  }
}
