import type { PrinterInterface } from './ticket-printer.js';

export type SimulatedPrinterState = 'online' | 'offline' | 'paper_out';

/**
 * A printer with no hardware: node-thermal-printer writes to it like to any transport, and it
 * keeps the exact bytes of every job. Tests (and the demo hall) switch it offline or out of paper.
 */
export class SimulatedPrinterInterface implements PrinterInterface {
  readonly jobs: Buffer[] = [];
  private state: SimulatedPrinterState = 'online';

  constructor(private readonly name = 'simulated') {}

  getPrinterName(): string {
    return this.name;
  }

  async isPrinterConnected(): Promise<boolean> {
    return this.state !== 'offline';
  }

  async isPaperOut(): Promise<boolean> {
    return this.state === 'paper_out';
  }

  async execute(buffer: Buffer): Promise<void> {
    if (this.state === 'offline') throw new Error('simulated printer is offline');
    if (this.state === 'paper_out') throw new Error('simulated printer is out of paper');
    this.jobs.push(Buffer.from(buffer));
  }

  setState(state: SimulatedPrinterState): void {
    this.state = state;
  }

  get lastJob(): Buffer | undefined {
    return this.jobs[this.jobs.length - 1];
  }

  reset(): void {
    this.jobs.length = 0;
    this.state = 'online';
  }
}
