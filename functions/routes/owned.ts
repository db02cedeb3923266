/** Loading a survey on behalf of a key: unknown and another territory's look the same (404). */
import type { Context } from 'hono';
import { NotFoundError } from '../errors.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireRole } from '../middleware/auth.ts';
import type { Role } from '../model.ts';

export async function ownedSurvey(deps: Deps, c: Context<AppEnv>, id: string, roles: Role[]) {
  const survey = await deps.stores.surveys.get(id, true);
  // An unknown survey is 404 whatever the role, as another territory's is: else a 403 here and a 404 there tells which ids exist elsewhere.
  requireRole(c, survey?.territory ?? '', roles, 'survey');
  if (!survey) throw new NotFoundError('survey');
  const territory = await deps.stores.territories.get(survey.territory);
  if (!territory) throw new NotFoundError('survey');
  return { survey, territory };
}
