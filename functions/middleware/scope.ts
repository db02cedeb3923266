/**
 * What a request is addressed to, found as its route declares (`territory` in RouteConfig) and
 * as its caller may see it: a territory's key finds everything of its territory and nothing
 * else; anyone else finds only what is public (a territory, a published survey, a suggestion by
 * its code, a response by its receipt). What is not found is answered as unknown, so drafts
 * and other territories' things look exactly like things that do not exist.
 */
import type { Context } from 'hono';
import { isSlug } from '#analytics/questionnaire-rules.ts';
import type { AppEnv, PublicDeps, Scope } from '../deps.ts';
import { canonicalCode } from '../suggestion-rules.ts';
import { receiptMatches } from '../security.ts';
import type { TerritoryFrom } from '../routes/router.ts';

/** A territory's key sees its territory; everyone else sees what is public. */
export type Viewer = { territory: string } | 'public';

/** No id is longer than 64 characters: a longer one names nothing (and DynamoDB refuses keys past 2 KB). */
const named = (value: string | undefined): value is string => value !== undefined && value.length <= 64;

export async function resolveScope(
  deps: PublicDeps,
  from: TerritoryFrom,
  c: Context<AppEnv>,
  viewer: Viewer,
): Promise<Scope> {
  const { territories, surveys, responses, suggestions } = deps.stores;
  const mine = viewer === 'public' ? undefined : viewer.territory;
  // Hono decodes path parameters: `1HV%20PN5%209SN` reads as the code typed with spaces.
  const param = c.req.param(from.from === 'param' ? from.name : from.param);
  if (!named(param)) return {};
  const withTerritory = async <T extends { territory: string }>(thing: T | undefined) => {
    if (!thing || (mine !== undefined && thing.territory !== mine)) return undefined;
    return territories.get(thing.territory);
  };
  switch (from.from) {
    case 'param': {
      if (!isSlug(param) || (mine !== undefined && param !== mine)) return {};
      const territory = await territories.get(param);
      return territory ? { territory } : {};
    }
    case 'survey': {
      if (!isSlug(param)) return {};
      const survey = mine === undefined ? await surveys.published(param) : await surveys.findFor(mine, param, true);
      const territory = await withTerritory(survey);
      return territory ? { territory, survey } : {};
    }
    case 'suggestion': {
      const code = canonicalCode(param);
      const suggestion = code ? await suggestions.get(code, mine !== undefined) : undefined;
      const territory = await withTerritory(suggestion);
      return territory ? { territory, suggestion } : {};
    }
    case 'response': {
      const ownerOf = async (surveyId: string) => (await surveys.get(surveyId))?.territory;
      // Anyone else finds a response only with its receipt: each stored copy has its own (store/responses.ts).
      const given = c.req.query(from.receipt) ?? '';
      const copy =
        mine !== undefined
          ? await responses.findIn(mine, param, ownerOf)
          : given && given.length <= 100
            ? (await responses.copies(param)).find((r) => receiptMatches(deps.config, param, given, r.besideIn))
            : undefined;
      const owner = copy && (copy.territory ?? (await ownerOf(copy.response.surveyId)));
      const territory = owner === undefined ? undefined : await territories.get(owner);
      return territory && copy ? { territory, response: copy } : {};
    }
  }
}
