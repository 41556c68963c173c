/** A simulated call keypad: key presses queue up for the next POLL; SHOW updates its display. */
import { SimDevice } from '../bus/sim-device.js';

export class KeypadSimulator extends SimDevice {
  /** what its display shows */
  display = { current: '', waiting: 0 };
  /** the line of text under the number ('' when none) */
  message = '';
  private readonly pending: string[] = [];

  /** a key press: NEXT, RECALL, SKIP, START, FINISH, PAUSE, RESUME, TRANSFER:<serviceId>, LOGIN:<employeeNo> or LOGOUT */
  press(key: string): void {
    this.pending.push(key);
  }

  get pendingKeys(): number {
    return this.pending.length;
  }

  override reset(): void {
    super.reset();
    this.pending.length = 0;
  }

  protected answer(command: string, args: string[]): string[] {
    if (command === 'PING') return ['OK'];
    if (command === 'POLL') {
      const key = this.pending.shift();
      return key ? ['OK', 'KEY', key] : ['OK'];
    }
    if (command === 'SHOW') {
      this.display = { current: args[0] ?? '', waiting: Number(args[1] ?? 0) };
      return ['OK'];
    }
    if (command === 'MSG') {
      this.message = args[0] ?? '';
      return ['OK'];
    }
    return ['ER', 'UNKNOWN'];
  }
}
