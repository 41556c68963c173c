/**
 * Sparse histograms of durations (value → count), packed as little-endian uint32 pairs with
 * values ascending: small enough to keep one per day, window, staff and service.
 */
export type Histogram = Map<number, number>;

export function packHistogram(h: Histogram): Uint8Array {
  const entries = [...h.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const out = new Uint8Array(entries.length * 8);
  const view = new DataView(out.buffer);
  entries.forEach(([v, c], i) => {
    view.setUint32(i * 8, v, true);
    view.setUint32(i * 8 + 4, c, true);
  });
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

/** value, count, value, count … as numbers (one decoding for many roll-ups) */
export function unpack(packed: Uint8Array): Uint32Array {
  const out = new Uint32Array(packed.byteLength >> 2);
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

/**
 * The packed histogram with one more sample: found by binary search and copied once, since a
 * month's histogram (hundreds of values) takes a sample at every call, start and finish.
 */
export function addSample(packed: Uint8Array | null | undefined, value: number): Uint8Array {
  const v = Math.max(0, Math.round(value));
  const src = packed ?? new Uint8Array(0);
  const n = src.byteLength >> 3;
  const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (view.getUint32(mid * 8, true) < v) lo = mid + 1;
    else hi = mid;
  }
  if (lo < n && view.getUint32(lo * 8, true) === v) {
    // a copy of its own (a Node Buffer's slice shares memory, and PostgreSQL's bytea Buffers sit inside a larger one)
    const out = new Uint8Array(n * 8);
    out.set(src.subarray(0, n * 8));
    new DataView(out.buffer).setUint32(lo * 8 + 4, view.getUint32(lo * 8 + 4, true) + 1, true);
    return out;
  }
  const out = new Uint8Array((n + 1) * 8);
  out.set(src.subarray(0, lo * 8));
  const put = new DataView(out.buffer);
  put.setUint32(lo * 8, v, true);
  put.setUint32(lo * 8 + 4, 1, true);
  out.set(src.subarray(lo * 8, n * 8), lo * 8 + 8);
  return out;
}

/** How many samples are above a value. */
export function countAbove(h: Histogram, value: number): number {
  let n = 0;
  for (const [v, c] of h) if (v > value) n += c;
  return n;
}

/**
 * A histogram for adding up many packed ones fast: a dense array for the usual values
 * (below 10 hours in tenths of a minute), a map for anything longer.
 */
export class DenseHistogram {
  static readonly BINS = 6000;
  private readonly bins = new Uint32Array(DenseHistogram.BINS);
  private readonly rest = new Map<number, number>();
  total = 0;
  sum = 0;
  max: number | null = null;

  add(value: number, count: number): void {
    if (value < DenseHistogram.BINS) this.bins[value]! += count;
    else this.rest.set(value, (this.rest.get(value) ?? 0) + count);
    this.total += count;
    this.sum += value * count;
    if (this.max === null || value > this.max) this.max = value;
  }

  /** adds a packed histogram, or the same already unpacked by `unpack` */
  addPacked(packed: Uint8Array | Uint32Array | null | undefined): void {
    if (!packed) return;
    const pairs = packed instanceof Uint32Array ? packed : unpack(packed);
    for (let i = 0; i + 1 < pairs.length; i += 2) this.add(pairs[i]!, pairs[i + 1]!);
  }

  /** adds another dense histogram: its used bins only (up to its largest value) */
  addHistogram(other: DenseHistogram): void {
    if (other.max === null) return;
    const top = Math.min(other.max, DenseHistogram.BINS - 1);
    for (let v = 0; v <= top; v++) this.bins[v]! += other.bins[v]!;
    for (const [v, c] of other.rest) this.rest.set(v, (this.rest.get(v) ?? 0) + c);
    this.total += other.total;
    this.sum += other.sum;
    if (this.max === null || other.max > this.max) this.max = other.max;
  }

  /** nearest-rank percentile, null when empty */
  percentile(p: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.min(this.total, Math.max(1, Math.ceil((p / 100) * this.total)));
    let seen = 0;
    for (let v = 0; v < DenseHistogram.BINS; v++) {
      seen += this.bins[v]!;
      if (seen >= rank) return v;
    }
    for (const [v, c] of [...this.rest.entries()].sort((a, b) => a[0] - b[0])) {
      seen += c;
      if (seen >= rank) return v;
    }
    return this.max;
  }

  countAbove(value: number): number {
    let n = 0;
    for (let v = Math.max(0, Math.floor(value) + 1); v < DenseHistogram.BINS; v++) n += this.bins[v]!;
    for (const [v, c] of this.rest) if (v > value) n += c;
    return n;
  }
}
