/**
 * Talking to the API with the signed-in key: JSON in and out, every failure an ApiFailure
 * carrying the contract's error (code, message, issues) for errors.ts to put in words.
 */

export interface Issue {
  path: string;
  message: string;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

/** Where things are: the API, the widget script and the hosted survey page (config.json, beside index.html). */
export interface ConsoleConfig {
  api: string;
  widget: string;
  hosted: string;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('config.json', { cache: 'no-store' });
  const c = (await res.json()) as Partial<ConsoleConfig>;
  const here = location.origin;
  return { api: c.api || here, widget: c.widget || `${here}/ecoute.js`, hosted: c.hosted || `${here}/s/` };
}

export type Api = ReturnType<typeof apiClient>;

export function apiClient(base: string, key: string) {
  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new ApiFailure(0, 'network', 'no answer');
    }
    if (!res.ok) {
      const data = (await res.json().catch(() => null)) as {
        error?: { code?: string; message?: string; issues?: Issue[] };
      } | null;
      const e = data?.error;
      throw new ApiFailure(res.status, e?.code ?? 'internal', e?.message ?? `HTTP ${res.status}`, e?.issues ?? []);
    }
    return res;
  }
  return {
    async get<T>(path: string): Promise<T> {
      return (await (await call('GET', path)).json()) as T;
    },
    async send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T | undefined> {
      const res = await call(method, path, body);
      return res.status === 204 ? undefined : ((await res.json()) as T);
    },
    /** A file the API renders (CSV, HTML), saved under the name it gives. */
    async download(path: string, fallback: string): Promise<void> {
      const res = await call('GET', path);
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
      saveFile(await res.blob(), name);
    },
  };
}

export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Who the key is (GET /v1/me). */
export type Me =
  | { role: 'operator' }
  | {
      role: 'admin' | 'evaluator' | 'moderator';
      keyId: string;
      label: string;
      territory: { id: string; name: string; timeZone: string; locales: string[]; promisedDays: number };
    };
export type StaffMe = Exclude<Me, { role: 'operator' }>;

export const enc = encodeURIComponent;
