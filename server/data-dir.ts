import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
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

function notWritable(dir: string, e: unknown): DataDirError {
  return new DataDirError(`data directory ${dir} is not writable (${(e as NodeJS.ErrnoException).code ?? String(e)}): give the service account write access, or choose another with --data`);
}

/**
 * One server per data directory: a second would serve a database the first also writes, both
 * would run the jobs (notifications sent twice) and a board on one would never see the other's
 * tickets. The lock file names the holder's pid; one left by a process that died is taken over.
 * Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw notWritable(dir, e);
  }
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => { try { unlinkSync(file); } catch { /* already gone */ } };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw notWritable(dir, e);
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new DataDirError(`data directory ${dir} is in use by another Hall Queue server (pid ${pid}): stop it first, or give this one its own --data directory`);
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
