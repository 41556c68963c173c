/**
 * A pure function of a string, its results kept for the keys that come back. Most lines of a
 * ticket are the same on every ticket (hall, service, notice, materials), and laying out and
 * encoding them again cost more CPU than issuing the ticket. Up to `maxEntries` results are kept;
 * when full, the memo starts over (per-ticket texts such as the number never accumulate).
 * Results are shared: callers must not change them.
 */
export function boundedMemo<T>(fn: (key: string) => T, maxEntries = 256): (key: string) => T {
  const results = new Map<string, T>();
  return (key) => {
    const hit = results.get(key);
    if (hit !== undefined) return hit;
    const value = fn(key);
    if (results.size >= maxEntries) results.clear();
    results.set(key, value);
    return value;
  };
}
