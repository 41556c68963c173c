import type { Notification, Notifier } from './notifier.js';
import { SEND_TIMEOUT_SECONDS } from './outbox-dispatcher.js';

/** POSTs the notification as JSON; any answer but 2xx, or no answer in time, is a failure to retry. */
export class WebhookNotifier implements Notifier {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = SEND_TIMEOUT_SECONDS * 1000,
  ) {}

  async send(n: Notification): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `hallq-${n.id}` },
      body: JSON.stringify(n),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  }
}
