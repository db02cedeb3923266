/** What the app is built from: stores, settings and the two facts only the entry point knows. */
import type { Context } from 'hono';
import type { Db } from './store/dynamo.ts';
import { AggregateStore } from './store/aggregates.ts';
import { CommentStore } from './store/comments.ts';
import { ErasureStore } from './store/erasures.ts';
import { JobStore } from './store/jobs.ts';
import type { FileLinks } from './store/presign.ts';
import type { SurveyPublisher } from './store/public-surveys.ts';
import { ResponseStore } from './store/responses.ts';
import { RateLimitStore } from './store/rate-limits.ts';
import type { PublicSuggestionStore } from './store/suggestions-public.ts';
import { SuggestionStore } from './store/suggestions.ts';
import type { PublicSurveyStore } from './store/surveys-public.ts';
import { SurveyStore } from './store/surveys.ts';
import { TextExpiryStore } from './store/text-expiry.ts';
import type { PublicTerritoryStore } from './store/territories-public.ts';
import { TerritoryStore } from './store/territories.ts';
import type { ApiKeyRecord, SurveyRecord, Territory } from './model.ts';
import type { SuggestionRecord } from './suggestion.ts';
import type { PublicResponseStore, StoredCopy } from './store/responses-public.ts';
import type { Notifier } from './notifier.ts';
import type { ReceiptSecrets } from './security.ts';
import type { WorkQueue } from './work/queue.ts';

export interface AppConfig extends ReceiptSecrets {
  operatorKey: string;
  /**
   * Origins of the deployment's own pages (the staff console, hosted surveys), which CORS allows
   * on every route of every territory; the territories' own origins come on top.
   */
  appOrigins: readonly string[];
  /** What one client may do per minute, whatever the territory. */
  clientLimits: ClientLimits;
  /** How long a request may wait on the database in all before it answers 503 (functions/store/deadline.ts). */
  requestBudgetMs: number;
}

export interface ClientLimits {
  /**
   * Public submissions to all territories together. A territory whose own limit is higher
   * (a kiosk's shared address) lifts it for the submissions addressed to it.
   */
  submissionsPerMinute: number;
  /** Look-ups of tracking codes. */
  lookupsPerMinute: number;
}

/** The stores the public routes use (functions/public-app.ts): all the public Lambda bundles. */
export interface PublicStores {
  territories: PublicTerritoryStore;
  surveys: PublicSurveyStore;
  responses: PublicResponseStore;
  rateLimits: RateLimitStore;
  suggestions: PublicSuggestionStore;
}

export interface Stores extends PublicStores {
  territories: TerritoryStore;
  surveys: SurveyStore;
  responses: ResponseStore;
  suggestions: SuggestionStore;
  aggregates: AggregateStore;
  comments: CommentStore;
  erasures: ErasureStore;
  textExpiry: TextExpiryStore;
  jobs: JobStore;
}

/** What the public routes are built from; the staff's routes take the whole of Deps. */
export interface PublicDeps {
  db: Db;
  config: AppConfig;
  stores: PublicStores;
  /** The client's address as the platform reports it (socket, or API Gateway's sourceIp): never a header. */
  clientAddress: (c: Context) => string;
  /** The platform's id for this request (API Gateway's requestId), if it gives one: put on every log line. */
  requestId?: (c: Context) => string | undefined;
  now: () => Date;
  /** Tells residents who consented that their suggestion moved on. */
  notifier: Notifier;
}

export interface Deps extends PublicDeps {
  stores: Stores;
  /** Work done outside requests (large back-fills, exports); without it, such requests answer 503. */
  work?: Work;
  /** Writes surveys' public files beside the widget when they go live, change or close; without it, none is written. */
  publisher?: SurveyPublisher;
}

/** Where the API sends work, and how the files it made are handed out (the worker writes them). */
export interface Work {
  queue: WorkQueue;
  links: FileLinks;
}

export function createStores(db: Db): Stores {
  return {
    territories: new TerritoryStore(db),
    surveys: new SurveyStore(db),
    responses: new ResponseStore(db),
    rateLimits: new RateLimitStore(db),
    suggestions: new SuggestionStore(db),
    aggregates: new AggregateStore(db),
    comments: new CommentStore(db),
    erasures: new ErasureStore(db),
    textExpiry: new TextExpiryStore(db),
    jobs: new JobStore(db),
  };
}

/** Who calls: `invalid` is a key that is malformed, unknown or revoked (401 once CORS is settled). */
export type Caller =
  | { kind: 'operator' }
  | { kind: 'key'; key: ApiKeyRecord }
  | { kind: 'anonymous' }
  | { kind: 'invalid'; reason: string };

/** What the access layer found for a route from its declaration (functions/middleware/access.ts). */
export interface Scope {
  territory?: Territory;
  survey?: SurveyRecord;
  suggestion?: SuggestionRecord;
  response?: StoredCopy;
}

export type AppEnv = {
  Variables: {
    caller: Caller;
    scope: Scope;
  };
};
