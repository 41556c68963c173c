/**
 * Waiting in tests: wait for the condition you are about to assert, never for a fixed time.
 *
 * A fixed sleep is either too short on a loaded machine (a bench or another suite beside this one
 * makes everything 10–20× slower) or wastes time on a quiet one. A deadline costs nothing when the
 * condition comes true early, so deadlines here are generous; they only decide how long a broken
 * test takes to say what it was waiting for.
 */

/** How long to wait for something that takes milliseconds on a quiet machine. */
export const DEADLINE_MS = 20_000;

/** Polls until `check` holds, or fails after `timeoutMs` naming what was awaited (a function: worded when it fails, to say what was seen). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string | (() => string), timeoutMs = DEADLINE_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Polls `get` until its value satisfies `ok`, and returns that value; fails after `timeoutMs` naming what was awaited. */
export async function eventually<T>(what: string, get: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = DEADLINE_MS): Promise<T> {
  let value: T | undefined;
  await waitFor(async () => ok((value = await get())), what, timeoutMs);
  return value as T;
}
