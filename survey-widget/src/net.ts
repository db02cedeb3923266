/** Talking to the API: one fetch helper that never throws, and the contract's error shape. */

export interface ApiIssue {
  path: string;
  message: string;
}
export interface ApiError {
  code: string;
  message: string;
  issues?: ApiIssue[];
}

/** status 0: no answer at all (offline, blocked, reset). */
export interface Reply<T> {
  status: number;
  data?: T;
  error?: ApiError;
  retryAfter: string | null;
}

/**
 * A GET, or a POST of `body`, or `method` (DELETE) without one. The POST's JSON goes without a
 * content type, so the browser labels it `text/plain`, which the public submissions take: a CORS
 * simple request, with no preflight (one API request per response instead of two).
 */
export async function request<T>(url: string, body?: unknown, method?: string): Promise<Reply<T>> {
  try {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.method = 'POST';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(url, init);
    const json = (await res.json().catch(() => undefined)) as (T & { error?: ApiError }) | undefined;
    const reply: Reply<T> = { status: res.status, retryAfter: res.headers.get('retry-after') };
    if (res.ok) reply.data = json;
    else reply.error = json?.error;
    return reply;
  } catch {
    return { status: 0, retryAfter: null };
  }
}

/** The `api` attribute without its trailing slash (absent: the page's own origin). */
export function apiBase(attr: string | null | undefined): string {
  return (attr ?? '').replace(/\/+$/, '');
}
