import type { Logger } from 'pino';
import { maskPhone } from '../domain/phone.js';
import type { Notification, Notifier } from './notifier.js';

/** Writes each notification to the log (phone masked): for halls without an SMS gateway. */
export class LogNotifier implements Notifier {
  constructor(private readonly log: Logger) {}

  async send(n: Notification): Promise<void> {
    this.log.info({ kind: n.kind, code: n.appointment.code, phone: maskPhone(n.to.phone), id: n.id }, 'notification');
  }
}
