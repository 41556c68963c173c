/**
 * Onbon simulators on the device end of a serial port (a socat pty) or on a TCP port, as an
 * Ethernet controller listens on 5005. Several controllers may share one serial line.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { FrameReader } from './framing.js';
import type { OnbonSimulator } from './simulator.js';

export class OnbonSimPort {
  private readonly boards: OnbonSimulator[] = [];
  private port: SerialPort | undefined;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  /** `path`: a serial port, or `tcp:PORT` to listen on 127.0.0.1 (`tcp:0` picks a free port) */
  constructor(
    readonly where: string,
    private readonly baudRate = 9600,
  ) {}

  add(board: OnbonSimulator): OnbonSimulator {
    this.boards.push(board);
    return board;
  }

  /** the TCP port listened on, once open */
  get tcpPort(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  async open(): Promise<this> {
    const tcp = /^tcp:(\d+)$/.exec(this.where);
    if (tcp) {
      const server = createServer((socket) => this.serve(socket, (b) => socket.write(b)));
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(Number(tcp[1]), '127.0.0.1', resolve));
      this.server = server;
      return this;
    }
    const port = new SerialPort({ path: this.where, baudRate: this.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    port.on('error', () => {});
    this.port = port;
    this.serve(port, (b) => {
      if (port.isOpen) port.write(b);
    });
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private serve(stream: NodeJS.EventEmitter, write: (bytes: Buffer) => void): void {
    if ('destroy' in stream) {
      const socket = stream as Socket;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {});
    }
    const reader = new FrameReader();
    stream.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        for (const board of this.boards) {
          const reply = board.handle(frame);
          if (reply) write(reply);
        }
      }
    });
  }
}
