/**
 * Where units of work go. On AWS an SQS FIFO queue (functions/work/sqs.ts) feeds the worker
 * Lambda; locally this runner works them in process with the same rules: a bounded number at
 * once, one at a time per territory (SQS FIFO's message groups), a unit that fails tried again
 * after a delay (the visibility timeout), and after its last attempt set aside (the dead-letter
 * queue) without holding up any other territory.
 */
import { log } from '../log.ts';
import { outsideRequest } from '../store/deadline.ts';
import { DEDUPLICATION_MS, unitIdentity, type WorkUnit } from './units.ts';

export interface WorkQueue {
  enqueue(units: WorkUnit[]): Promise<void>;
}

/** Which delivery of a unit this is, and whether a failure now sets it aside for good. */
export interface Attempt {
  number: number;
  final: boolean;
}

export type UnitWorker = (unit: WorkUnit, attempt: Attempt) => Promise<void>;

export interface LocalQueueOptions {
  /** Units worked at once (the worker Lambda's maximum concurrency). */
  concurrency: number;
  /** Deliveries before a failing unit is set aside (SQS's maxReceiveCount). */
  maxAttempts: number;
  /** Wait before a failed unit is delivered again (the visibility timeout, shortened). */
  retryDelayMs: number;
}

interface Waiting {
  unit: WorkUnit;
  attempt: number;
  notBefore: number;
}

export class LocalWorkQueue implements WorkQueue {
  readonly deadLetters: { unit: WorkUnit; error: string }[] = [];
  private readonly waiting: Waiting[] = [];
  private readonly busyTerritories = new Set<string>();
  /** When each unit was last enqueued, for the deduplication window. */
  private readonly sent = new Map<string, number>();
  private running = 0;
  private worker: UnitWorker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private idle: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly options: LocalQueueOptions) {}

  /** Starts working units with `worker` (units enqueued before wait for it). */
  serve(worker: UnitWorker): this {
    this.worker = worker;
    this.pump();
    return this;
  }

  async enqueue(units: WorkUnit[]): Promise<void> {
    const now = Date.now();
    for (const [key, at] of this.sent) if (now - at >= DEDUPLICATION_MS) this.sent.delete(key);
    for (const unit of units) {
      const key = unitIdentity(unit);
      // The same unit again within the window is dropped, as SQS FIFO drops it.
      if (this.sent.has(key)) continue;
      this.sent.set(key, now);
      this.waiting.push({ unit, attempt: 1, notBefore: 0 });
    }
    this.pump();
  }

  /** Resolves once nothing waits and nothing runs. */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Takes no more units and waits for those running (never stop the database under one). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.waiting.length = 0;
    await this.drain();
  }

  private isIdle() {
    return this.running === 0 && this.waiting.length === 0;
  }

  private pump(): void {
    if (!this.worker || this.stopped) {
      this.settle();
      return;
    }
    const now = Date.now();
    while (this.running < this.options.concurrency) {
      const i = this.waiting.findIndex((w) => w.notBefore <= now && !this.busyTerritories.has(w.unit.territory));
      if (i < 0) break;
      const [next] = this.waiting.splice(i, 1);
      if (next) this.start(this.worker, next);
    }
    const later = this.waiting.filter((w) => w.notBefore > now).map((w) => w.notBefore);
    clearTimeout(this.timer);
    if (later.length && this.running < this.options.concurrency)
      this.timer = setTimeout(() => this.pump(), Math.min(...later) - now);
    this.settle();
  }

  private start(worker: UnitWorker, w: Waiting): void {
    this.running++;
    this.busyTerritories.add(w.unit.territory);
    const final = w.attempt >= this.options.maxAttempts;
    // Started from the request that enqueued it, a unit would otherwise share that request's deadline.
    outsideRequest(() => worker(w.unit, { number: w.attempt, final }))
      .catch((e: unknown) => {
        const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        log('error', 'unit of work failed', {
          kind: w.unit.kind,
          territory: w.unit.territory,
          attempt: w.attempt,
          error,
        });
        if (final) this.deadLetters.push({ unit: w.unit, error });
        else if (!this.stopped)
          this.waiting.push({ ...w, attempt: w.attempt + 1, notBefore: Date.now() + this.options.retryDelayMs });
      })
      .finally(() => {
        this.running--;
        this.busyTerritories.delete(w.unit.territory);
        this.pump();
      });
  }

  private settle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idle.splice(0)) resolve();
  }
}
