/**
 * Jobs and their units in the table: a META item with counters, and one item per finished
 * unit, written in the same transaction as the counters, so a unit retried after it finished
 * (SQS delivers at least once) is counted once.
 */
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { JobRecord } from '../work/jobs.ts';
import { fromItem, sendIf, toItem, type Db } from './dynamo.ts';
import { jobKey, jobUnitKey } from './layout.ts';

/** A job and its unit marks live a month: long enough to follow, short enough not to pile up. */
const JOB_TTL_S = 31 * 86_400;

/** What one finished unit adds to its job. */
export interface UnitOutcome {
  days?: number;
  responses?: number;
  /** An export's file. */
  file?: string;
  rows?: number;
  bytes?: number;
}

const expiry = (createdAt: string) => Math.floor(Date.parse(createdAt) / 1000) + JOB_TTL_S;

const reasons = (e: unknown): string[] =>
  e instanceof Error && e.name === 'TransactionCanceledException'
    ? ((e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code ?? 'None')
    : [];

export class JobStore {
  constructor(private readonly db: Db) {}

  /** Creates the job (its id is random: the condition only guards against a bug reusing one). */
  async create(job: JobRecord): Promise<JobRecord> {
    await this.db.client.send(
      new PutItemCommand({
        TableName: this.db.table,
        Item: toItem({ ...jobKey(job.id), ...job, expiresAt: expiry(job.createdAt) }),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return job;
  }

  /** Creates the job unless one has its id: true when this call made it (of callers at once, one only). */
  async createIfNew(job: JobRecord): Promise<boolean> {
    try {
      await this.create(job);
      return true;
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
      return false;
    }
  }

  /** Creates the job unless one has its id; then answers that one (a night dispatched twice is one job). */
  async createOnce(job: JobRecord): Promise<JobRecord> {
    if (await this.createIfNew(job)) return job;
    return (await this.get(job.id)) ?? job;
  }

  /** Removes a job whose units could not be sent, so that the next to ask may queue it again. */
  async delete(id: string): Promise<void> {
    await this.db.client.send(new DeleteItemCommand({ TableName: this.db.table, Key: toItem(jobKey(id)) }));
  }

  async get(id: string): Promise<JobRecord | undefined> {
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(jobKey(id)), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const parsed = JobRecord.safeParse(fromItem(out.Item));
    return parsed.success ? parsed.data : undefined;
  }

  /** Notes that a unit began (the job is then running); the first start only. */
  async started(id: string, at: string): Promise<void> {
    await sendIf(
      this.db,
      new UpdateItemCommand({
        TableName: this.db.table,
        Key: toItem(jobKey(id)),
        UpdateExpression: 'SET startedAt = :at',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(startedAt)',
        ExpressionAttributeValues: toItem({ ':at': at }),
      }),
    );
  }

  /**
   * Records a unit's end, done or failed, once: false when it was recorded already (a retry of
   * a unit that had finished) or the job is gone (expired).
   */
  async finishUnit(id: string, unit: string, outcome: UnitOutcome | 'failed', at: string): Promise<boolean> {
    const failed = outcome === 'failed';
    const o: UnitOutcome = failed ? {} : outcome;
    const fields = (['file', 'rows', 'bytes'] as const).filter((k) => o[k] !== undefined);
    const counter = failed ? 'failed' : 'done';
    const values = {
      ':at': at,
      ':one': 1,
      ':days': o.days ?? 0,
      ':responses': o.responses ?? 0,
      ...Object.fromEntries(fields.map((k) => [`:${k}`, o[k]])),
    };
    const job = await this.get(id);
    const transaction = new TransactWriteItemsCommand({
      TransactItems: [
        {
          Put: {
            TableName: this.db.table,
            Item: toItem({ ...jobUnitKey(id, unit), at, failed, expiresAt: expiry(job?.createdAt ?? at) }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        {
          Update: {
            TableName: this.db.table,
            Key: toItem(jobKey(id)),
            // Names through placeholders: `file` and others are DynamoDB reserved words.
            UpdateExpression: `SET updatedAt = :at${fields.map((k) => `, #${k} = :${k}`).join('')} ADD #${counter} :one, #days :days, #responses :responses`,
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: Object.fromEntries(
              [...fields, counter, 'days', 'responses'].map((k) => [`#${k}`, k]),
            ),
            ExpressionAttributeValues: toItem(values),
          },
        },
      ],
    });
    // A back-fill's units all count into one item: transactions on it at the same time conflict, and are tried again.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.client.send(transaction);
        return true;
      } catch (e) {
        const why = reasons(e);
        if (why.includes('ConditionalCheckFailed')) return false;
        if (!why.includes('TransactionConflict') || attempt >= 10) throw e;
        await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random())));
      }
    }
  }
}
