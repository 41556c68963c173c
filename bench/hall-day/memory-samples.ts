/**
 * The server's memory at a moment of the day, split as far as Node can tell: RSS (the OS), V8's
 * heap (used / reserved), memory held outside it for JS objects (buffers), and the rest — native
 * allocations (SQLite's page cache, glibc's arenas, code). Read from its Prometheus /metrics, so
 * the served server needs nothing extra.
 */
export interface MemorySample {
  /** the hall's time of day, HH:MM */
  at: string;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  /** of the heap reserved: the young generation (grows with the allocation rate) and the old */
  newSpaceMb: number;
  oldSpaceMb: number;
  /** RSS − V8 heap reserved − external: native memory (SQLite, malloc arenas, code) */
  nativeMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

function gauge(text: string, name: string, labels = ''): number {
  const m = new RegExp(`^${name}(?:\\{${labels}[^}]*\\})? ([0-9.e+-]+)`, 'm').exec(text);
  return m ? Number(m[1]) : Number.NaN;
}

export async function memorySample(url: string, at: string): Promise<MemorySample | undefined> {
  try {
    const res = await fetch(`${url}/metrics`);
    if (!res.ok) return undefined;
    const text = await res.text();
    const rss = gauge(text, 'process_resident_memory_bytes');
    const heapUsed = gauge(text, 'nodejs_heap_size_used_bytes');
    const heapTotal = gauge(text, 'nodejs_heap_size_total_bytes');
    const external = gauge(text, 'nodejs_external_memory_bytes');
    const space = (name: string) => mb(gauge(text, 'nodejs_heap_space_size_total_bytes', `space="${name}"`));
    return {
      at,
      rssMb: mb(rss),
      heapUsedMb: mb(heapUsed),
      heapTotalMb: mb(heapTotal),
      externalMb: mb(external),
      newSpaceMb: space('new'),
      oldSpaceMb: space('old'),
      nativeMb: mb(rss - heapTotal - external),
    };
  } catch {
    return undefined;
  }
}
