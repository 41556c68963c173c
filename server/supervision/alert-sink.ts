import type { Logger } from 'pino';
import type { AlertRecord } from '../../db/repositories/supervision-records.js';

/**
 * Where raised alerts go besides the monitor. The notify feature's Notifier is shaped for
 * visitors' booking messages, so alerts have this small interface of their own.
 */
export interface AlertSink {
  /** resolves once delivered; rejects with the reason */
  send(alert: AlertRecord & { hallName: string }): Promise<void>;
}

export class LogAlertSink implements AlertSink {
  constructor(private readonly log: Logger) {}

  async send(alert: AlertRecord & { hallName: string }): Promise<void> {
    this.log.warn({ alertId: alert.id, kind: alert.kind, level: alert.level, hallId: alert.hallId }, `预警 ${alert.message}`);
  }
}

/** POSTs the alert as JSON to the hall's supervision webhook (e.g. a WeCom/DingTalk bridge). */
export class WebhookAlertSink implements AlertSink {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 5000,
  ) {}

  async send(alert: AlertRecord & { hallName: string }): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `hallq-alert-${alert.id}` },
      body: JSON.stringify({ type: 'alert.raised', alert }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`alert webhook answered ${res.status}`);
  }
}
