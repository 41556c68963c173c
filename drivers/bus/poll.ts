import { Priority } from './priority-queue.js';
import type { SerialBus } from './serial-bus.js';

export interface PollState {
  /** SS of the last reply taken; a reply with the same SS is a repeat */
  lastReplySeq: number;
  counters: { duplicates: number; invalid: number };
}

/**
 * One `POLL` of a keypad or evaluator. The bus hands over one reply per request, so the same SS
 * twice in a row is a repeated reply: counted, and acted on once. A reply `parse` cannot read is
 * counted as invalid. Returns what the device reported, or null for nothing.
 */
export async function pollDevice<T>(
  bus: SerialBus,
  address: number,
  state: PollState,
  parse: (args: readonly string[]) => T | null | 'invalid',
): Promise<T | null> {
  const reply = await bus.request(address, 'POLL', [], Priority.poll);
  if (reply.seq === state.lastReplySeq) {
    state.counters.duplicates++;
    return null;
  }
  state.lastReplySeq = reply.seq;
  if (!reply.ok) return null;
  const value = parse(reply.args);
  if (value === 'invalid') {
    state.counters.invalid++;
    return null;
  }
  return value;
}
