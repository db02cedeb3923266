/**
 * The suggestion box, public side: the territory's categories, submission without an account,
 * and the look-up by tracking code. Moderation and reporting are mounted from here too.
 *
 * Robots: a filled honeypot or a form the widget says was filled faster than the territory's
 * `minFillMs` gets a 201 with a fresh code that leads nowhere, and nothing is stored. Telling
 * a robot it was caught (400, 429) teaches it to adapt; a code that later answers 404 looks
 * exactly like a mistyped one. A person the heuristics catch by mistake is rare (the honeypot
 * is unreachable to keyboards and screen readers, and the minimum is a few seconds) and sees
 * "no message with this code" if they look it up. Callers that send neither field (scripts,
 * kiosk apps following docs/api.md) are not judged by them.
 */
import * as z from 'zod';
import { Slug } from '#analytics/questionnaire.ts';
import { normalizeForDedupe } from '#analytics/suggestion-text.ts';
import { ValidationFailedError } from '../errors.ts';
import { SuggestionCollisionError } from '../store/suggestions.ts';
import type { Deps } from '../deps.ts';
import { log } from '../log.ts';
import { count } from '../metrics.ts';
import { SuggestionCategory, suggestionSettingsOf } from '../model.ts';
import { sha256 } from '../security.ts';
import {
  PublicSuggestion,
  SubmitInput,
  monthsLater,
  newTrackingCode,
  publicView,
  type SuggestionRecord,
} from '../suggestion.ts';
import { createRoute, errors, jsonBody, jsonResponse, newRouter } from './router.ts';
import { scopedSuggestion, scopedTerritory } from './scoped.ts';
import { suggestionModerationApp } from './suggestion-moderation.ts';
import { suggestionReportsApp } from './suggestion-reports.ts';

const DAY_SECONDS = 86_400;
const TParam = z.object({ t: Slug });
export const CodeParam = z.object({ code: z.string().min(1).max(40).meta({ example: 'K7M-4QX-9TD' }) });

const categories = createRoute({
  method: 'get',
  path: '/v1/territories/{t}/suggestion-categories',
  operationId: 'listSuggestionCategories',
  summary: "The territory's suggestion categories: what the widget offers",
  access: 'public',
  territory: { from: 'param', name: 't' },
  request: { params: TParam },
  responses: { 200: jsonResponse('categories', z.object({ items: z.array(SuggestionCategory) })), ...errors },
});
const submit = createRoute({
  method: 'post',
  path: '/v1/territories/{t}/suggestions',
  operationId: 'submitSuggestion',
  summary: 'Drop a suggestion; answers the tracking code to keep',
  access: 'public',
  territory: { from: 'param', name: 't' },
  description:
    'The same text (ignoring case, spacing and punctuation) in the same territory within a day answers the first code and stores nothing new. ' +
    "`website` (a honeypot) must be empty and `elapsedMs` at least the territory's `suggestions.minFillMs` (3000 by default): otherwise the answer is a 201 " +
    'with a code that leads nowhere, and nothing is stored. A contact is kept only with `consent: true`, and deleted `retentionMonths` after the suggestion is done.',
  request: { params: TParam, body: jsonBody(SubmitInput) },
  responses: { 201: jsonResponse('received', z.object({ code: z.string() })), ...errors },
});
const lookup = createRoute({
  method: 'get',
  path: '/v1/suggestions/{code}',
  operationId: 'lookUpSuggestion',
  summary: 'Where a suggestion stands, for anyone with the code: no text, district or contact',
  description:
    'The code is read case-insensitively, with or without dashes or spaces; O reads as 0, I and L as 1. ' +
    "Look-ups are limited per client. From a page the suggestion's territory does not allow, a code answers as an unknown one " +
    '(404, readable by any page). A suggestion merged into another says so (`merged`) without giving the other code.',
  access: 'public',
  territory: { from: 'suggestion', param: 'code' },
  request: { params: CodeParam },
  responses: { 200: jsonResponse('the public view', PublicSuggestion), ...errors },
});

export function suggestionsApp(deps: Deps) {
  const app = newRouter(deps);
  const { suggestions } = deps.stores;

  app.openapi(categories, async (c) => {
    const territory = scopedTerritory(c);
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ items: territory.suggestionCategories }, 200);
  });

  app.openapi(submit, async (c) => {
    const territory = scopedTerritory(c);
    const input = c.req.valid('json');
    const settings = suggestionSettingsOf(territory);
    if (!territory.suggestionCategories.some((k) => k.id === input.category)) {
      const ids = territory.suggestionCategories.map((k) => k.id).join(', ');
      throw new ValidationFailedError('unknown category', [{ path: 'category', message: `must be one of: ${ids}` }]);
    }
    const robot = input.website
      ? 'honeypot'
      : input.elapsedMs !== undefined && input.elapsedMs >= 0 && input.elapsedMs < settings.minFillMs
        ? 'too_fast'
        : undefined;
    if (robot) {
      log('info', 'suggestion discarded', { territory: territory.id, reason: robot });
      count('SuggestionsDiscarded', { territory: territory.id, reason: robot });
      return c.json({ code: newTrackingCode() }, 201);
    }
    const now = deps.now();
    const at = now.toISOString();
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const textHash = sha256(normalizeForDedupe(input.text));
    // Until it is done, a contact is kept at most twice the retention: an abandoned suggestion does not keep it forever.
    const contact = input.contact
      ? { email: input.contact.email, expiresAt: monthsLater(at, 2 * settings.retentionMonths) }
      : undefined;
    // A taken code (45 random bits: practically never) or a concurrent identical submission: try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const record: SuggestionRecord = {
        code: newTrackingCode(),
        territory: territory.id,
        category: input.category,
        text: input.text,
        ...(input.district ? { district: input.district } : {}),
        status: 'received',
        createdAt: at,
        updatedAt: at,
        hasContact: contact !== undefined,
      };
      const outcome = await suggestions.create(record, contact, textHash, nowSeconds + DAY_SECONDS);
      if (outcome.created) return c.json({ code: record.code }, 201);
      if (outcome.reason === 'duplicate') return c.json({ code: outcome.code }, 201);
    }
    throw new SuggestionCollisionError();
  });

  app.openapi(lookup, async (c) => {
    const found = scopedSuggestion(c);
    const into = found.mergedInto ? await suggestions.get(found.mergedInto) : undefined;
    return c.json(publicView(found, into), 200);
  });

  app.include(suggestionModerationApp(deps));
  app.include(suggestionReportsApp(deps));
  return app;
}
