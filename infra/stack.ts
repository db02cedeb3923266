/**
 * Écoute on AWS: data (table, buckets, operator key), the API, the nightly job, the work queue
 * and its worker, the widget on CloudFront and the alarms. One stack per stage (`Ecoute-<stage>`).
 */
import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EcouteAlarms } from './alarms.ts';
import { EcouteApi } from './api.ts';
import { EcouteBackup } from './backup.ts';
import { EcouteConsole } from './console.ts';
import type { EcouteConfig } from './config.ts';
import { EcouteData } from './data.ts';
import { acknowledgeBucketDeploymentHelper } from './nag.ts';
import { EcouteNightly } from './nightly.ts';
import { EcouteWidget } from './widget.ts';
import { EcouteWork } from './work.ts';

export class EcouteStack extends Stack {
  readonly data: EcouteData;
  readonly api: EcouteApi;
  readonly nightly: EcouteNightly;
  readonly work: EcouteWork;
  readonly widget: EcouteWidget;
  readonly alarms: EcouteAlarms;

  constructor(scope: Construct, id: string, config: EcouteConfig, props?: StackProps) {
    super(scope, id, { description: `Écoute survey pipeline (${config.stage})`, ...props });
    this.data = new EcouteData(this, 'Data', {
      hmacSecretArn: config.hmacSecretArn,
      restoredTableName: config.restoredTableName,
    });
    // The widget's distribution serves the hosted survey page, which names the API; the API lets the
    // distribution's pages in. The page reads the API's URL when the stack is synthesised (Lazy).
    let apiUrl = '';
    this.widget = new EcouteWidget(this, 'Widget', {
      config,
      accessLogs: this.data.accessLogs,
      apiUrl: Lazy.string({ produce: () => apiUrl }),
    });
    // The staff console and hosted survey pages are served by the widget's distribution.
    const appOrigins = this.widget.pageOrigins(config);
    this.api = new EcouteApi(this, 'Api', { config, data: this.data, appOrigins });
    this.work = new EcouteWork(this, 'Work', { config, data: this.data });
    this.nightly = new EcouteNightly(this, 'Nightly', { config, data: this.data, work: this.work });
    this.work.grantApi(this.api.function);
    this.widget.grantSurveyFiles(this.api.function, { read: false });
    this.widget.grantSurveyFiles(this.work.function, { read: true });
    this.alarms = new EcouteAlarms(this, 'Alarms', {
      config,
      data: this.data,
      api: this.api,
      nightly: this.nightly,
      work: this.work,
    });
    if (config.backupMonths) this.addBackup(config.backupMonths, config.stage);
    apiUrl = this.api.domainName ? `https://${config.apiDomainName}` : this.api.httpApi.apiEndpoint;
    const staff = new EcouteConsole(this, 'Console', { config, widget: this.widget, apiUrl });
    acknowledgeBucketDeploymentHelper(this, this.widget.bucket);

    new CfnOutput(this, 'ApiUrl', { value: apiUrl });
    new CfnOutput(this, 'ConsoleUrl', { value: staff.url, description: 'the staff console: sign in with a key' });
    if (this.api.domainName) {
      new CfnOutput(this, 'ApiDnsTarget', {
        value: this.api.domainName.regionalDomainName,
        description: `CNAME ${config.apiDomainName} to this`,
      });
    }
    new CfnOutput(this, 'WidgetUrl', { value: `https://${config.widgetDomainName ?? this.widget.host}/ecoute.js` });
    new CfnOutput(this, 'SurveyPageUrl', {
      value: `https://${config.widgetDomainName ?? this.widget.host}/s/`,
      description: 'then the survey id; ?channel=qr, email or kiosk',
    });
    if (config.widgetDomainName) {
      new CfnOutput(this, 'WidgetDnsTarget', {
        value: this.widget.host,
        description: `CNAME ${config.widgetDomainName} to this`,
      });
    }
    new CfnOutput(this, 'OperatorKeySecret', {
      value: this.data.operatorKey.secretName,
      description: 'aws secretsmanager get-secret-value --secret-id <this>',
    });
    new CfnOutput(this, 'HmacSecretArn', {
      value: this.data.hmacSecret.secretArn,
      description: 'retained: after a teardown, deploy again with -c hmacSecretArn=<this> so receipts keep working',
    });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'ReportsBucket', { value: this.data.reports.bucketName });
    new CfnOutput(this, 'WorkDeadLetters', {
      value: this.work.deadLetters.queueUrl,
      description: 'units of work that failed three times (infra/README.md, "Work outside requests")',
    });
  }

  /** Monthly backups of whichever table the stack uses (its own or the restored one), failures to the alarm topic. */
  private addBackup(months: number, stage: string): void {
    const b = new EcouteBackup(this, 'Backup', { table: this.data.table, months, stage, alarms: this.alarms.topic });
    new CfnOutput(this, 'BackupVaultName', {
      value: b.vault.backupVaultName,
      description: 'retained with its recovery points',
    });
    new CfnOutput(this, 'BackupRoleArn', {
      value: b.role.roleArn,
      description: 'the --iam-role-arn of aws backup start-restore-job (infra/README.md, "Restore")',
    });
  }
}
