/**
 * Sparse histograms of durations (value → count), packed as little-endian uint32 pairs with
 * values ascending: small enough to keep one per day, window, staff and service.
 */
export type Histogram = Map<number, number>;

export function packHistogram(h: Histogram): Uint8Array {
  const entries = [...h.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const out = new Uint8Array(entries.length * 8);
  const view = new DataView(out.buffer);
  entries.forEach(([v, c], i) => { view.setUint32(i * 8, v, true); view.setUint32(i * 8 + 4, c, true); });
  return out;
}

/** Adds a packed histogram into `into` (created when absent). */
export function addPacked(packed: Uint8Array | null | undefined, into: Histogram = new Map()): Histogram {
  if (!packed) return into;
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  for (let i = 0; i + 8 <= packed.byteLength; i += 8) {
    const v = view.getUint32(i, true);
    into.set(v, (into.get(v) ?? 0) + view.getUint32(i + 4, true));
  }
  return into;
}

export function addSample(packed: Uint8Array | null | undefined, value: number): Uint8Array {
  const h = addPacked(packed);
  const v = Math.max(0, Math.round(value));
  h.set(v, (h.get(v) ?? 0) + 1);
  return packHistogram(h);
}

/** How many samples are above a value. */
export function countAbove(h: Histogram, value: number): number {
  let n = 0;
  for (const [v, c] of h) if (v > value) n += c;
  return n;
}
