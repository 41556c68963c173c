import { normalizePhone } from '../../server/domain/phone.js';
import type { Notification, Notifier } from '../../server/notify/notifier.js';

/** Keeps what it is sent: tests read the SMS codes a visitor would get on their phone. */
export class RecordingNotifier implements Notifier {
  readonly sent: Notification[] = [];

  async send(n: Notification): Promise<void> {
    this.sent.push(n);
  }

  /** the last confirmation code texted to this number */
  lastCode(phone: string): string {
    const to = normalizePhone(phone);
    const text = [...this.sent].reverse().find((n) => n.kind === 'phone-code' && n.to.phone === to)?.text;
    const code = text
      ?.match(/验证码为 (\d{6})|booking code is (\d{6})/)
      ?.slice(1)
      .find(Boolean);
    if (!code) throw new Error(`no code was texted to ${phone}`);
    return code;
  }
}
