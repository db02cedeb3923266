/**
 * The public routes' stores, in a module of their own: the public Lambda imports this, not
 * deps.ts, whose other stores would bring their schemas (built by zod at import) into its bundle;
 * and of the stores it shares with the staff, only the part its routes call (their Public* bases).
 */
import type { PublicStores } from './deps.ts';
import type { Db } from './store/dynamo.ts';
import { RateLimitStore } from './store/rate-limits.ts';
import { PublicResponseStore } from './store/responses-public.ts';
import { PublicSuggestionStore } from './store/suggestions-public.ts';
import { PublicSurveyStore } from './store/surveys-public.ts';
import { PublicTerritoryStore } from './store/territories-public.ts';

export function createPublicStores(db: Db): PublicStores {
  return {
    territories: new PublicTerritoryStore(db),
    surveys: new PublicSurveyStore(db),
    responses: new PublicResponseStore(db),
    rateLimits: new RateLimitStore(db),
    suggestions: new PublicSuggestionStore(db),
  };
}
