/** A call keypad on an HQ-485 bus. */
import { Priority } from '../bus/priority-queue.js';
import type { SerialBus } from '../bus/serial-bus.js';
import { parseKeyReply, showArgs, type Keypad, type KeypadKey } from './protocol.js';

export class SerialKeypad implements Keypad {
  readonly counters = { keys: 0, duplicates: 0, invalid: 0 };
  private lastReplySeq = -1;
  private shown: string | undefined;

  constructor(private readonly bus: SerialBus, readonly address: number) {
    bus.attach(address);
    bus.on('status', (addr, status) => {
      if (addr === address && status === 'offline') this.shown = undefined;
    });
  }

  async poll(): Promise<KeypadKey | null> {
    const reply = await this.bus.request(this.address, 'POLL', [], Priority.poll);
    // The bus hands over one reply per request, so the same SS twice in a row is a repeat.
    if (reply.seq === this.lastReplySeq) {
      this.counters.duplicates++;
      return null;
    }
    this.lastReplySeq = reply.seq;
    if (!reply.ok) return null;
    const key = parseKeyReply(reply.args);
    if (key === 'invalid') {
      this.counters.invalid++;
      return null;
    }
    if (key) this.counters.keys++;
    return key;
  }

  async show(current: string, waiting: number): Promise<void> {
    const text = `${current},${waiting}`;
    if (this.shown === text) return;
    this.shown = text;
    try {
      await this.bus.request(this.address, 'SHOW', showArgs(current, waiting), Priority.command);
    } catch (error) {
      this.shown = undefined;
      throw error;
    }
  }
}
