/** A JSON call to the server under test, timed; non-2xx answers are returned, not thrown. */
export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  ms: number;
}

export type Api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, opts?: { token?: string; body?: unknown }) => Promise<ApiAnswer>;

export function apiOf(base: string): Api {
  return async (method, path, opts = {}) => {
    const t0 = performance.now();
    const res = await fetch(base + path, {
      method,
      headers: { ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
      ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    let body: unknown = text;
    try { body = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, body, ms };
  };
}

/** The answer's body, or an error naming the call and what the server said. */
export function expectOk<T = any>(answer: ApiAnswer<T>, what: string): T {
  if (answer.status < 200 || answer.status >= 300) throw new Error(`${what} → ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}
