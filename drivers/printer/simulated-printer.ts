import type { PrinterInterface } from './ticket-printer.js';

export type SimulatedPrinterState = 'online' | 'offline' | 'paper_out';

const KEPT_JOBS = 100;

/**
 * A printer with no hardware: node-thermal-printer writes to it like to any transport, and it
 * keeps the exact bytes of its recent jobs. Tests (and the demo hall) switch it offline or out of paper.
 */
export class SimulatedPrinterInterface implements PrinterInterface {
  /** the last KEPT_JOBS tickets printed, oldest first: a demo hall prints all day, and memory must not grow with it */
  readonly jobs: Buffer[] = [];
  /** tickets printed since start */
  printed = 0;
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
    this.printed++;
    if (this.jobs.length > KEPT_JOBS) this.jobs.splice(0, this.jobs.length - KEPT_JOBS);
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
