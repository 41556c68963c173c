import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { HashWorkers } from './hash-workers.js';

const KEY_LENGTH = 32;

/** scrypt with a per-password salt, stored as `scrypt$<salt>$<hash>` (seeding, the console). */
export function hashPassword(password: string): string {
  const salt = randomBytes(16).toString('base64url');
  return `scrypt$${salt}$${scryptSync(password, salt, KEY_LENGTH).toString('base64url')}`;
}

/**
 * Password hashing off the event loop. scrypt takes ~100 ms of CPU: run in the loop, a few
 * logins at once froze call-next and the boards. At most `concurrency` run at once, on
 * low-priority worker threads (HashWorkers), so the event loop keeps its CPU.
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private dummy: string | undefined;
  private readonly workers: HashWorkers;

  constructor(private readonly concurrency: number) {
    this.workers = new HashWorkers(concurrency);
  }

  private async slot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  private derive(password: string, salt: string, length: number): Promise<Buffer> {
    return this.slot(() => this.workers.derive(password, salt, length));
  }

  close(): Promise<void> {
    return this.workers.close();
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16).toString('base64url');
    return `scrypt$${salt}$${(await this.derive(password, salt, KEY_LENGTH)).toString('base64url')}`;
  }

  /**
   * With no stored hash (an unknown user) the same work is done against a dummy one, so the
   * answer's timing does not tell which usernames exist.
   */
  async verify(password: string, stored: string | undefined): Promise<boolean> {
    this.dummy ??= await this.hash(randomBytes(16).toString('hex'));
    const [scheme, salt, hash] = (stored ?? this.dummy).split('$');
    const usable = scheme === 'scrypt' && !!salt && !!hash;
    const [, dummySalt, dummyHash] = this.dummy.split('$');
    const expected = Buffer.from(usable ? hash : dummyHash!, 'base64url');
    const actual = await this.derive(password, usable ? salt : dummySalt!, expected.length);
    return usable && stored !== undefined && timingSafeEqual(actual, expected);
  }
}

/** Tokens are stored only as their SHA-256: a leaked database does not leak working tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}
