import { closeSync, existsSync, fdatasync, openSync } from 'node:fs';

/** flushes the file behind `fd` to the disk, off the event loop (libuv's thread pool) */
export type FlushFile = (fd: number) => Promise<void>;

const noop = () => {};

export const fdatasyncOffLoop: FlushFile = (fd) =>
  new Promise((resolve, reject) => {
    fdatasync(fd, (error) => (error ? reject(error) : resolve()));
  });

/**
 * Makes committed WAL frames durable without holding the event loop during the disk's flush.
 *
 * A write commits at synchronous=NORMAL (its frames are written into the WAL, not flushed) and is
 * acknowledged only once `durable()` resolves: one fdatasync of the WAL file, run on the thread
 * pool, that began after its commit. Commits that land while a flush is running share the next
 * one (group commit), so a disk's slow flush holds up the writes waiting on it, never the requests
 * behind them on the loop. What SQLite's synchronous=FULL does in WAL mode is exactly this flush
 * of the WAL at each commit; WAL frames are checksummed, so after a power cut SQLite recovers a
 * prefix of the commits, and every acknowledged one is in it.
 */
export class WalSync {
  private fd: number | undefined;
  /** the flush under way, and the one queued behind it for the commits it may not cover */
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(
    private readonly walFile: string,
    private readonly flush: FlushFile = fdatasyncOffLoop,
  ) {}

  /** false before the WAL file exists (a store that has never written): such a commit runs at FULL */
  canFlush(): boolean {
    if (this.fd !== undefined) return true;
    if (!existsSync(this.walFile)) return false;
    // the WAL keeps its inode while the database stays open: SQLite rewrites it from the start after a checkpoint, it does not replace it
    this.fd = openSync(this.walFile, 'r');
    return true;
  }

  /** resolves once every frame committed before this call is on the disk */
  durable(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    const after = () => {
      this.queued = undefined;
      return this.start();
    };
    this.queued = this.running.then(after, after);
    return this.queued;
  }

  /** resolves after every flush already asked for: a commit that needs no flush of its own is answered in commit order */
  settled(): Promise<void> {
    return (this.queued ?? this.running ?? Promise.resolve()).then(noop, noop);
  }

  /** closes the file once the flushes asked for have ended (a flush on a closed descriptor could hit a reused one) */
  close(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) void this.settled().then(() => closeSync(fd));
  }

  private start(): Promise<void> {
    const flushing = this.flush(this.fd!).finally(() => {
      if (this.running === flushing) this.running = undefined;
    });
    this.running = flushing;
    return flushing;
  }
}
