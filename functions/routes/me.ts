/**
 * Who a key is: what the staff console asks first, so a person signs in with the key alone
 * and sees only what its role may do. It names the key's own territory and nothing else.
 */
import * as z from 'zod';
import { NotFoundError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { Role, suggestionSettingsOf } from '../model.ts';
import { createRoute, errors, jsonResponse, newRouter } from './router.ts';

const Me = z.union([
  z.object({ role: z.literal('operator') }),
  z.object({
    role: Role,
    keyId: z.string(),
    label: z.string(),
    territory: z.object({
      id: z.string(),
      name: z.string(),
      timeZone: z.string(),
      locales: z.array(z.string()),
      /** The answer delay promised to residents, in days: the suggestion box flags what is past it. */
      promisedDays: z.int(),
    }),
  }),
]);

const me = createRoute({
  method: 'get',
  path: '/v1/me',
  operationId: 'whoAmI',
  summary: "The calling key's role, label and territory",
  access: 'anyKey',
  responses: { 200: jsonResponse('who the key is', Me), ...errors },
});

export function meApp(deps: Deps) {
  const app = newRouter(deps);
  app.openapi(me, async (c) => {
    const caller = c.get('caller');
    if (caller.kind === 'operator') return c.json({ role: 'operator' as const }, 200);
    if (caller.kind !== 'key') throw new NotFoundError('key'); // refused earlier by the access layer
    const { key } = caller;
    const territory = await deps.stores.territories.get(key.territory);
    if (!territory) throw new NotFoundError('territory');
    return c.json(
      {
        role: key.role,
        keyId: key.id,
        label: key.label,
        territory: {
          id: territory.id,
          name: territory.name,
          timeZone: territory.timeZone,
          locales: territory.locales,
          promisedDays: suggestionSettingsOf(territory).promisedDays,
        },
      },
      200,
    );
  });
  return app;
}
