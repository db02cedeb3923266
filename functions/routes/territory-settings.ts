/**
 * Settings a territory's admin changes after its creation: the districts residents pick for a
 * suggestion, and how long free-text answers are kept. Only the fields given change.
 */
import * as z from 'zod';
import { Slug } from '#analytics/questionnaire.ts';
import { NotFoundError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { requireRole } from '../middleware/auth.ts';
import { ResponseSettings, SuggestionDistricts } from '../model.ts';
import { bearer, createRoute, errors, jsonBody, jsonResponse, newRouter } from './router.ts';

const SettingsChange = z
  .object({
    /** Replaces the list; suggestions made before keep what they had, shown to moderators as it was. */
    suggestionDistricts: SuggestionDistricts,
    responses: ResponseSettings,
  })
  .partial()
  .meta({ id: 'TerritorySettingsChange' });

const patchTerritory = createRoute({
  method: 'patch',
  path: '/v1/territories/{t}',
  summary: "Change the territory's districts and free-text retention (admin)",
  description:
    '`suggestionDistricts` replaces the list residents pick from (the open data and the indicators carry only these); ' +
    '`responses.freeTextDays` (30 to 3650, 365 by default) is how long free-text answers are kept before the nightly job removes them, numeric answers staying.',
  security: bearer,
  request: { params: z.object({ t: Slug }), body: jsonBody(SettingsChange) },
  responses: { 200: jsonResponse('the settings', z.looseObject({ id: z.string() })), ...errors },
});

export function territorySettingsApp(deps: Deps) {
  const app = newRouter();

  app.openapi(patchTerritory, async (c) => {
    const { t } = c.req.valid('param');
    requireRole(c, t, ['admin'], 'territory');
    const change = c.req.valid('json');
    const updated = await deps.stores.territories.update(t, (territory) => ({ ...territory, ...change }));
    if (!updated) throw new NotFoundError('territory');
    return c.json(updated, 200);
  });

  return app;
}
