/** Call keypads (呼叫器): the keys, the POLL reply and the SHOW display command. Pure. */

export type KeypadKey =
  | { key: 'NEXT' | 'RECALL' | 'SKIP' | 'START' | 'FINISH' | 'PAUSE' | 'RESUME' }
  | { key: 'TRANSFER'; serviceId: string }
  /** 工号签到: the clerk typed their employee number on the keypad */
  | { key: 'LOGIN'; employeeNo: string }
  /** 签退: the clerk leaves the window (it closes) */
  | { key: 'LOGOUT' };

const PLAIN_KEYS = new Set(['NEXT', 'RECALL', 'SKIP', 'START', 'FINISH', 'PAUSE', 'RESUME', 'LOGOUT']);

/** A keypad as the host sees it. */
export interface Keypad {
  /** asks for a key press; null when none (or when the reply repeats one already acted on) */
  poll(): Promise<KeypadKey | null>;
  /** the keypad's display: the window's current number ('' when none) and how many wait */
  show(current: string, waiting: number): Promise<void>;
  /** a short line of text under the number (why a key was refused); '' clears it */
  message(text: string): Promise<void>;
}

/** The arguments after OK of a POLL reply: [] or ['KEY', 'NEXT'] or ['KEY', 'TRANSFER:invoice'] or ['KEY', 'LOGIN:0101']. */
export function parseKeyReply(args: readonly string[]): KeypadKey | null | 'invalid' {
  if (args.length === 0) return null;
  if (args[0] !== 'KEY' || args.length !== 2) return 'invalid';
  const key = args[1]!;
  if (PLAIN_KEYS.has(key)) return { key } as KeypadKey;
  const transfer = /^TRANSFER:(.+)$/.exec(key);
  if (transfer) return { key: 'TRANSFER', serviceId: transfer[1]! };
  const login = /^LOGIN:([0-9A-Za-z-]{1,32})$/.exec(key);
  if (login) return { key: 'LOGIN', employeeNo: login[1]! };
  return 'invalid';
}

export function keyText(k: KeypadKey): string {
  if (k.key === 'TRANSFER') return `TRANSFER:${k.serviceId}`;
  if (k.key === 'LOGIN') return 'LOGIN'; // the employee number stays out of logs and health
  return k.key;
}

/** A keypad shows few characters: the refusal's reason in a few hanzi, by its code. */
const REFUSAL_TEXT: Record<string, string> = {
  SIGN_IN_REQUIRED: '请先签到',
  UNKNOWN_EMPLOYEE: '工号无效',
  WINDOW_HELD: '窗口他人在岗',
  WINDOW_NOT_OPEN: '窗口未开启',
  WINDOW_NOT_PAUSED: '窗口未暂停',
  WINDOW_BUSY: '请先办结',
  QUEUE_EMPTY: '无人等候',
  TICKET_NOT_CURRENT: '当前无号',
  FORBIDDEN: '无权操作',
};

export function refusalText(code: string | undefined): string {
  return (code && REFUSAL_TEXT[code]) || '操作未执行';
}

export const showArgs = (current: string, waiting: number): string[] => [current, String(waiting)];
