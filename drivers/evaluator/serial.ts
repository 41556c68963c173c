/** An evaluator keypad on an HQ-485 bus. */
import { pollDevice, type PollState } from '../bus/poll.js';
import { Priority } from '../bus/priority-queue.js';
import type { SerialBus } from '../bus/serial-bus.js';
import { parseEvalReply, type Evaluator, type Rating } from './protocol.js';

export class SerialEvaluator implements Evaluator {
  readonly counters = { ratings: 0, duplicates: 0, invalid: 0 };
  private readonly polling: PollState = { lastReplySeq: -1, counters: this.counters };

  constructor(
    private readonly bus: SerialBus,
    readonly address: number,
  ) {
    bus.attach(address);
  }

  async ask(number: string): Promise<void> {
    const reply = await this.bus.request(this.address, 'ASK', [number], Priority.display);
    if (!reply.ok) throw new Error(`evaluator ${this.address} refused ASK: ${reply.args.join(',')}`);
  }

  async poll(): Promise<Rating | null> {
    const rating = await pollDevice(this.bus, this.address, this.polling, parseEvalReply);
    if (rating) this.counters.ratings++;
    return rating;
  }
}
