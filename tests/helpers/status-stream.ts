/**
 * A phone following its ticket (`GET /api/tickets/:id/events`, server-sent events): `next()`
 * gives the next `status` event's block, in order; other events are passed over.
 */
export async function statusStream(url: string, signal: AbortSignal): Promise<{ next(): Promise<string> }> {
  const res = await fetch(url, { signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next() {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith('event: status')) return block;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += value;
      }
    },
  };
}

/** the data of a `status` block */
export const statusData = <T>(block: string): T => JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as T;
