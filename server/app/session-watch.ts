import type { Principal } from '../contract/principal.js';

type Listener = (tokenHashes: readonly string[]) => void;
/** the hashes of the tokens a holder's open connections of a kind were opened with */
type Holder = (kind: Principal['type']) => Iterable<string>;

/**
 * Tells whoever holds connections (the realtime gateway) that tokens ended: the staff sessions this
 * node ended (logout, expiry, password change), and on PostgreSQL the sessions and device tokens
 * any node ended, found by asking the holders what they hold (store/postgres/token-recheck.ts).
 */
export class SessionWatch {
  private readonly listeners = new Set<Listener>();
  private readonly holders = new Set<Holder>();

  onEnded(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ended(tokenHashes: readonly string[]): void {
    if (tokenHashes.length === 0) return;
    for (const listener of this.listeners) listener(tokenHashes);
  }

  holding(holder: Holder): () => void {
    this.holders.add(holder);
    return () => this.holders.delete(holder);
  }

  /** the token hashes the open connections of `kind` were opened with, each once */
  held(kind: Principal['type']): string[] {
    const hashes = new Set<string>();
    for (const holder of this.holders) for (const hash of holder(kind)) hashes.add(hash);
    return [...hashes];
  }
}
