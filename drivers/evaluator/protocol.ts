/** Evaluator keypads (评价器): ASK a finished ticket's rating, POLL for it. Pure. */

/** 5 = 非常满意 … 1 = 非常不满意 */
export type Rating = 1 | 2 | 3 | 4 | 5;

export const RATING_LABELS: Record<Rating, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };

/** how long after ASK a rating is accepted for that ticket */
export const EVALUATION_OPEN_MS = 60_000;

/** An evaluator as the host sees it. */
export interface Evaluator {
  /** asks the visitor to rate a ticket; the keypad lights up with its number */
  ask(number: string): Promise<void>;
  /** a rating pressed since the last poll, or null */
  poll(): Promise<Rating | null>;
}

/** The arguments after OK of a POLL reply: [] or ['EVAL', '1'..'5']. */
export function parseEvalReply(args: readonly string[]): Rating | null | 'invalid' {
  if (args.length === 0) return null;
  if (args[0] !== 'EVAL' || args.length !== 2 || !/^[1-5]$/.test(args[1]!)) return 'invalid';
  return Number(args[1]) as Rating;
}

/** Whether a rating at `at` still belongs to the ticket asked about at `askedAt`. */
export function isRatingInTime(askedAt: Date, at: Date): boolean {
  const elapsed = at.getTime() - askedAt.getTime();
  return elapsed >= 0 && elapsed <= EVALUATION_OPEN_MS;
}
