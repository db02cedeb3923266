/**
 * Monthly backups of the table by AWS Backup, kept `months` months: what PITR's 35 days lack.
 * PITR restores any second of the last 35 days; a deletion noticed later (a territory's surveys
 * removed by mistake, found at next season's report) or the responses as they stood months ago
 * need a copy older than that. Optional per stage (`backupMonths`, infra/README.md "Restore").
 */
import { Duration, RemovalPolicy, TimeZone, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/**
 * On the 1st at 05:00 Paris time: after the night (03:30) has aggregated the month's last day,
 * before offices open. A DynamoDB backup neither pauses the table nor uses its capacity.
 */
export const BACKUP_SCHEDULE = { minute: '0', hour: '5', day: '1' } as const;

/** Days a monthly backup is kept: `months` months of 365/12 days (12 months: 365 days). */
export const backupDays = (months: number) => Math.ceil((months * 365) / 12);

export class EcouteBackup extends Construct {
  readonly vault: backup.BackupVault;
  readonly plan: backup.BackupPlan;
  /** The role AWS Backup takes to back the table up, and to restore it (infra/README.md, "Restore"). */
  readonly role: iam.Role;

  constructor(
    scope: Construct,
    id: string,
    props: { table: dynamodb.ITable; months: number; stage: string; alarms: sns.ITopic },
  ) {
    super(scope, id);
    // AWS Backup's own AWS managed key (aws/backup), as the table's: no key policy to get wrong,
    // no monthly fee. Retained: recovery points must outlive the stack they back up, and the
    // access policy denies deleting one by hand (the plan's lifecycle still expires them).
    this.vault = new backup.BackupVault(this, 'Vault', {
      removalPolicy: RemovalPolicy.RETAIN,
      blockRecoveryPointDeletion: true,
    });
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: `ecoute-${props.stage}-monthly`,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Monthly',
          backupVault: this.vault,
          scheduleExpression: events.Schedule.cron(BACKUP_SCHEDULE),
          scheduleExpressionTimezone: TimeZone.EUROPE_PARIS,
          deleteAfter: Duration.days(backupDays(props.months)),
        }),
      ],
    });
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('backup.amazonaws.com') });
    // The selection gives the role AWS Backup's own policies, to back up and to restore.
    this.plan.addSelection('Table', {
      resources: [backup.BackupResource.fromDynamoDbTable(props.table)],
      role: this.role,
      allowRestores: true,
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        "AWS Backup's own policy for the role it assumes (only backup.amazonaws.com may), kept current by AWS as the service changes; the plan's selection limits what it backs up to the table.",
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
      reason:
        "AWS Backup's own restore policy, so the restore procedure has a role Backup may use; only backup.amazonaws.com may assume it, and a restore is started by an operator.",
    });

    // A backup that did not happen is found out only when it is needed: tell the alarm address.
    new events.Rule(this, 'Failed', {
      description: `Écoute ${props.stage}: a monthly backup of the table failed, was aborted or expired before it ran.`,
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change'],
        detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'], backupVaultName: [this.vault.backupVaultName] },
      },
      targets: [new targets.SnsTopic(props.alarms)],
    });
  }
}
