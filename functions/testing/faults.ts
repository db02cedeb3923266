/** A database that goes away: the calls `when` picks fail as a refused connection does (a 503 to the client). */
import type { Db } from '../store/dynamo.ts';

type Picked = (args: { input: unknown }, context: { commandName?: string }) => boolean;

/** Makes the calls `when` picks fail from now on; returns what stops it. */
export function refuseConnections(db: Db, when: Picked): () => void {
  const name = `refuseConnections-${Math.random().toString(36).slice(2)}`;
  db.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (when(args, context))
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
      return next(args);
    },
    { step: 'initialize', name },
  );
  return () => void db.client.middlewareStack.remove(name);
}

/** Only the next call fails. */
export function refuseNextConnection(db: Db): () => void {
  let fail = true;
  return refuseConnections(db, () => {
    const now = fail;
    fail = false;
    return now;
  });
}
