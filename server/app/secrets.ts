import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { HashProcess } from './hash-process.js';

const KEY_LENGTH = 32;

/** scrypt with a per-password salt, stored as `scrypt$<salt>$<hash>` (seeding, the console). */
export function hashPassword(password: string): string {
  const salt = randomBytes(16).toString('base64url');
  return `scrypt$${salt}$${scryptSync(password, salt, KEY_LENGTH).toString('base64url')}`;
}

/**
 * Password hashing off the event loop. scrypt takes ~100 ms of CPU: run in the loop, a few
 * logins at once froze call-next and the boards. At most `concurrency` run at once, in a
 * low-priority process (HashProcess), so the event loop keeps its CPU and the server its memory.
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private dummy: string | undefined;
  private readonly process: HashProcess;

  constructor(
    private readonly concurrency: number,
    hashing: HashProcess = new HashProcess(concurrency),
  ) {
    this.process = hashing;
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
    return this.slot(() => this.process.derive(password, salt, length));
  }

  close(): Promise<void> {
    return this.process.close();
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

/**
 * The hashes of a new database's staff passwords, made outside the server's own memory (see
 * HashProcess) at full priority: the server is only starting. By staff id, for seedDatabase.
 */
export async function hashPasswordsForSeeding(staff: readonly { id: string; password: string }[]): Promise<Map<string, string>> {
  const hasher = new PasswordHasher(2, new HashProcess(2, 1000, 0));
  try {
    return new Map(await Promise.all(staff.map(async (s) => [s.id, await hasher.hash(s.password)] as const)));
  } finally {
    await hasher.close();
  }
}

/** Tokens are stored only as their SHA-256: a leaked database does not leak working tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}
