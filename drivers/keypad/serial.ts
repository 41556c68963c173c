/** A call keypad on an HQ-485 bus. */
import { pollDevice, type PollState } from '../bus/poll.js';
import { Priority } from '../bus/priority-queue.js';
import type { SerialBus } from '../bus/serial-bus.js';
import { parseKeyReply, showArgs, type Keypad, type KeypadKey } from './protocol.js';

export class SerialKeypad implements Keypad {
  readonly counters = { keys: 0, duplicates: 0, invalid: 0 };
  private readonly polling: PollState = { lastReplySeq: -1, counters: this.counters };
  private shown: string | undefined;

  constructor(
    private readonly bus: SerialBus,
    readonly address: number,
  ) {
    bus.attach(address);
    bus.on('status', (addr, status) => {
      if (addr === address && status === 'offline') this.shown = undefined;
    });
  }

  async poll(): Promise<KeypadKey | null> {
    const key = await pollDevice(this.bus, this.address, this.polling, parseKeyReply);
    if (key) this.counters.keys++;
    return key;
  }

  async message(text: string): Promise<void> {
    await this.bus.request(this.address, 'MSG', [text], Priority.command);
  }

  async show(current: string, waiting: number): Promise<void> {
    const text = `${current},${waiting}`;
    if (this.shown === text) return;
    this.shown = text;
    try {
      // a newer display takes the place of one still waiting for the bus
      await this.bus.request(this.address, 'SHOW', showArgs(current, waiting), Priority.command, { replaces: 'SHOW' });
    } catch (error) {
      this.shown = undefined;
      throw error;
    }
  }
}
