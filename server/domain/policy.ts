/** The hall's calling policy. Every figure has a documented default (README, "Policy"). */
export interface CallingPolicy {
  /** at most this many priority/transfer tickets in a row while plain tickets wait */
  priorityBurst: number;
  /** a ticket waiting this long is called before any other class (no starvation) */
  ageLimitMinutes: number;
  /** minutes before its slot start from which a checked-in appointment counts as "in its slot" */
  appointmentEarlyMinutes: number;
  /** call-next on a window whose ticket is still called/serving finishes it first instead of 409 */
  callNextFinishesCurrent: boolean;
  /** how many recent finished tickets feed the wait estimate */
  estimateSampleSize: number;
  /** the voice line; {number} and {window} are replaced */
  voiceTemplate: string;
  /** minutes of waiting at which alerts fire: impatient, annoyed, leaving */
  waitAlertMinutes: [number, number, number];
  /** kiosk issuing rate limit; staff issuing on a visitor's behalf is not limited */
  ticketsPerKioskPerMinute: number;
}

export const DEFAULT_POLICY: CallingPolicy = {
  priorityBurst: 2,
  ageLimitMinutes: 30,
  appointmentEarlyMinutes: 0,
  callNextFinishesCurrent: false,
  estimateSampleSize: 20,
  voiceTemplate: '请 {number} 号 到 {window} 号窗口 办理',
  waitAlertMinutes: [10, 20, 40],
  ticketsPerKioskPerMinute: 30,
};

export function resolvePolicy(partial: Partial<CallingPolicy> | undefined): CallingPolicy {
  return { ...DEFAULT_POLICY, ...(partial ?? {}) };
}
