import { createServer, type Server, type Socket } from 'node:net';
import { DEADLINE_MS } from '../helpers/wait-for.js';

const DLE_EOT = Buffer.from([0x10, 0x04]);

/**
 * A network printer stand-in: a real TCP server on a local port that records every job's bytes.
 * `paperStatus` is the byte it answers to DLE EOT 4 (0x12 paper present, 0x72 paper end);
 * null leaves real-time commands unanswered, as many printers do.
 */
export class RecordingPrinterServer {
  readonly jobs: Buffer[] = [];
  paperStatus: number | null = null;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private waiters: (() => void)[] = [];
  port = 0;

  async listen(port = 0): Promise<number> {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      const chunks: Buffer[] = [];
      socket.on('data', (c) => {
        chunks.push(c);
        if (this.paperStatus !== null && c.includes(DLE_EOT)) socket.write(Buffer.from([this.paperStatus]));
      });
      socket.on('close', () => {
        this.sockets.delete(socket);
        const bytes = Buffer.concat(chunks);
        if (bytes.length === 0 || (bytes.length === 3 && bytes.subarray(0, 2).equals(DLE_EOT))) return; // a status query, not a job
        this.jobs.push(bytes);
        for (const w of this.waiters.splice(0)) w();
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    return this.port;
  }

  get url(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  async nextJob(count = this.jobs.length + 1, timeoutMs = DEADLINE_MS): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    while (this.jobs.length < count) {
      if (Date.now() > deadline) throw new Error(`no print job #${count} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.jobs[count - 1]!;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A local port with nothing listening: connecting to it is refused. */
export async function refusedPort(): Promise<number> {
  const probe = new RecordingPrinterServer();
  const port = await probe.listen();
  await probe.close();
  return port;
}
