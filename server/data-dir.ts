import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The data directory cannot be used: its message is for the operator, as is. */
export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

export const LOCK_FILE = 'hall-queue.lock';
export const HMAC_KEY_FILE = 'hmac.key';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What the operator must fix, by the file system's own reason. */
function notWritable(dir: string, e: unknown): DataDirError {
  const code = (e as NodeJS.ErrnoException).code ?? String(e);
  const why: Record<string, string> = {
    EROFS: 'is on a read-only file system (EROFS): mount it read-write, or choose another with --data',
    ENOTDIR: 'cannot be made: part of its path is a file, not a directory (ENOTDIR): move the file away, or choose another with --data',
    EEXIST: 'is a file, not a directory (EEXIST): move the file away, or choose another with --data',
    EACCES: 'is not writable by this account (EACCES): give the service account write access, or choose another with --data',
    EPERM: 'is not writable by this account (EPERM): give the service account write access, or choose another with --data',
    ENOSPC: 'is on a full disk (ENOSPC): free some space, or choose another with --data',
  };
  return new DataDirError(
    `data directory ${dir} ${why[code] ?? `is not writable (${code}): give the service account write access, or choose another with --data`}`,
  );
}

/** A recursive mkdir reports ENOENT where the parent refused (a read-only mount): ask once more for the real reason. */
function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(dir, { mode: 0o700 });
  }
}

/**
 * Made if missing and proved writable by writing a file, before anything else is written there:
 * a read-only mount, a file in the way or a missing permission stops the start with one line
 * saying which, not a stack from whichever write came first.
 */
export function ensureWritableDataDir(dir: string): void {
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    makeDir(dir);
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'EEXIST' });
    writeFileSync(probe, 'ok', { flag: 'w', mode: 0o600 });
    unlinkSync(probe);
  } catch (e) {
    throw notWritable(dir, e);
  }
}

/**
 * One server per data directory: a second would serve a database the first also writes, both
 * would run the jobs (notifications sent twice) and a board on one would never see the other's
 * tickets. The lock file names the holder's pid; one left by a process that died is taken over.
 * Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  ensureWritableDataDir(dir);
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw notWritable(dir, e);
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new DataDirError(
          `data directory ${dir} is in use by another Hall Queue server (pid ${pid}): stop it first, or give this one its own --data directory`,
        );
      }
      unlinkSync(file); // left by a server that died (kill -9, power cut)
    }
  }
  throw new DataDirError(`data directory ${dir}: could not take the lock ${file}`);
}

/**
 * The key of the phone and ID-number hashes, kept out of the database: a copied database alone
 * no longer lets anyone test ID numbers against the hashes. HALLQ_HMAC_KEY (base64) wins; else
 * the key file (0600) in the data directory, made on first start — or moved there from the
 * database of an older version, so its hashes still match.
 */
export function hashKey(dir: string, fromDatabase: string | null): { key: Buffer; movedFromDatabase: boolean } {
  const fromEnv = process.env.HALLQ_HMAC_KEY;
  if (fromEnv) return { key: Buffer.from(fromEnv, 'base64'), movedFromDatabase: false };
  const file = join(dir, HMAC_KEY_FILE);
  if (existsSync(file)) return { key: Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'), movedFromDatabase: false };
  const key = fromDatabase ?? crypto.getRandomValues(Buffer.alloc(32)).toString('base64');
  writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key: Buffer.from(key, 'base64'), movedFromDatabase: fromDatabase !== null };
}
