/**
 * What an origin is (`https://www.example.fr`, `http://localhost:8080`: a scheme, a host and maybe
 * a port, nothing after), without zod: the territory's schema (territory.ts) and the deployment's
 * settings, which the public Lambda reads at its start, share it.
 */
/** The longest origin a territory or the deployment may name. */
export const ORIGIN_MAX_LENGTH = 200;
export const ORIGIN_MESSAGE = 'expected an origin such as https://www.example.fr (scheme, host and port only)';

/** The origin `s` names, normalized as browsers send it (no trailing slash); undefined when `s` is not one. */
export function originOf(s: string): string | undefined {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s.replace(/\/$/, '')
      ? u.origin
      : undefined;
  } catch {
    return undefined;
  }
}
