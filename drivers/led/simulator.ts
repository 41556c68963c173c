/** A simulated LED board: keeps its lines and brightness, counts the TXT writes it got. */
import { SimDevice } from '../bus/sim-device.js';

export class LedSimulator extends SimDevice {
  lines: string[] = [];
  brightness = 15;

  constructor(
    address: number,
    readonly lineCount = 4,
  ) {
    super(address);
  }

  /** what the board shows now, one string per line */
  shows(): string[] {
    return Array.from({ length: this.lineCount }, (_, i) => this.lines[i] ?? '');
  }

  protected answer(command: string, args: string[]): string[] {
    if (command === 'PING') return ['OK'];
    if (command === 'CLR') {
      this.lines = [];
      return ['OK'];
    }
    if (command === 'BRT') {
      const level = Number(args[0]);
      if (!Number.isInteger(level) || level < 0 || level > 15) return ['ER', 'RANGE'];
      this.brightness = level;
      return ['OK'];
    }
    if (command === 'TXT') {
      const line = Number(args[0]);
      if (!Number.isInteger(line) || line < 0 || line >= this.lineCount) return ['ER', 'LINE'];
      this.lines[line] = args[1] ?? '';
      return ['OK'];
    }
    return ['ER', 'UNKNOWN'];
  }
}
