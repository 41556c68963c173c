/** A JSON call to the server under test, timed; non-2xx answers (and no answer: status 0) are returned, not thrown. */
export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  ms: number;
}

export type Api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, opts?: { token?: string; body?: unknown }) => Promise<ApiAnswer>;

/** how often a caller retries a 503 OVERLOADED (answered before any work was done) before giving up */
const OVERLOADED_RETRIES = 5;

/**
 * A caller as the hall's clients behave: a 503 OVERLOADED from the server's load shedding was answered
 * before any work was done, so it is retried after its Retry-After, as a visitor taps again; the
 * answer's `ms` includes those waits (what the person at the kiosk lived through).
 */
export function apiOf(base: string): Api {
  const once = onceApiOf(base);
  return async (method, path, opts = {}) => {
    const t0 = performance.now();
    let answer = await once(method, path, opts);
    for (let retry = 0; retry < OVERLOADED_RETRIES && answer.status === 503 && answer.body?.error?.code === 'OVERLOADED'; retry++) {
      await new Promise((r) => setTimeout(r, (Number(answer.retryAfterS) || 1) * 1000));
      answer = await once(method, path, opts);
    }
    return { ...answer, ms: performance.now() - t0 };
  };
}

function onceApiOf(base: string): (...args: Parameters<Api>) => Promise<ApiAnswer & { retryAfterS?: string | null }> {
  return async (method, path, opts = {}) => {
    const t0 = performance.now();
    let res: Response;
    let text: string;
    try {
      res = await fetch(base + path, {
        method,
        headers: {
          ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        },
        ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
      });
      text = await res.text();
    } catch (err) {
      // no answer at all (refused, timed out): status 0, so a day's run records it and goes on
      return { status: 0, body: { error: { code: 'NO_ANSWER', message: String((err as Error).cause ?? err) } }, ms: performance.now() - t0 };
    }
    const ms = performance.now() - t0;
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, ms, retryAfterS: res.headers.get('retry-after') };
  };
}

/** The answer's body, or an error naming the call and what the server said. */
export function expectOk<T = any>(answer: ApiAnswer<T>, what: string): T {
  if (answer.status < 200 || answer.status >= 300) throw new Error(`${what} → ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}
