/**
 * The suggestion box, public side: the territory's categories, submission without an account,
 * and the look-up by tracking code (moderation: suggestion-moderation.ts; reporting: suggestion-reports.ts).
 *
 * Robots: a filled honeypot or a form the widget says was filled faster than the territory's
 * `minFillMs` gets a 201 with a fresh code that leads nowhere, and nothing is stored. Telling
 * a robot it was caught (400, 429) teaches it to adapt; a code that later answers 404 looks
 * exactly like a mistyped one. A person the heuristics catch by mistake is rare (the honeypot
 * is unreachable to keyboards and screen readers, and the minimum is a few seconds) and sees
 * "no message with this code" if they look it up. Callers that send neither field (scripts,
 * kiosk apps following docs/api.md) are not judged by them.
 */
import { normalizeForDedupe } from '#analytics/suggestion-text.ts';
import { ValidationFailedError } from '../errors.ts';
import { SuggestionCollisionError } from '../store/suggestions-public.ts';
import type { PublicDeps } from '../deps.ts';
import { log } from '../log.ts';
import { count } from '../metrics.ts';
import { suggestionSettingsOf } from '#analytics/territory-settings.ts';
import { sha256 } from '../security.ts';
import type { SuggestionOutcome, SuggestionRecord } from '../suggestion.ts';
import { listedDistrict, monthsLater, newTrackingCode, OUTCOMES, publicView } from '../suggestion-rules.ts';
import { tellResident } from '../suggestion-mail.ts';
import { CodeParam, SubmitInput, TerritoryParam } from '../validation/public-requests.ts';
import { createRoute, errors, jsonBody, jsonResponse, named, newRouter } from './router.ts';
import { scopedSuggestion, scopedTerritory } from './scoped.ts';

const DAY_SECONDS = 86_400;

const categories = createRoute({
  method: 'get',
  path: '/v1/territories/{t}/suggestion-categories',
  operationId: 'listSuggestionCategories',
  summary: "The territory's suggestion categories, districts and promised answer delay in days: what the widget offers",
  access: 'public',
  territory: { from: 'param', name: 't' },
  request: { params: TerritoryParam },
  responses: {
    200: jsonResponse(
      'categories, the districts a resident may pick (none: ask for none), and the promised delay',
      named('SuggestionChoices'),
    ),
    ...errors,
  },
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
    "`district`, if given, is the id or a name of one of the territory's districts (the `districts` of `GET …/suggestion-categories`); anything else is refused (400). " +
    'With a contact, the code is also e-mailed (`emailed: true` when a message went). ' +
    "`website` (a honeypot) must be empty and `elapsedMs` at least the territory's `suggestions.minFillMs` (3000 by default): otherwise the answer is a 201 " +
    'with a code that leads nowhere, and nothing is stored. A contact is kept only with `consent: true`, and deleted `retentionMonths` after the suggestion is done.',
  request: { params: TerritoryParam, body: jsonBody(SubmitInput) },
  responses: {
    201: jsonResponse('received', named('SuggestionReceived')),
    ...errors,
  },
});
const lookup = createRoute({
  method: 'get',
  path: '/v1/suggestions/{code}',
  operationId: 'lookUpSuggestion',
  summary:
    "Where a suggestion stands, for anyone with the code: its status in words, the resident's text (contact details masked), the answer; never the district or contact",
  description:
    'The code is read case-insensitively, with or without dashes or spaces; O reads as 0, I and L as 1. ' +
    'A closed suggestion keeps its `outcome`, and `label` names the status as staff and e-mails do. ' +
    "Look-ups are limited per client. From a page the suggestion's territory does not allow, a code answers as an unknown one " +
    '(404, readable by any page). A suggestion merged into another says so (`merged`) without giving the other code.',
  access: 'public',
  territory: { from: 'suggestion', param: 'code' },
  request: { params: CodeParam },
  responses: { 200: jsonResponse('the public view', named('PublicSuggestion')), ...errors },
});

export function suggestionsApp(deps: PublicDeps) {
  const app = newRouter(deps);
  const { suggestions } = deps.stores;

  app.openapi(categories, async (c) => {
    const territory = scopedTerritory(c);
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(
      {
        items: territory.suggestionCategories,
        districts: territory.suggestionDistricts ?? [],
        promisedDays: suggestionSettingsOf(territory).promisedDays,
      },
      200,
    );
  });

  app.openapi(submit, async (c) => {
    const territory = scopedTerritory(c);
    const input = c.req.valid('json');
    const settings = suggestionSettingsOf(territory);
    if (!territory.suggestionCategories.some((k) => k.id === input.category)) {
      const ids = territory.suggestionCategories.map((k) => k.id).join(', ');
      throw new ValidationFailedError('unknown category', [{ path: 'category', message: `must be one of: ${ids}` }]);
    }
    const district = listedDistrict(territory.suggestionDistricts, input.district);
    if (input.district && !district) {
      const ids = (territory.suggestionDistricts ?? []).map((d) => d.id).join(', ');
      const message = ids ? `must be one of: ${ids}` : 'this territory lists no districts: leave it out';
      throw new ValidationFailedError('unknown district', [{ path: 'district', message }]);
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
        ...(district ? { district } : {}),
        status: 'received',
        createdAt: at,
        updatedAt: at,
        hasContact: contact !== undefined,
      };
      const outcome = await suggestions.create(record, contact, textHash, nowSeconds + DAY_SECONDS);
      if (outcome.created) {
        const emailed = await tellResident(deps, record, settings.promisedDays);
        return c.json({ code: record.code, ...(emailed ? { emailed } : {}) }, 201);
      }
      if (outcome.reason === 'duplicate') return c.json({ code: outcome.code }, 201);
    }
    throw new SuggestionCollisionError();
  });

  app.openapi(lookup, async (c) => {
    const found = scopedSuggestion(c);
    // Closed before outcomes were kept: the history says which it was.
    if (found.status === 'done' && !found.outcome) {
      const last = (await suggestions.history(found.code)).findLast((h) => h.to && OUTCOMES.includes(h.to));
      if (last?.to) found.outcome = last.to as SuggestionOutcome;
    }
    const into = found.mergedInto ? await suggestions.get(found.mergedInto) : undefined;
    return c.json(publicView(found, into), 200);
  });

  return app;
}
