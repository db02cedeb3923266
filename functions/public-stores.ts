/**
 * The public routes' stores, in a module of their own: the public Lambda imports this, not
 * deps.ts, whose other stores would bring their schemas (built by zod at import) into its bundle.
 */
import type { PublicStores } from './deps.ts';
import type { Db } from './store/dynamo.ts';
import { RateLimitStore } from './store/rate-limits.ts';
import { ResponseStore } from './store/responses.ts';
import { SuggestionStore } from './store/suggestions.ts';
import { SurveyStore } from './store/surveys.ts';
import { TerritoryStore } from './store/territories.ts';

export function createPublicStores(db: Db): PublicStores {
  return {
    territories: new TerritoryStore(db),
    surveys: new SurveyStore(db),
    responses: new ResponseStore(db),
    rateLimits: new RateLimitStore(db),
    suggestions: new SuggestionStore(db),
  };
}
