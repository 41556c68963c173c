/** A simulated evaluator: shows the number it was asked about; a press waits for the next POLL. */
import { SimDevice } from '../bus/sim-device.js';

export class EvaluatorSimulator extends SimDevice {
  /** the ticket number it was last asked to rate, '' before any */
  asking = '';
  private readonly pending: number[] = [];

  /** the visitor presses a rating key (5 = 非常满意 … 1 = 非常不满意) */
  rate(level: number): void {
    this.pending.push(level);
  }

  get pendingRatings(): number {
    return this.pending.length;
  }

  override reset(): void {
    super.reset();
    this.pending.length = 0;
    this.asking = '';
  }

  protected answer(command: string, args: string[]): string[] {
    if (command === 'PING') return ['OK'];
    if (command === 'ASK') {
      this.asking = args[0] ?? '';
      return ['OK'];
    }
    if (command === 'POLL') {
      const level = this.pending.shift();
      return level !== undefined ? ['OK', 'EVAL', String(level)] : ['OK'];
    }
    return ['ER', 'UNKNOWN'];
  }
}
