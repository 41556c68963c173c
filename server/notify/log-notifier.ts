import type { Logger } from 'pino';
import { maskPhone } from '../domain/phone.js';
import type { Notification, Notifier } from './notifier.js';

/**
 * Writes that a notification went out (phone masked, no text: the text holds the appointment
 * code or an SMS code): for halls without an SMS gateway.
 */
export class LogNotifier implements Notifier {
  constructor(private readonly log: Logger) {}

  async send(n: Notification): Promise<void> {
    this.log.info({ kind: n.kind, phone: maskPhone(n.to.phone), id: n.id }, 'notification');
  }
}
