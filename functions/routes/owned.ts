/** Loading a survey on behalf of a key: unknown and another territory's look the same (404). */
import type { Context } from 'hono';
import { NotFoundError } from '../errors.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireRole } from '../middleware/auth.ts';
import type { Role } from '../model.ts';

export async function ownedSurvey(deps: Deps, c: Context<AppEnv>, id: string, roles: Role[]) {
  const survey = await deps.stores.surveys.get(id, true);
  const caller = c.get('caller');
  requireRole(c, survey?.territory ?? (caller.kind === 'key' ? caller.key.territory : ''), roles, 'survey');
  if (!survey) throw new NotFoundError('survey');
  const territory = await deps.stores.territories.get(survey.territory);
  if (!territory) throw new NotFoundError('survey');
  return { survey, territory };
}
