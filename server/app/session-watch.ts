type Listener = (tokenHashes: readonly string[]) => void;

/** Tells whoever holds connections (the realtime gateway) that staff sessions ended. */
export class SessionWatch {
  private readonly listeners = new Set<Listener>();

  onEnded(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ended(tokenHashes: readonly string[]): void {
    if (tokenHashes.length === 0) return;
    for (const listener of this.listeners) listener(tokenHashes);
  }
}
