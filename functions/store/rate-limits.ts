/**
 * Per-client limits counted in DynamoDB, so they hold across Lambda instances: a sliding
 * window estimated from the current and the previous minute's counters (the previous one's
 * share shrinks as the minute goes by). A scope is a territory id or a deployment-wide cap.
 */
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { fromItem, toItem, type Db } from './dynamo.ts';
import { rateWindowKey } from './layout.ts';

export interface LimitDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

export class RateLimitStore {
  /** A closed minute's count barely changes: read it once per client, not on every request. */
  private closedMinutes = new Map<string, number>();
  private cachedMinute = 0;

  constructor(private readonly db: Db) {}

  private async previousHits(scope: string, client: string, minute: number): Promise<number> {
    if (minute !== this.cachedMinute) {
      this.closedMinutes.clear();
      this.cachedMinute = minute;
    }
    const key = `${scope}#${client}`;
    const cached = this.closedMinutes.get(key);
    if (cached !== undefined) return cached;
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(rateWindowKey(scope, client, minute - 1)) }),
    );
    const hits = out.Item ? fromItem<{ hits: number }>(out.Item).hits : 0;
    this.closedMinutes.set(key, hits);
    return hits;
  }

  async hit(scope: string, client: string, perMinute: number, now: number): Promise<LimitDecision> {
    const minute = Math.floor(now / 60_000);
    const elapsed = (now % 60_000) / 60_000;
    const [current, before] = await Promise.all([
      this.db.client.send(
        new UpdateItemCommand({
          TableName: this.db.table,
          Key: toItem(rateWindowKey(scope, client, minute)),
          UpdateExpression: 'ADD hits :one SET expiresAt = if_not_exists(expiresAt, :exp)',
          ExpressionAttributeValues: toItem({ ':one': 1, ':exp': Math.floor(now / 1000) + 180 }),
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
      this.previousHits(scope, client, minute),
    ]);
    const hits = fromItem<{ hits: number }>(current.Attributes ?? {}).hits ?? 1;
    const estimate = before * (1 - elapsed) + hits;
    if (estimate <= perMinute) return { allowed: true, retryAfterSeconds: 0 };
    // Seconds until the previous minute's share has shrunk enough, or the next minute starts.
    const untilFits = before > 0 ? ((estimate - perMinute) / before) * 60 : (1 - elapsed) * 60;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.min(untilFits, (1 - elapsed) * 60 + 1))) };
  }
}
