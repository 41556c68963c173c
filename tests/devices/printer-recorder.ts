import { createServer, type Server, type Socket } from 'node:net';

/** A network printer stand-in: a real TCP server on a local port that records every job's bytes. */
export class RecordingPrinterServer {
  readonly jobs: Buffer[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private waiters: (() => void)[] = [];
  port = 0;

  async listen(port = 0): Promise<number> {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      const chunks: Buffer[] = [];
      socket.on('data', (c) => chunks.push(c));
      socket.on('close', () => {
        this.sockets.delete(socket);
        if (chunks.length === 0) return; // a presence check, not a job
        this.jobs.push(Buffer.concat(chunks));
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

  async nextJob(count = this.jobs.length + 1, timeoutMs = 5000): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    while (this.jobs.length < count) {
      if (Date.now() > deadline) throw new Error(`no print job #${count} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => { this.waiters.push(resolve); setTimeout(resolve, 50); });
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
