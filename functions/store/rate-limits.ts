/**
 * Per-client limits counted in DynamoDB, so they hold across Lambda instances: a sliding
 * window estimated from the current and the previous minute's counters (the previous one's
 * share shrinks as the minute goes by). A client's counters of one minute share one item, so a
 * submission counted against its territory's limit and the cap across territories is one write.
 */
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { fromItem, toItem, type Db } from './dynamo.ts';
import { rateWindowKey } from './layout.ts';

export interface LimitDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** A counter of the client's window item (`submissions`, `lookups`, `t:{territory}`) and its limit. */
export interface Cap {
  counter: string;
  perMinute: number;
}

type Counts = Record<string, number | undefined>;

export class RateLimitStore {
  /** A closed minute's counts barely change: read them once per client, not on every request. */
  private closedMinutes = new Map<string, Counts>();
  private cachedMinute = 0;

  constructor(private readonly db: Db) {}

  private async previousCounts(client: string, minute: number): Promise<Counts> {
    if (minute !== this.cachedMinute) {
      this.closedMinutes.clear();
      this.cachedMinute = minute;
    }
    const cached = this.closedMinutes.get(client);
    if (cached !== undefined) return cached;
    const out = await this.db.client.send(
      new GetItemCommand({ TableName: this.db.table, Key: toItem(rateWindowKey(client, minute - 1)) }),
    );
    const counts = out.Item ? fromItem<Counts>(out.Item) : {};
    this.closedMinutes.set(client, counts);
    return counts;
  }

  /** Counts one hit on every cap's counter, and says whether all of them still allow it. */
  async hit(client: string, caps: Cap[], now: number): Promise<LimitDecision> {
    const minute = Math.floor(now / 60_000);
    const elapsed = (now % 60_000) / 60_000;
    const names = Object.fromEntries(caps.map((cap, i) => [`#c${i}`, cap.counter]));
    const [current, before] = await Promise.all([
      this.db.client.send(
        new UpdateItemCommand({
          TableName: this.db.table,
          Key: toItem(rateWindowKey(client, minute)),
          UpdateExpression: `ADD ${Object.keys(names)
            .map((n) => `${n} :one`)
            .join(', ')} SET expiresAt = if_not_exists(expiresAt, :exp)`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: toItem({ ':one': 1, ':exp': Math.floor(now / 1000) + 180 }),
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
      this.previousCounts(client, minute),
    ]);
    const hits = fromItem<Counts>(current.Attributes ?? {});
    let retryAfterSeconds = 0;
    for (const { counter, perMinute } of caps) {
      const previous = before[counter] ?? 0;
      const estimate = previous * (1 - elapsed) + (hits[counter] ?? 1);
      if (estimate <= perMinute) continue;
      // Seconds until the previous minute's share has shrunk enough, or the next minute starts.
      const untilFits = previous > 0 ? ((estimate - perMinute) / previous) * 60 : (1 - elapsed) * 60;
      const wait = Math.max(1, Math.ceil(Math.min(untilFits, (1 - elapsed) * 60 + 1)));
      retryAfterSeconds = Math.max(retryAfterSeconds, wait);
    }
    return { allowed: retryAfterSeconds === 0, retryAfterSeconds };
  }
}
