/** A simulated bus end: opens a serial port (the far side of a pty pair) and answers for devices. */
import { ReadlineParser } from '@serialport/parser-readline';
import { SerialPort } from 'serialport';
import { BROADCAST_ADDRESS, parseFrame } from './protocol.js';
import type { SimDevice } from './sim-device.js';

export class SimPort {
  private readonly devices = new Map<number, SimDevice>();
  private port: SerialPort | undefined;
  /** frames with a bad CRC or malformed that reached the simulator */
  rejected = 0;

  constructor(
    readonly path: string,
    private readonly baudRate = 9600,
  ) {}

  add<D extends SimDevice>(device: D): D {
    this.devices.set(device.address, device);
    return device;
  }

  async open(): Promise<this> {
    const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    port.on('error', () => {});
    const parser = port.pipe(new ReadlineParser({ delimiter: '\n', encoding: 'latin1' }));
    parser.on('data', (line: string) => this.onLine(port, Buffer.from(line, 'latin1')));
    this.port = port;
    return this;
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private onLine(port: SerialPort, line: Buffer): void {
    const parsed = parseFrame(line);
    if (!parsed.ok) {
      this.rejected++;
      return;
    }
    const { frame } = parsed;
    if (frame.kind !== 'request') return;
    const targets = frame.address === BROADCAST_ADDRESS ? [...this.devices.values()] : [this.devices.get(frame.address)].filter((d) => d !== undefined);
    for (const device of targets) {
      const replies = device.handle(frame);
      if (frame.address === BROADCAST_ADDRESS) continue;
      const send = () => {
        for (const bytes of replies) if (port.isOpen) port.write(bytes);
      };
      if (device.delayMs > 0) setTimeout(send, device.delayMs);
      else send();
    }
  }
}
