/**
 * What holds data: the single DynamoDB table, the reports bucket, the access-log bucket, the
 * operator key and the HMAC secret behind receipts. The data and the secret outlive the stack
 * (RemovalPolicy.RETAIN), so tearing the stack down never deletes a response, nor voids the
 * receipts with which respondents may erase theirs.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** The one GSI of the key layout in functions/store (partition GSI1PK, sort GSI1SK). */
export const gsi1 = 'GSI1';

/** Buckets that hold anything: private, TLS 1.2+ only, SSE-S3 (no KMS cost or key policy). */
export const privateBucketDefaults = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  removalPolicy: RemovalPolicy.RETAIN,
} satisfies s3.BucketProps;

/** The item calls the stores make (stack.test.ts checks every call a bundle contains is one of them). */
const STORE_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export interface EcouteDataProps {
  /** The retained HMAC secret of an earlier deployment of this stage, to use instead of a new one. */
  hmacSecretArn?: string;
  /**
   * A table this stack did not create (restored from PITR or AWS Backup, or retained by a
   * destroyed stack), to use instead of creating one (infra/README.md, "Restore").
   */
  restoredTableName?: string;
}

export class EcouteData extends Construct {
  readonly table: dynamodb.ITable;
  readonly reports: s3.Bucket;
  readonly accessLogs: s3.Bucket;
  readonly operatorKey: secrets.Secret;
  readonly hmacSecret: secrets.ISecret;

  constructor(scope: Construct, id: string, { hmacSecretArn, restoredTableName }: EcouteDataProps = {}) {
    super(scope, id);
    // A restored table is referenced, not created: CloudFormation cannot adopt it under the
    // new table's logical id, and a new table would hold none of the data. Its grants below
    // name it alone, with its index; its settings (TTL, PITR, deletion protection) are the
    // restore procedure's, as restores do not carry them over.
    this.table = restoredTableName
      ? dynamodb.Table.fromTableAttributes(this, 'Table', { tableName: restoredTableName, globalIndexes: [gsi1] })
      : this.newTable();

    // S3 server access logs only (CloudFront writes none, see widget.ts): delivered under the
    // bucket policy, so ACLs stay disabled, as on every bucket.
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      ...privateBucketDefaults,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(90) }],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: "This bucket is the destination of the other buckets' access logs; logging it into itself would loop.",
    });

    // Reports are small JSON/CSV/HTML files, under the 128 KB below which Infrequent Access
    // and Intelligent-Tiering save nothing, so the rules only bound what versioning keeps.
    this.reports = new s3.Bucket(this, 'Reports', {
      ...privateBucketDefaults,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 's3/reports/',
      lifecycleRules: [
        {
          id: 'expire-replaced-reports',
          noncurrentVersionExpiration: Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        { id: 'clean-delete-markers', expiredObjectDeleteMarker: true },
      ],
    });

    this.operatorKey = new secrets.Secret(this, 'OperatorKey', {
      description: 'Écoute operator key: the bearer key that creates territories (POST /v1/territories).',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.operatorKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The operator key is a bearer credential held by a person, used only to create territories; rotation needs a channel to hand the new key over, so it is rotated by hand (infra/README.md, "Rotating the operator key").',
    });

    this.hmacSecret = hmacSecretArn
      ? secrets.Secret.fromSecretCompleteArn(this, 'HmacSecret', hmacSecretArn)
      : this.newHmacSecret();
  }

  /** The table of the key layout in functions/store, kept when the stack goes. */
  private newTable(): dynamodb.Table {
    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'SK', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The AWS managed key (aws/dynamodb): every use shows in CloudTrail, no monthly fee and
      // no key policy that a mistake could lock the data behind. A CMK buys cross-account
      // control and crypto-shredding, which a single-account survey pipeline does not use.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    table.addGlobalSecondaryIndex({
      indexName: gsi1,
      partitionKey: { name: 'GSI1PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'GSI1SK', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    return table;
  }

  /** Receipts are HMACs under it, given to respondents and never stored: it lives as long as the data. */
  private newHmacSecret(): secrets.Secret {
    const secret = new secrets.Secret(this, 'HmacSecret', {
      description:
        'Écoute HMAC secret: erasure receipts, open-data references and client identities. Never rotate it: every receipt already given would stop working.',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Erasure receipts are HMACs under this secret, handed to respondents and never stored: rotating it would void every receipt already given, so it is kept with the data (retained) and never rotated. It leaves AWS only into the API function.',
    });
    return secret;
  }

  /**
   * Lets a role make the item calls of the stores (functions/store, which both functions build
   * whole) on the table, and Query it and its index; listed actions only (no Scan, no wildcard).
   * TransactWriteItems needs no action of its own: it is authorised per item as PutItem,
   * UpdateItem or DeleteItem (a ConditionCheck entry would need dynamodb:ConditionCheckItem,
   * which no store uses today, so no role holds it).
   */
  grantTable(role: iam.IRole): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'TableItems', actions: STORE_ITEM_ACTIONS, resources: [this.table.tableArn] }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TableQueries',
        actions: ['dynamodb:Query'],
        resources: [this.table.tableArn, `${this.table.tableArn}/index/${gsi1}`],
      }),
    );
  }
}
