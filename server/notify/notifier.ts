/**
 * How the hall reaches a visitor: booking confirmation, reminders, "your turn soon". A hall
 * plugs in its SMS gateway through the webhook implementation; the log one is the default.
 */
export type NotificationKind =
  | 'confirmation'
  | 'reminder'
  | 'turn-soon'
  | 'cancelled'
  | 'no-show'
  | 'phone-code'
  /** the person may not book for a while (too many no-shows), and when that ends (expiry or lifted) */
  | 'barred'
  | 'bar-ended';

export interface Notification {
  /** outbox id: a receiver that sees it twice (a retry after a lost answer) can drop the copy */
  id: number;
  kind: NotificationKind;
  hallId: string;
  hallName: string;
  to: { name: string; phone: string };
  /** absent for a phone confirmation code (there is no booking yet) */
  appointment?: { code: string; serviceId: string; serviceName: string; start: string; end: string };
  ticketNumber?: string;
  /** the language of `text`: the booking's (zh-CN for a phone confirmation code) */
  lang: 'zh-CN' | 'en';
  /** text ready for an SMS */
  text: string;
}

export interface Notifier {
  /** Resolves once the message is accepted; rejects (with the reason) so the outbox retries. */
  send(notification: Notification): Promise<void>;
}
