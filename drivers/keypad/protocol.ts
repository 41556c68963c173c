/** Call keypads (呼叫器): the keys, the POLL reply and the SHOW display command. Pure. */

export type KeypadKey =
  | { key: 'NEXT' | 'RECALL' | 'SKIP' | 'START' | 'FINISH' | 'PAUSE' | 'RESUME' }
  | { key: 'TRANSFER'; serviceId: string };

const PLAIN_KEYS = new Set(['NEXT', 'RECALL', 'SKIP', 'START', 'FINISH', 'PAUSE', 'RESUME']);

/** A keypad as the host sees it. */
export interface Keypad {
  /** asks for a key press; null when none (or when the reply repeats one already acted on) */
  poll(): Promise<KeypadKey | null>;
  /** the keypad's display: the window's current number ('' when none) and how many wait */
  show(current: string, waiting: number): Promise<void>;
}

/** The arguments after OK of a POLL reply: [] or ['KEY', 'NEXT'] or ['KEY', 'TRANSFER:invoice']. */
export function parseKeyReply(args: readonly string[]): KeypadKey | null | 'invalid' {
  if (args.length === 0) return null;
  if (args[0] !== 'KEY' || args.length !== 2) return 'invalid';
  const key = args[1]!;
  if (PLAIN_KEYS.has(key)) return { key } as KeypadKey;
  const transfer = /^TRANSFER:(.+)$/.exec(key);
  if (transfer) return { key: 'TRANSFER', serviceId: transfer[1]! };
  return 'invalid';
}

export function keyText(k: KeypadKey): string {
  return k.key === 'TRANSFER' ? `TRANSFER:${k.serviceId}` : k.key;
}

export const showArgs = (current: string, waiting: number): string[] => [current, String(waiting)];
